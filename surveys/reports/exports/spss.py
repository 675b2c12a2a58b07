"""SPSS .sav and Stata .dta with variable and value labels (pyreadstat, from a pandas frame).

Dates are real dates (SPSS DATE / DATETIME, Stata %td / %tc), and the .sav file sets each variable's
measurement level: nominal for choices and text, ordinal for Likert items, ratings and ranks, scale
for numbers and dates. Stata files are release 118 (Stata 14 and later); a variable label longer than
Stata's 80 characters is cut with an ellipsis and listed in the file's notes, the codebook keeping
the full text.
"""

import datetime

from django.utils.translation import gettext as _

from ...enums import QuestionType
from ..records import Column, variable_names

ORDINAL_TYPES = {QuestionType.LIKERT, QuestionType.RATING}
NUMBER_KINDS = ("code", "flag", "rank", "number")
# Stata 14's release: pyreadstat takes the Stata version (14 -> format 118; its default 15 -> 119)
STATA_VERSION = 14
STATA_LABEL_LIMIT = 80


def _is_date(column: Column) -> bool:
    return column.question is not None and column.question.type == QuestionType.DATE


def _measure(column: Column) -> str:
    question = column.question
    if column.kind == "rank" or (
        question is not None and (question.type in ORDINAL_TYPES or question.parent_code) and column.kind != "other"
    ):
        return "ordinal"
    if column.kind == "number" or column.name == "submitted_at" or _is_date(column):
        return "scale"
    return "nominal"


def _frame(columns: list[Column], rows, limit: int):
    import pandas as pd

    names = variable_names(columns, limit)
    kept = [i for i, c in enumerate(columns) if c.kind != "label"]  # value labels replace label columns
    data = {names[i]: [] for i in kept}
    code_maps = {
        i: {code: pos for code, (pos, _label) in columns[i].value_labels.items()}
        for i in kept
        if columns[i].kind == "code"
    }
    for row in rows:
        for i in kept:
            value = row[i]
            if i in code_maps:
                value = code_maps[i].get(value)
            data[names[i]].append(value)
    frame = {}
    for i in kept:
        values = data[names[i]]
        column = columns[i]
        if column.kind in NUMBER_KINDS:
            frame[names[i]] = pd.Series(values, dtype="float64")
        elif column.kind == "meta" and column.name == "submitted_at":
            # a point in time, in UTC (the files carry no time zone)
            stamps = pd.to_datetime(pd.Series([v or None for v in values], dtype="object"), utc=True)
            frame[names[i]] = stamps.dt.tz_localize(None)
        elif _is_date(column):
            frame[names[i]] = pd.Series([datetime.date.fromisoformat(v) if v else None for v in values], dtype="object")
        else:
            frame[names[i]] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    labels = {names[i]: columns[i].label for i in kept}
    value_labels = {}
    for i in kept:
        c = columns[i]
        if c.kind == "code":
            value_labels[names[i]] = {float(pos): label[:120] for pos, label in c.value_labels.values()}
        elif c.kind == "flag":
            value_labels[names[i]] = {0.0: "not chosen", 1.0: "chosen"}
    measures = {names[i]: _measure(columns[i]) for i in kept}
    return pd.DataFrame(frame), labels, value_labels, measures


def write_sav(path, *, columns: list[Column], rows) -> None:
    import pyreadstat

    frame, labels, value_labels, measures = _frame(columns, rows, 64)
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels=labels,
        variable_value_labels=value_labels,
        variable_measure=measures,
    )


def stata_labels(labels: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Labels within Stata's 80 characters: a longer one is cut with an ellipsis; the second value
    lists the variables cut."""
    short, cut = {}, []
    for name, label in labels.items():
        if len(label) > STATA_LABEL_LIMIT:
            short[name] = label[: STATA_LABEL_LIMIT - 1].rstrip() + "…"
            cut.append(name)
        else:
            short[name] = label
    return short, cut


def write_dta(path, *, columns: list[Column], rows) -> None:
    import pyreadstat

    frame, labels, value_labels, _measures = _frame(columns, rows, 32)
    labels, cut = stata_labels(labels)
    value_labels = {name: {int(k): v for k, v in mapping.items()} for name, mapping in value_labels.items()}
    file_label = ""
    if cut:
        # the file's own label (80 characters at most) names the variables cut, as far as it can;
        # the codebook's Note column lists every one
        file_label = _("Cut labels: %(names)s") % {"names": ", ".join(cut)}
        if len(file_label) > STATA_LABEL_LIMIT:
            file_label = file_label[: STATA_LABEL_LIMIT - 1] + "…"
    pyreadstat.write_dta(
        frame,
        str(path),
        file_label=file_label,
        column_labels=labels,
        variable_value_labels=value_labels,
        version=STATA_VERSION,
    )
