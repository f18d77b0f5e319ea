"""The one place that imports Qt (PySide6).

Every other module of the UI imports Qt from here, so a change of binding or
a version check has one home, and ``ruff``'s banned-api rule keeps the rest of
the code base Qt-free.
"""

from __future__ import annotations

from PySide6 import QtCore, QtDBus, QtGui, QtSvg, QtWidgets
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from shiboken6 import isValid

__all__ = [
    "QCoreApplication",
    "QObject",
    "QTimer",
    "Qt",
    "QtCore",
    "QtDBus",
    "QtGui",
    "QtSvg",
    "QtWidgets",
    "Signal",
    "Slot",
    "isValid",
]
