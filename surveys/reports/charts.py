"""The survey report's charts: one per question and one stacked chart per Likert matrix, drawn by
the portal's one chart module (siem_portal/charts.py)."""

from siem_portal.charts import bar_svg, histogram_svg, stacked_svg


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
