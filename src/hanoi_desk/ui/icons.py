"""The interface icons: a small subset of Lucide (ISC licence) shipped as SVG
in ``resources/icons/lucide`` (see its README).

Lucide draws with ``stroke="currentColor"``. Qt's SVG renderer has no CSS
colour inheritance, so the colour is put into the SVG text before rendering:
the palette's text colour for the normal state and its disabled text colour
for the disabled one. The same file then serves the light and the dark
palette; a palette change (the system switching to dark) re-renders them
through :func:`clear`, and the screens set their icons again.
"""

from __future__ import annotations

from functools import cache

from hanoi_desk.resources import resources_dir
from hanoi_desk.ui.qt import QtCore, QtGui, QtSvg, QtWidgets

NAMES = frozenset(
    {
        "arrow-left",
        "calendar-days",
        "chevron-left",
        "chevron-right",
        "circle-check",
        "clock",
        "cloud-alert",
        "cloud-check",
        "cloud-off",
        "download",
        "file-text",
        "file-up",
        "files",
        "hard-drive-download",
        "highlighter",
        "history",
        "house",
        "languages",
        "list-ordered",
        "lock",
        "map-pin",
        "message-square-text",
        "notebook-pen",
        "power",
        "radio",
        "refresh-cw",
        "search",
        "send",
        "server",
        "settings",
        "shield-check",
        "signature",
        "sticky-note",
        "user-round",
        "users",
    }
)
SIZES = (16, 20, 24, 32, 48)
RATIOS = (1.0, 2.0)
"""Device pixel ratios drawn up front (a 125 % screen scales the 2x pixmap down)."""

_Role = QtGui.QPalette.ColorRole
_Group = QtGui.QPalette.ColorGroup


@cache
def _svg(name: str) -> str:
    if name not in NAMES:
        raise KeyError(f"no such icon: {name}")  # a typo in the code, not a user's input
    return (resources_dir() / "icons" / "lucide" / f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, colour: str, size: int, ratio: float) -> QtGui.QPixmap:
    renderer = QtSvg.QSvgRenderer(QtCore.QByteArray(svg.replace("currentColor", colour).encode()))
    pixels = round(size * ratio)
    pixmap = QtGui.QPixmap(pixels, pixels)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def _icon(name: str, normal: str, disabled: str) -> QtGui.QIcon:
    svg = _svg(name)
    icon = QtGui.QIcon()
    for size in SIZES:
        for ratio in RATIOS:
            icon.addPixmap(_pixmap(svg, normal, size, ratio), QtGui.QIcon.Mode.Normal)
            icon.addPixmap(_pixmap(svg, disabled, size, ratio), QtGui.QIcon.Mode.Disabled)
    return icon


def icon(name: str, role: QtGui.QPalette.ColorRole = _Role.WindowText) -> QtGui.QIcon:
    """The icon ``name`` drawn in the application palette's ``role`` colour."""
    palette = QtWidgets.QApplication.palette()
    normal = palette.color(_Group.Active, role).name()
    disabled = palette.color(_Group.Disabled, role).name()
    return _icon(name, normal, disabled)


def clear() -> None:
    """Forget the rendered icons (the palette changed)."""
    _icon.cache_clear()
