"""Draw the made-up Exempels kommun's logo, drafter/data/templates/exempel/logotyp.png.

Run from the repository root:  python tools/make_example_logo.py

A blue shield with a yellow wave and three yellow discs, drawn pixel by pixel and written
with zlib alone, so the same Python gives the same bytes and no imaging library is needed.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "drafter" / "data" / "templates" / "exempel" / "logotyp.png"
WIDTH, HEIGHT = 120, 144
BLUE, DARK, YELLOW, CLEAR = (31, 78, 140, 255), (16, 42, 80, 255), (242, 193, 46, 255), (0, 0, 0, 0)


def _inside(x: float, y: float, shrink: float = 0.0) -> bool:
    """Whether (x, y) lies in the shield: straight sides, a round point at the bottom."""
    half = WIDTH / 2 - shrink
    top, straight = shrink, HEIGHT * 0.45
    if y < top or abs(x - WIDTH / 2) > half:
        return False
    if y <= straight:
        return True
    depth = HEIGHT - shrink - straight
    t = (y - straight) / depth
    return t <= 1 and abs(x - WIDTH / 2) <= half * math.sqrt(max(0.0, 1 - t * t))


def _colour(x: int, y: int) -> tuple[int, int, int, int]:
    cx, cy = x + 0.5, y + 0.5
    if not _inside(cx, cy):
        return CLEAR
    if not _inside(cx, cy, shrink=5):
        return DARK
    if abs(cy - (78 + 7 * math.sin(cx / 9))) < 8:
        return YELLOW
    for dx in (32, 60, 88):
        if (cx - dx) ** 2 + (cy - 32) ** 2 < 10 ** 2:
            return YELLOW
    return BLUE


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def build() -> bytes:
    rows = b"".join(b"\0" + bytes(c for x in range(WIDTH) for c in _colour(x, y)) for y in range(HEIGHT))
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 6, 0, 0, 0)  # 8-bit RGBA
    dpi = struct.pack(">IIB", 5906, 5906, 1)  # 150 dots per inch, in dots per metre
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"pHYs", dpi)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def main() -> None:
    OUTPUT.write_bytes(build())
    print(f"skrev {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size} byte)")


if __name__ == "__main__":
    main()
