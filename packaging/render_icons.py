"""Render the app icon (SVG) to the PNG sizes desktops ask for, with Qt's SVG renderer.

    python packaging/render_icons.py OUT_DIR [--ico FILE]

writes OUT_DIR/<size>x<size>/inspection-trainer.png for 16..512 (the hicolor layout), and with
--ico a Windows .ico holding 16..256.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "inspection-trainer.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def write_ico(images: list[QImage], path: Path) -> None:
    """An ICO file of PNG images (Windows Vista and later read PNG entries)."""
    entries = [(image.width(), png_bytes(image)) for image in images]
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(entries).to_bytes(2, "little")
    offset = 6 + 16 * len(entries)
    directory = b""
    blobs = b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size
        directory += bytes([dim, dim, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        directory += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
        blobs += blob
    path.write_bytes(header + directory + blobs)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for <size>x<size>/inspection-trainer.png")
    parser.add_argument("--ico", type=Path, help="also write a Windows .ico here")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in SIZES:
        folder = args.out / f"{size}x{size}"
        folder.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(folder / "inspection-trainer.png"), "PNG"):
            print(f"render_icons: cannot write {folder}", file=sys.stderr)
            return 1
    if args.ico:
        args.ico.parent.mkdir(parents=True, exist_ok=True)
        write_ico([render(renderer, s) for s in ICO_SIZES], args.ico)
    print(f"Rendered {len(SIZES)} icon sizes to {args.out}" + (f" and {args.ico}" if args.ico else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
