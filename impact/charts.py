"""Server-side SVG charts (no JavaScript, no third-party request). Every chart is shown beside a
data table with the same figures, so the SVG itself is marked as an image with a text summary."""

import math
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

from .enums import SCALE_MAX

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "6 4", "2 3", "8 3 2 3", "1 2", "10 4", ""]


def _f(x: float) -> str:
    return f"{x:.1f}"


def radar_svg(*, axes: list[str], series: list[dict], title: str, size: int = 420) -> str:
    """``series``: [{"label": str, "values": [float|None per axis]}]; a missing value is drawn at 0."""
    cx = cy = size / 2
    radius = size / 2 - 90
    n = len(axes)
    if n < 3:
        return ""

    def point(i, value):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value or 0) / SCALE_MAX
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 24 * len(series)}" '
        f'role="img" aria-label="{escape(title, {chr(34): "&quot;"})}" class="chart chart-radar" '
        'font-family="sans-serif" font-size="12">'
    ]
    for level in range(1, SCALE_MAX + 1):
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, level) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#bbb" stroke-width="1"/>')
    for i, label in enumerate(axes):
        x, y = point(i, SCALE_MAX)
        parts.append(f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" stroke="#bbb"/>')
        lx, ly = point(i, SCALE_MAX + 0.6)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(f'<text x="{_f(lx)}" y="{_f(ly + 4)}" text-anchor="{anchor}" fill="#222">{escape(label)}</text>')
    for level in range(SCALE_MAX + 1):
        x, y = point(0, level)
        parts.append(f'<text x="{_f(x + 4)}" y="{_f(y - 2)}" font-size="10" fill="#555">{level}</text>')
    for k, s in enumerate(series):
        colour, dash = PALETTE[k % len(PALETTE)], DASHES[k % len(DASHES)]
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, v) for i, v in enumerate(s["values"])))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        opacity = "0.18" if k == 0 else "0"
        parts.append(
            f'<polygon points="{pts}" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        ly = size + 24 * k + 8
        parts.append(
            f'<line x1="20" y1="{ly}" x2="50" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="58" y="{ly + 4}" fill="#222">{escape(s["label"])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)


def line_svg(*, x_labels: list[str], series: list[dict], title: str, width: int = 560, height: int = 300) -> str:
    """A line chart on the 0–5 scale: ``series`` as in ``radar_svg``, one value per x label."""
    left, right, top, bottom = 40, 20, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(x_labels)
    legend_h = 20 * len(series)

    def xy(i, v):
        x = left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))
        return x, top + plot_h * (1 - v / SCALE_MAX)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + legend_h}" role="img" '
        f'aria-label="{escape(title, {chr(34): "&quot;"})}" class="chart chart-line" font-family="sans-serif" '
        'font-size="12">'
    ]
    for level in range(SCALE_MAX + 1):
        _x, y = xy(0, level)
        parts.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{width - right}" y2="{_f(y)}" stroke="#ddd"/>'
            f'<text x="{left - 8}" y="{_f(y + 4)}" text-anchor="end" fill="#555">{level}</text>'
        )
    for i, label in enumerate(x_labels):
        x, _y = xy(i, 0)
        parts.append(f'<text x="{_f(x)}" y="{height - 16}" text-anchor="middle" fill="#222">{escape(label)}</text>')
    for k, s in enumerate(series):
        colour, dash = PALETTE[k % len(PALETTE)], DASHES[k % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        pts = [xy(i, v) for i, v in enumerate(s["values"]) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for x, y in pts:
            parts.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" fill="{colour}"/>')
        ly = height + 20 * k + 4
        parts.append(
            f'<line x1="20" y1="{ly}" x2="50" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
            f'<text x="58" y="{ly + 4}" fill="#222">{escape(s["label"])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)
