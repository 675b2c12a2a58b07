"""XLSX in xlsxwriter's constant-memory mode: summary (tables and native charts), codebook, data.

The data sheet (one row per response) is written only for survey managers.
"""

import xlsxwriter
from django.utils.translation import gettext as _

from siem_portal.spreadsheets import safe_cell as neutralise

from ..records import Column
from .csv import DANGEROUS, TEXT_KINDS
from .spss import STATA_LABEL_LIMIT

SUPPRESSED = "suppressed"


def _cell(value):
    return SUPPRESSED if value is None else value


def write_xlsx(path, *, results: dict, columns: list[Column] | None, rows=None) -> None:
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True})
    # percentages are numbers (a share of 1) shown as percent, so that a spreadsheet can compute with them
    percent = workbook.add_format({"num_format": "0.0%"})
    summary = workbook.add_worksheet(_("Summary")[:31])
    summary.set_column(0, 0, 48)
    summary.set_column(1, 3, 14)
    r = 0
    summary.write_string(r, 0, results["title"], bold)
    r += 1
    summary.write_string(r, 0, _("Responses"))
    summary.write(r, 1, _cell(results["responses"]))
    r += 1
    summary.write_string(r, 0, results["method_note"], wrap)
    r += 2
    chart_row = 0
    for q in results["questions"]:
        summary.write_string(r, 0, f"{q['code']}: {q['text']}", bold)
        summary.write_string(r, 1, "n")
        summary.write(r, 2, _cell(q["n"]))
        r += 1
        table = q.get("rows") or [
            {"label": b["label"], "count": b["count"], "percent": None} for b in q.get("histogram") or []
        ]
        if table:
            summary.write_row(r, 0, [_("Answer"), _("Count"), _("Percent")], bold)
            first = r + 1
            for row in table:
                r += 1
                summary.write_string(r, 0, str(row["label"]))
                summary.write(r, 1, _cell(row["count"]))
                if row["percent"] is not None:
                    summary.write_number(r, 2, row["percent"] / 100, percent)
            chart = workbook.add_chart({"type": "bar" if q["kind"] != "number" else "column"})
            name = _("Summary")[:31]
            chart.add_series(
                {
                    "name": q["code"],
                    "categories": [name, first, 0, r, 0],
                    "values": [name, first, 1, r, 1],
                }
            )
            chart.set_title({"name": q["code"]})
            chart.set_legend({"none": True})
            summary.insert_chart(max(chart_row, first - 1), 5, chart, {"x_scale": 0.9, "y_scale": 0.8})
            chart_row = max(chart_row, first - 1) + 16
        if q.get("mean") is not None:
            r += 1
            summary.write_string(r, 0, _("Mean"))
            summary.write(r, 1, q["mean"])
            r += 1
            summary.write_string(r, 0, _("Median"))
            summary.write(r, 1, q["median"])
        r += 2
    bd = results.get("breakdown")
    if bd:
        summary.write_string(r, 0, _("Breakdown by %(question)s") % {"question": bd["text"]}, bold)
        r += 1
        for t in bd["tables"]:
            summary.write_string(r, 0, f"{t['code']}: {t['text']}", bold)
            r += 1
            summary.write_row(r, 0, ["", *[g["label"] for g in bd["groups"]], _("Total")], bold)
            for row in t["rows"]:
                r += 1
                summary.write_row(r, 0, [row["label"], *[_cell(v) for v in row["cells"]], _cell(row["total"])])
            r += 1
            summary.write_row(r, 0, [_("Total"), *[_cell(v) for v in t["col_totals"]], _cell(t["total"])])
            r += 2
    codebook = workbook.add_worksheet(_("Codebook")[:31])
    codebook.set_column(0, 3, 30)
    codebook.write_row(0, 0, [_("Variable"), _("Question"), _("Values"), _("Note")], bold)
    cut_note = _("Label cut at %(limit)s characters in the Stata file") % {"limit": STATA_LABEL_LIMIT}
    for i, c in enumerate(columns or [], start=1):
        values = (
            "; ".join(f"{pos} = {code} ({label})" for code, (pos, label) in c.value_labels.items())
            if c.kind == "code"
            else ""
        )
        codebook.write_row(i, 0, [c.name, neutralise(c.label), neutralise(values)])
        if c.kind != "label" and len(c.label) > STATA_LABEL_LIMIT:
            codebook.write_string(i, 3, cut_note)
    if rows is not None and columns:
        # the data sheet holds numbers where it can: a single choice as its position on the scale
        # (the codebook gives position, code and label); text cells are neutralised
        data = workbook.add_worksheet(_("Data")[:31])
        kept = [j for j, c in enumerate(columns) if c.kind != "label"]
        positions = {
            j: {code: pos for code, (pos, _label) in columns[j].value_labels.items()}
            for j in kept
            if columns[j].kind == "code"
        }
        text_cells = {j for j in kept if columns[j].kind in TEXT_KINDS and j not in positions}
        data.write_row(0, 0, [columns[j].name for j in kept], bold)
        write_string, write_number = data.write_string, data.write_number
        for i, row in enumerate(rows, start=1):
            for out, j in enumerate(kept):
                value = row[j]
                if value is None:
                    continue
                if j in positions:
                    write_number(i, out, positions[j][value])
                elif j in text_cells:
                    write_string(i, out, "'" + value if value.startswith(DANGEROUS) else value)
                else:
                    write_number(i, out, value)
    workbook.close()
