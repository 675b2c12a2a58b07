"""Results prepared for templates: charts attached to their question, matrices grouped, filters in words."""

import base64

from django.utils.translation import gettext as _

from .charts import charts_for


def filters_text(filters: dict) -> str:
    parts = []
    if filters.get("date_from"):
        parts.append(_("from %(day)s") % {"day": filters["date_from"]})
    if filters.get("date_to"):
        parts.append(_("until %(day)s") % {"day": filters["date_to"]})
    if filters.get("period"):
        parts.append(_("academic year %(period)s") % {"period": filters["period"]})
    if filters.get("language"):
        parts.append(_("language %(code)s") % {"code": filters["language"]})
    if filters.get("verified_only"):
        parts.append(_("verified institutions only"))
    for code, choice in (filters.get("choices") or {}).items():
        parts.append(f"{code} = {choice}")
    return ", ".join(parts)


def _img(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def decorate(results: dict, *, as_image: bool = False) -> dict:
    """Attach each chart (inline SVG, or a data URI for the PDF) and group Likert matrix rows into
    blocks: ``results["blocks"]`` is a list of ``{"question": q}`` or ``{"matrix": ..., "rows": [q]}``."""
    charts = charts_for(results)
    wrap = _img if as_image else (lambda svg: svg)
    blocks, matrices = [], {}
    for q in results["questions"]:
        q["chart"] = wrap(charts[q["code"]]) if q["code"] in charts and not q["parent"] else ""
        if q["parent"]:
            if q["parent"] not in matrices:
                matrices[q["parent"]] = {
                    "matrix": q["parent"],
                    "text": results["matrices"].get(q["parent"], q["parent"]),
                    "scale": [r["label"] for r in q.get("rows", [])],
                    "rows": [],
                    "chart": wrap(charts.get(f"matrix:{q['parent']}", ""))
                    if charts.get(f"matrix:{q['parent']}")
                    else "",
                }
                blocks.append(matrices[q["parent"]])
            matrices[q["parent"]]["rows"].append(q)
        else:
            blocks.append({"question": q})
    results["blocks"] = blocks
    results["filters_text"] = filters_text(results["filters"])
    return results
