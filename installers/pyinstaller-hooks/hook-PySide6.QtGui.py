"""Replaces PyInstaller's own hook for PySide6.QtGui (hooks given with
``hookspath`` take precedence): the same plugins, minus those Hanoi Desk never
loads on a desktop. Filtering here, before PyInstaller follows the plugins'
library dependencies, keeps their dependencies out too: the GTK 3 platform
theme alone pulls in GTK, GDK, Pango, Cairo and ATK (about 25 MB), the VNC
platform and the TUIO input plugin pull in QtNetwork and Kerberos.
"""

import re

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = re.compile(
    r"plugins[/\\]("
    r"platformthemes[/\\]libqgtk3"  # native GTK dialogs; the portal theme stays
    r"|platforms[/\\]\w*(eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)"  # embedded devices, VNC
    r"|egldeviceintegrations[/\\]"  # only for eglfs
    r"|generic[/\\]"  # evdev and TUIO input: embedded devices without a windowing system
    r")"
)

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if not UNUSED_PLUGINS.search(src)]
