"""Charts drawn on the server as SVG: bars for choices, stacked bars for Likert matrices, histograms.

Each chart has a title and is shown next to its data table; suppressed values are drawn as no bar
and labelled "suppressed", never as a number.
"""

from html import escape

from django.utils.translation import gettext as _

WIDTH = 640
BAR_H = 22
GAP = 8
LABEL_W = 220
PALETTE = ["#1f4e79", "#2e75b6", "#6fa8dc", "#b4c7e7", "#f4b183", "#c55a11", "#7f6000", "#548235"]


def _label(text: str, limit: int = 34) -> str:
    text = str(text)
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _open(height: int, title: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t" class="chart" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]


def bar_svg(*, rows: list[dict], title: str, chart_id: str, value_key: str = "count") -> str:
    """Horizontal bars, one per row (``label`` and ``count``)."""
    height = GAP + len(rows) * (BAR_H + GAP)
    top = max([r[value_key] for r in rows if r[value_key] is not None] or [1]) or 1
    span = WIDTH - LABEL_W - 90
    parts = _open(height, title, chart_id)
    for i, row in enumerate(rows):
        y = GAP + i * (BAR_H + GAP)
        value = row[value_key]
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="12" fill="#1a1a1a">'
            f"{_label(row['label'])}</text>"
        )
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
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="12" fill="#1a1a1a">'
            f"{_label(label)}</text>"
        )
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


def charts_for(results: dict) -> dict:
    """A chart per question (code -> SVG) and one stacked chart per Likert matrix (parent code -> SVG)."""
    charts = {}
    matrices: dict = {}
    for q in results["questions"]:
        cid = f"chart-{q['code']}"
        if q["parent"]:
            matrices.setdefault(q["parent"], []).append(q)
        if q["kind"] in ("choice", "code") and q.get("rows"):
            charts[q["code"]] = bar_svg(rows=q["rows"][:20], title=q["text"], chart_id=cid)
        elif q["kind"] == "number" and q.get("histogram"):
            charts[q["code"]] = histogram_svg(bins=q["histogram"], title=q["text"], chart_id=cid)
    for parent, rows in matrices.items():
        scale = [r["label"] for r in rows[0]["rows"]]
        charts[f"matrix:{parent}"] = stacked_svg(
            rows=[{"label": q["text"], "counts": [r["count"] for r in q["rows"]]} for q in rows],
            scale=scale,
            title=results.get("matrices", {}).get(parent, parent),
            chart_id=f"chart-matrix-{parent}",
        )
    return charts
