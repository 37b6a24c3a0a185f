"""The launcher's icon set: ``kneecare.svg`` rendered to PNG at each hicolor size.

    python tools/render_icons.py           # render them into the package's resources
    python tools/render_icons.py --check   # fail if one is missing or differs (tested)

The PNGs ship in the package (``ui/resources/icons/hicolor/NxN/apps/kneecare.png``), so
``kneecare desktop-entry install`` copies them without Qt, and a frozen build reuses them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from kneecare_desktop.integration.launcher import ICON_SIZES, icons_source  # noqa: E402


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(icons_source() / "kneecare.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG", 100)
    return bytes(data.data())


def target(size: int) -> Path:
    return icons_source() / "hicolor" / f"{size}x{size}" / "apps" / "kneecare.png"


def stale() -> list[str]:
    """The sizes whose shipped PNG is missing or shows something else than the SVG."""
    found = []
    for size in ICON_SIZES:
        path = target(size)
        shipped = QImage(str(path))
        if shipped.isNull():
            found.append(f"{path}: missing or unreadable")
            continue
        fresh = render(size)
        shipped = shipped.convertToFormat(QImage.Format.Format_ARGB32)
        if shipped.size() != fresh.size() or shipped != fresh:
            found.append(f"{path}: differs from kneecare.svg; run tools/render_icons.py")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([])
    if args.check:
        problems = stale()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for size in ICON_SIZES:
        path = target(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(render(size)))
        print(f"{path.relative_to(ROOT)}: {size}x{size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
