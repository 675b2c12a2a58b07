"""The one chart module: SVG drawn on the server (no JavaScript, no third-party request).

Bars for choices, stacked bars for Likert matrices, histograms (survey reports), radar and line
charts on a 0..max scale (impact results). Every chart has a title and is shown next to a data table
with the same figures. Colours are the Okabe-Ito palette, told apart with the common colour-vision
deficiencies; series also differ by dash pattern. Suppressed values are drawn as no bar and labelled
"suppressed", never as a number; a chart with nothing to show says so instead of drawing empty axes.
"""

import math
import textwrap
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
BAR_H = 22
GAP = 10
LABEL_W = 240
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "6 4", "2 3", "8 3 2 3", "1 2", "10 4", ""]


def _label(text: str, limit: int = 34) -> str:
    text = str(text)
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _wrapped_label(text: str, *, x: float, y: float, width: int = 34, lines: int = 2) -> str:
    """A right-aligned label on up to ``lines`` lines; a longer one ends with … and keeps its whole
    text in a <title>, so that nothing is silently cut."""
    text = str(text)
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    first_y = y - 7 * (len(parts) - 1)
    spans = "".join(f'<tspan x="{x}" y="{first_y + 14 * i:.0f}">{escape(part)}</tspan>' for i, part in enumerate(parts))
    return (
        f'<text x="{x}" y="{y}" text-anchor="end" font-size="12" fill="#1a1a1a"><title>{escape(text)}</title>'
        f"{spans}</text>"
    )


def _nothing_to_show(title: str, chart_id: str) -> str:
    height = 48
    parts = _open(height, title, chart_id)
    parts.append(
        f'<text x="{WIDTH / 2:.0f}" y="29" text-anchor="middle" font-size="13" fill="#444444">'
        f"{escape(_('Too few answers to show'))}</text></svg>"
    )
    return "".join(parts)


def _open(height: int, title: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t" class="chart" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def bar_svg(*, rows: list[dict], title: str, chart_id: str, value_key: str = "count") -> str:
    """Horizontal bars, one per row (``label`` and ``count``)."""
    if not any(r[value_key] for r in rows):
        return _nothing_to_show(title, chart_id)
    height = GAP + len(rows) * (BAR_H + GAP)
    top = max([r[value_key] for r in rows if r[value_key] is not None] or [1]) or 1
    span = WIDTH - LABEL_W - 90
    parts = _open(height, title, chart_id)
    for i, row in enumerate(rows):
        y = GAP + i * (BAR_H + GAP)
        value = row[value_key]
        parts.append(_wrapped_label(row["label"], x=LABEL_W - 6, y=y + 15))
        if value is None:
            parts.append(
                f'<text x="{LABEL_W + 4}" y="{y + 15}" font-size="12" fill="#444444">{escape(_("suppressed"))}</text>'
            )
            continue
        w = round(span * value / top, 1)
        parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w}" height="{BAR_H}" fill="{PALETTE[0]}"/>')
        parts.append(f'<text x="{LABEL_W + w + 4}" y="{y + 15}" font-size="12" fill="#1a1a1a">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram_svg(*, bins: list[dict], title: str, chart_id: str) -> str:
    """Vertical columns, one per bin (``label`` and ``count``)."""
    if not any(b["count"] for b in bins):
        return _nothing_to_show(title, chart_id)
    height = 220
    base = height - 40
    n = max(len(bins), 1)
    slot = (WIDTH - 40) / n
    top = max([b["count"] for b in bins if b["count"] is not None] or [1]) or 1
    parts = _open(height, title, chart_id)
    parts.append(f'<line x1="20" y1="{base}" x2="{WIDTH - 20}" y2="{base}" stroke="#1a1a1a"/>')
    for i, b in enumerate(bins):
        x = 20 + i * slot
        if b["count"]:
            h = round((base - 20) * b["count"] / top, 1)
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{base - h}" width="{slot - 4:.1f}" height="{h}" fill="{PALETTE[1]}"/>'
            )
        parts.append(
            f'<text x="{x + slot / 2:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" fill="#1a1a1a">'
            f"{_label(b['label'], 9)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_svg(*, rows: list[dict], scale: list[str], title: str, chart_id: str) -> str:
    """One 100% bar per matrix row; ``rows`` have ``label`` and ``counts`` (a list following ``scale``).

    A row with a suppressed count is drawn from its shown counts only and marked "(incomplete)".
    """
    if not any(any(row["counts"]) for row in rows):
        return _nothing_to_show(title, chart_id)
    legend_h = 24
    height = legend_h + GAP + len(rows) * (BAR_H + GAP)
    span = WIDTH - LABEL_W - 20
    parts = _open(height, title, chart_id)
    x = 10
    for i, name in enumerate(scale):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="16" font-size="11" fill="#1a1a1a">{_label(name, 18)}</text>')
        x += 20 + 7 * min(len(name), 18)
    for r, row in enumerate(rows):
        y = legend_h + GAP + r * (BAR_H + GAP)
        values = [v or 0 for v in row["counts"]]
        total = sum(values)
        label = row["label"] + (" " + _("(incomplete)") if any(v is None for v in row["counts"]) else "")
        parts.append(_wrapped_label(label, x=LABEL_W - 6, y=y + 15))
        if not total:
            continue
        x = LABEL_W
        for i, v in enumerate(values):
            w = span * v / total
            if w:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{PALETTE[i % len(PALETTE)]}"/>'
                )
            x += w
    parts.append("</svg>")
    return "".join(parts)


