"""The record of processing activities (GDPR Art. 30), drawn from what every app registered with
``register_processing``, as rows for the CSV and XLSX downloads on /manage/."""

import csv
import io

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .registry import registry
from .spreadsheets import safe_cell


def _columns():
    return [
        ("name", _("Processing")),
        ("purpose", _("Purpose")),
        ("legal_basis", _("Legal basis")),
        ("data_subjects", _("Data subjects")),
        ("data_categories", _("Categories of personal data")),
        ("special_categories", _("Special categories (GDPR Art. 9)")),
        ("recipients", _("Recipients")),
        ("retention", _("Retention")),
        ("transfers", _("Transfers outside the EU/EEA")),
        ("models", _("Where it is stored (database tables)")),
    ]


def processing_record_rows() -> tuple[list[str], list[list[str]]]:
    """The header (translated) and one row per processing activity."""
    columns = _columns()
    rows = []
    for activity in registry.processing:
        values = {
            "name": str(activity.name),
            "purpose": str(activity.purpose),
            "legal_basis": str(activity.legal_basis),
            "data_subjects": str(activity.data_subjects),
            "data_categories": str(activity.data_categories),
            "special_categories": _("yes") if activity.special_categories else _("no"),
            "recipients": str(activity.recipients),
            "retention": str(activity.retention),
            "transfers": _("None"),
            "models": ", ".join(sorted(m._meta.db_table for m in activity.models)) or _("none (cache only)"),
        }
        rows.append([values[key] for key, _label in columns])
    return [label for _key, label in columns], rows


def processing_record_csv() -> bytes:
    header, rows = processing_record_rows()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def processing_record_xlsx() -> bytes:
    import xlsxwriter

    header, rows = processing_record_rows()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(_("Processing activities")[:31])
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, header, bold)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row, wrap)
    sheet.set_column(0, len(header) - 1, 40)
    sheet.freeze_panes(1, 1)
    about = book.add_worksheet(_("About")[:31])
    about.write_column(
        0,
        0,
        [
            _("Record of processing activities (GDPR Art. 30)"),
            _("Controller: the SIEM project, coordinated by the Erasmus Student Network (ESN), Brussels"),
            _("Contact: %(email)s") % {"email": settings.SIEM_PRIVACY_CONTACT_EMAIL},
            _("Generated on %(date)s from the portal's privacy registry") % {"date": timezone.now().date().isoformat()},
        ],
    )
    about.set_column(0, 0, 90)
    book.close()
    return out.getvalue()
