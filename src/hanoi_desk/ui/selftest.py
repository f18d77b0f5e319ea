"""The Qt part of ``hanoi-desk --self-test``: the platform plugin loads, the
bundled font and translations load, and a widget paints Vietnamese text.

Kept in ``ui`` because only this package imports Qt. ``hanoi-desk
--self-test`` runs it in a child process (``cli.selftest_cmd``), so that Qt
aborting on a plugin that cannot start, or PySide6 failing to import, becomes
a ``FAIL`` line; the check's name (``QT_CHECK``) lives in ``selftest.runner``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hanoi_desk.i18n import N_
from hanoi_desk.resources import font, resources_dir
from hanoi_desk.selftest.runner import QT_CHECK, Check, CheckFailed, Workbench
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets

NO_PLUGIN = N_("no platform plugin “{name}” in {folder} (present: {present})")
NO_FONT = N_("Qt could not load the bundled font {path}")
NO_TRANSLATION = N_("Qt could not load the translation {path}")
NOTHING_PAINTED = N_("the widget painted nothing on platform “{platform}”")
QT_OK = N_("“{platform}”, painted {pixels} px of Vietnamese text in {family}, Qt {version}")

SAMPLE_TEXT = "Ủy ban nhân dân thành phố Hà Nội"
_DEFAULT_PLATFORM = {"win32": "windows", "darwin": "cocoa"}

# The application outlives the check: Qt must not be torn down under later work.
_app: QtWidgets.QApplication | None = None


def _wanted_platforms() -> list[str]:
    """What Qt will try, from QT_QPA_PLATFORM ("wayland;xcb", "offscreen:opt")."""
    value = os.environ.get("QT_QPA_PLATFORM", "")
    if value:
        return [p.split(":")[0] for p in value.split(";") if p]
    return [_DEFAULT_PLATFORM.get(sys.platform, "xcb")]


def _check_plugin_present() -> None:
    """Qt aborts the process when no platform plugin can be loaded; say which is
    missing first, as a readable FAIL line (the parent still turns any abort
    into a FAIL line, with less to say)."""
    folder = Path(QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.PluginsPath))
    folder = folder / "platforms"
    present = sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
    wanted = _wanted_platforms()
    if not any(any(f"q{name}." in file for file in present) for name in wanted):
        raise CheckFailed(NO_PLUGIN, name=";".join(wanted), folder=folder, present=present)


def _application() -> QtWidgets.QApplication:
    global _app  # noqa: PLW0603 - one application per process
    existing = QtWidgets.QApplication.instance()
    if isinstance(existing, QtWidgets.QApplication):
        return existing
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless and "QT_QPA_PLATFORM" not in os.environ:
        # A server or a CI runner: check what can be checked without a screen.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _check_plugin_present()
    _app = QtWidgets.QApplication(sys.argv[:1])
    return _app


def _painted_pixels(image: QtGui.QImage) -> int:
    background = image.pixel(0, 0)
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) != background
    )


def _paint(bench: Workbench) -> str:
    app = _application()
    font_path = font()
    font_id = QtGui.QFontDatabase.addApplicationFont(str(font_path))
    families = QtGui.QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise CheckFailed(NO_FONT, path=font_path)
    qm = resources_dir() / "i18n" / "hanoi_desk_vi.qm"
    if not QtCore.QTranslator().load(str(qm)):
        raise CheckFailed(NO_TRANSLATION, path=qm)
    label = QtWidgets.QLabel(SAMPLE_TEXT)
    label.setFont(QtGui.QFont(families[0], 14))
    label.adjustSize()
    try:
        pixels = _painted_pixels(label.grab().toImage())
    finally:
        label.deleteLater()
        app.processEvents()
    platform = app.platformName()
    if pixels == 0:
        raise CheckFailed(NOTHING_PAINTED, platform=platform)
    return bench.t(
        QT_OK, platform=platform, pixels=pixels, family=families[0], version=QtCore.qVersion()
    )


def qt_check() -> Check:
    return Check(QT_CHECK, _paint)
