"""The PDF report (WeasyPrint): cover, method and disclosure note, a table and chart per question,
the breakdown tables."""

from django.template.loader import render_to_string
from django.utils import timezone

from ..presentation import decorate


def write_pdf(path, *, results: dict, scope_label: str) -> None:
    from weasyprint import HTML

    html = render_to_string(
        "surveys/reports/report_pdf.html",
        {"results": decorate(results, as_image=True), "scope_label": scope_label, "generated_at": timezone.now()},
    )
    HTML(string=html).write_pdf(str(path))
