"""Render resources/icons/desk.svg to the PNG icons Desk ships (16 to 512 px), with Qt's
own SVG renderer: `python scripts/render_icons.py`. The PNGs are committed, so that
nothing at run time needs the SVG image plugin."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desk.core.resources import ICON_SIZES

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(svg: Path, size: int, target: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"render_icons: cannot write {target}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        target = ICONS / f"desk-{size}.png"
        render(ICONS / "desk.svg", size, target)
        print(target)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
