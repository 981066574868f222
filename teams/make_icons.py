"""Draws the Teams app icons with Pillow: teams/color.png (192x192, full colour) and
teams/outline.png (32x32, white on a transparent background), as the Teams app manifest
requires. The PNGs are committed; run this again only to change the design:

    python teams/make_icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
ACCENT = (31, 86, 128, 255)  # a deep blue; the manifest's accentColor defaults to the same (#1F5680)
WHITE = (255, 255, 255, 255)


def bubble(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], width: int | None, fill) -> None:
    """A speech bubble: a rounded rectangle with a tail at the bottom left."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    radius = h * 0.22
    tail = [(x0 + h * 0.22, y1 - 1), (x0 + h * 0.14, y1 + h * 0.28), (x0 + h * 0.48, y1 - 1)]
    if width is None:
        draw.rounded_rectangle(box, radius=radius, fill=fill)
        draw.polygon(tail, fill=fill)
    else:
        draw.rounded_rectangle(box, radius=radius, outline=fill, width=width)
        draw.line(tail, fill=fill, width=width, joint="curve")


def tick(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], width: int, fill) -> None:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw.line(
        [(x0 + w * 0.28, y0 + h * 0.50), (x0 + w * 0.44, y0 + h * 0.66), (x0 + w * 0.74, y0 + h * 0.32)],
        fill=fill,
        width=width,
        joint="curve",
    )


def color_icon(size: int = 192) -> Image.Image:
    scale = 4  # draw large, then shrink, for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), ACCENT)
    d = ImageDraw.Draw(img)
    box = (s * 0.22, s * 0.24, s * 0.78, s * 0.66)  # inside the central safe area
    bubble(d, box, None, WHITE)
    tick(d, box, int(s * 0.05), ACCENT)
    return img.resize((size, size), Image.LANCZOS)


def outline_icon(size: int = 32) -> Image.Image:
    scale = 8
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    box = (s * 0.10, s * 0.12, s * 0.90, s * 0.72)
    bubble(d, box, int(s * 0.08), WHITE)
    tick(d, box, int(s * 0.08), WHITE)
    small = img.resize((size, size), Image.LANCZOS)
    # only white and transparency: keep the alpha, force the colour to white
    pixels = [(255, 255, 255, a) for (_, _, _, a) in small.getdata()]
    small.putdata(pixels)
    return small


def main() -> None:
    color_icon().save(HERE / "color.png", optimize=True)
    outline_icon().save(HERE / "outline.png", optimize=True)
    print(f"wrote {HERE / 'color.png'} and {HERE / 'outline.png'}")


if __name__ == "__main__":
    main()
