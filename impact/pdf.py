"""The PDF report: the results page's content laid out for print by WeasyPrint."""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from siem_portal.charts import line_svg, radar_svg

from .enums import SCALE_MAX
from .models import Assessment
from .selectors import results_for


def _img(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render_report_pdf(assessment: Assessment, *, language: str | None = None) -> bytes:
    """The assessment's PDF in ``language`` (the organisation admin who asked for it), by default the
    language of the admin who made the assessment."""
    from weasyprint import HTML

    if language is None:
        language = assessment.created_by.preferred_language if assessment.created_by else settings.LANGUAGE_CODE
    with translation.override(language):
        results = results_for(assessment=assessment)
        series = [{"label": _("This assessment"), "values": [r.stat.mean for r in results.dimensions]}]
        if results.comparison:
            series.append({"label": _("Before mobility"), "values": [r.previous for r in results.dimensions]})
        if results.benchmark_shown:
            series.append(
                {
                    "label": ngettext(
                        "Mean of %(n)s other organisation", "Mean of %(n)s other organisations", results.benchmark_peers
                    )
                    % {"n": results.benchmark_peers},
                    "values": [r.benchmark["mean"] if r.benchmark else None for r in results.dimensions],
                }
            )
        radar = radar_svg(
            scale_max=SCALE_MAX,
            axes=[r.obj.tr("short_title") for r in results.dimensions],
            series=series,
            title=_("Dimension scores"),
        )
        trend = None
        if len(results.trend) > 1:
            trend = line_svg(
                scale_max=SCALE_MAX,
                x_labels=[formats.date_format(p["label"], "YEAR_MONTH_FORMAT") for p in results.trend],
                series=[
                    {"label": r.obj.tr("short_title"), "values": [p["values"].get(r.obj.pk) for p in results.trend]}
                    for r in results.dimensions
                ],
                title=_("Dimension scores over time"),
            )
        html = render_to_string(
            "impact/report_pdf.html",
            {
                "assessment": assessment,
                "results": results,
                "radar_src": _img(radar),
                "trend_src": _img(trend) if trend else "",
            },
        )
    return HTML(string=html).write_pdf()
