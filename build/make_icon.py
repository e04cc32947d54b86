"""Draw Cuadre's icon with Qt and write ``resources/cuadre.png`` and ``resources/cuadre.ico``,
and the installer's welcome-page picture ``build/installer-welcome.bmp``.

The picture: the window's accent blue as a rounded square, an equals sign (the two systems'
books made to agree — "cuadrar") and an amber check where they do. Each size is drawn on its
own, not scaled down from 256 px, so the 16 px icon stays crisp. The ``.ico`` holds 16–256 px:
classic 32-bit bitmaps up to 64 px (every tool reads those, NSIS's icon replacement included)
and PNG-compressed entries above.

    QT_QPA_PLATFORM=offscreen .venv/bin/python build/make_icon.py

The files it writes are committed; run it again only to change the icon.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
WELCOME_BMP = Path(__file__).resolve().parent / "installer-welcome.bmp"
WELCOME_SIZE = (164, 314)  # what NSIS's Modern UI shows beside the welcome and finish pages
SIZES = (16, 24, 32, 48, 64, 128, 256)
BITMAP_MAX = 64  # entries up to this size are stored as bitmaps, larger ones as PNG
BLUE = QColor("#1f5fa8")
BLUE_DARK = QColor("#12283f")
AMBER = QColor("#f2a900")
TOP, FOOT = QColor("#eef3fa"), QColor("#d6e4f5")  # the welcome picture's light blues


def draw(size: int) -> QImage:
    """The icon at ``size`` × ``size`` pixels, transparent around the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    margin = s * 0.04 if size >= 32 else 0.0
    square = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(square, s * 0.2, s * 0.2)
    # The equals sign: two white bars of the same length, in the upper half.
    p.setBrush(QColor("white"))
    bar_h = max(2.0, s * 0.12)
    left, width = s * 0.2, s * 0.6
    for top in (s * 0.25, s * 0.44):
        p.drawRoundedRect(QRectF(left, top, width, bar_h), bar_h / 2, bar_h / 2)
    # The check, in an amber disc at the lower right.
    radius = s * 0.18
    centre = QPointF(s * 0.72, s * 0.75)
    p.setBrush(AMBER)
    p.setPen(QPen(BLUE_DARK if size >= 48 else AMBER, max(1.0, s * 0.02)))
    p.drawEllipse(centre, radius, radius)
    tick = QPainterPath(QPointF(centre.x() - radius * 0.5, centre.y() + radius * 0.02))
    tick.lineTo(centre.x() - radius * 0.12, centre.y() + radius * 0.4)
    tick.lineTo(centre.x() + radius * 0.52, centre.y() - radius * 0.38)
    pen = QPen(BLUE_DARK, max(1.5, s * 0.055))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bitmap_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            argb = image.pixel(x, y)
            alpha = (argb >> 24) & 0xFF
            row += struct.pack("<I", argb)  # little-endian ARGB is B, G, R, A in memory
            if alpha == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size ``.ico`` (ICONDIR, one ICONDIRENTRY per image, then the images)."""
    payloads = [bitmap_bytes(i) if i.width() <= BITMAP_MAX else png_bytes(i) for i in images]
    offset = 6 + 16 * len(images)
    directory = struct.pack("<HHH", 0, 1, len(images))
    for image, payload in zip(images, payloads, strict=True):
        side = image.width() % 256  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    return directory + b"".join(payloads)


def welcome_picture() -> QImage:
    """The window's light blues (cuadre.qss), deeper at the foot, with the icon in the upper
    third (24-bit: what NSIS reads)."""
    width, height = WELCOME_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB888)
    p = QPainter(image)
    for y in range(height):
        mix = y / (height - 1)
        p.setPen(QColor.fromRgbF(TOP.redF() * (1 - mix) + FOOT.redF() * mix,
                                 TOP.greenF() * (1 - mix) + FOOT.greenF() * mix,
                                 TOP.blueF() * (1 - mix) + FOOT.blueF() * mix))
        p.drawLine(0, y, width, y)
    icon = draw(96)
    p.drawImage((width - icon.width()) // 2, 56, icon)
    p.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = [draw(size) for size in SIZES]
    (RESOURCES / "cuadre.ico").write_bytes(ico_bytes(images))
    (RESOURCES / "cuadre.png").write_bytes(png_bytes(images[-1]))
    welcome_picture().save(str(WELCOME_BMP), "BMP")
    del app
    print(f"{RESOURCES / 'cuadre.ico'} ({', '.join(map(str, SIZES))} px) y {RESOURCES / 'cuadre.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
