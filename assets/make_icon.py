"""Draws Stagecraft's icon: three stepped stage lanes joined by a pipeline, on a deep blue
rounded square. Writes assets/icon.svg and assets/icon.png (256x256 RGBA) from one geometry.

    pip install pillow && python3 assets/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
BACKGROUND = (20, 38, 82)  # deep blue
WHITE = (255, 255, 255)
# (x0, y0, x1, y1, colour): the app's category colours teal, orange and blue.
LANES = [
    (40, 52, 150, 92, (38, 166, 154)),
    (73, 108, 183, 148, (239, 140, 56)),
    (106, 164, 216, 204, (66, 133, 244)),
]
NODE_R = 13
LINE_W = 12


def nodes():
    """A node at the right end of each lane, inset by half the lane's height."""
    return [(x1 - (y1 - y0) / 2, (y0 + y1) / 2) for x0, y0, x1, y1, _ in LANES]


def hex_colour(rgb):
    return "#%02x%02x%02x" % rgb


def svg():
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">',
        "<title>Stagecraft</title>",
        f'<rect x="12" y="12" width="232" height="232" rx="52" fill="{hex_colour(BACKGROUND)}"/>',
    ]
    for x0, y0, x1, y1, colour in LANES:
        r = (y1 - y0) / 2
        parts.append(
            f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r:g}" fill="{hex_colour(colour)}"/>'
        )
    points = " ".join(f"{x:g},{y:g}" for x, y in nodes())
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="#ffffff" stroke-width="{LINE_W}" stroke-linecap="round" stroke-linejoin="round"/>'
    )
    for x, y in nodes():
        parts.append(f'<circle cx="{x:g}" cy="{y:g}" r="{NODE_R}" fill="#ffffff"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def png(scale=8):
    """Drawn at `scale` times the size and reduced, for smooth edges."""
    s = scale
    image = Image.new("RGBA", (SIZE * s, SIZE * s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((12 * s, 12 * s, 244 * s, 244 * s), radius=52 * s, fill=BACKGROUND)
    for x0, y0, x1, y1, colour in LANES:
        draw.rounded_rectangle((x0 * s, y0 * s, x1 * s, y1 * s), radius=(y1 - y0) / 2 * s, fill=colour)
    points = [(x * s, y * s) for x, y in nodes()]
    draw.line(points, fill=WHITE, width=LINE_W * s, joint="curve")
    for x, y in points:
        r = NODE_R * s
        draw.ellipse((x - r, y - r, x + r, y + r), fill=WHITE)
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    assets = Path(__file__).resolve().parent
    (assets / "icon.svg").write_text(svg(), encoding="utf-8")
    png().save(assets / "icon.png", optimize=True)