def _f(x: float) -> str:
    return f"{x:.1f}"


def radar_svg(*, axes: list[str], series: list[dict], title: str, scale_max: int, size: int = 420) -> str:
    """``series``: [{"label": str, "values": [float|None per axis]}]; a missing value is drawn at 0."""
    cx = cy = size / 2
    radius = size / 2 - 90
    n = len(axes)
    if n < 3:
        return ""

    def point(i, value):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value or 0) / scale_max
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 24 * len(series)}" '
        f'role="img" aria-label="{escape(str(title))}" class="chart chart-radar" '
        'font-family="sans-serif" font-size="12">'
    ]
    for level in range(1, scale_max + 1):
        ring = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, level) for i in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#bbb" stroke-width="1"/>')
    for i, label in enumerate(axes):
        x, y = point(i, scale_max)
        parts.append(f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" stroke="#bbb"/>')
        lx, ly = point(i, scale_max + 0.6)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        # long axis names wrap onto short lines so that neighbours do not overlap
        lines = textwrap.wrap(str(label), 16)[:3] or [""]
        if ly < cy - 10:  # above the centre: the block of lines grows upwards, its descenders clear of the scale
            top = ly - 4 - 14 * (len(lines) - 1)
        elif ly > cy + 10:  # below: downwards
            top = ly + 4
        else:  # beside: centred on the axis end
            top = ly + 4 - 7 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{_f(lx)}" y="{_f(top + 14 * k)}">{escape(line)}</tspan>' for k, line in enumerate(lines)
        )
        parts.append(f'<text text-anchor="{anchor}" fill="#222"><title>{escape(str(label))}</title>{spans}</text>')
    for level in range(scale_max + 1):
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
            f'<text x="58" y="{ly + 4}" fill="#222">{escape(str(s["label"]))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)


def line_svg(
    *, x_labels: list[str], series: list[dict], title: str, scale_max: int, width: int = 560, height: int = 300
) -> str:
    """A line chart on the 0..scale_max scale: ``series`` as in ``radar_svg``, one value per x label."""
    left, right, top, bottom = 40, 20, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(x_labels)
    legend_h = 20 * len(series)

    def xy(i, v):
        x = left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))
        return x, top + plot_h * (1 - v / scale_max)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + legend_h}" role="img" '
        f'aria-label="{escape(str(title))}" class="chart chart-line" font-family="sans-serif" '
        'font-size="12">'
    ]
    for level in range(scale_max + 1):
        _x, y = xy(0, level)
        parts.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{width - right}" y2="{_f(y)}" stroke="#ddd"/>'
            f'<text x="{left - 8}" y="{_f(y + 4)}" text-anchor="end" fill="#555">{level}</text>'
        )
    for i, label in enumerate(x_labels):
        x, _y = xy(i, 0)
        parts.append(
            f'<text x="{_f(x)}" y="{height - 16}" text-anchor="middle" fill="#222">{escape(str(label))}</text>'
        )
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
            f'<text x="58" y="{ly + 4}" fill="#222">{escape(str(s["label"]))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)
