"""Record-level rows (one per response) read as two ordered streams merged in Python.

Two queries whatever the number of responses (responses by id, answers by response id, both
fetched in chunks), so an export's memory stays flat as the survey grows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..definition import QuestionDef, load_definition
from ..enums import CHOICE_TYPES, NUMBER_TYPES, QuestionType
from ..models import Answer, Survey
from .aggregation import Filters, responses_queryset

CHUNK = 2000
SINGLE_TYPES = {QuestionType.SINGLE, QuestionType.YES_NO, QuestionType.LIKERT}


@dataclass
class Column:
    name: str
    label: str
    kind: str  # "code", "label", "flag", "rank", "number", "text", "other"
    question: QuestionDef | None = None
    # code -> (position, label) for single-choice columns
    value_labels: dict = field(default_factory=dict)


def questions_for_export(survey: Survey, *, include_special: bool) -> list[QuestionDef]:
    return [q for q in load_definition(survey).answerable() if include_special or not q.special_category]


def special_questions(survey: Survey) -> list[str]:
    return [q.code for q in load_definition(survey).answerable() if q.special_category]


def columns_for(questions: list[QuestionDef], language: str = "en") -> list[Column]:
    codes = {q.code for q in questions}
    cols = [
        Column("response_id", _("Response (pseudonym)"), "meta"),
        Column("submitted_at", _("Submitted at"), "meta"),
        Column("language", _("Language"), "meta"),
    ]
    # an institution question is the response's institution (it is taken from the answer): its own
    # column says it, with "other" and the text given, so the file has one institution column
    if not any(q.type == QuestionType.INSTITUTION for q in questions):
        cols.append(Column("institution", _("Institution"), "meta"))
    for c in cols:
        if c.name in codes:  # a question's code wins the name: the response's own value is renamed
            c.name = f"response_{c.name}"
    for q in questions:
        text = q.tr("text", language)
        if q.parent_code:
            text = f"{q.parent_code}: {text}"
        if q.type in SINGLE_TYPES:
            labels = {c.code: (i + 1, c.tr(language)) for i, c in enumerate(q.choices)}
            cols.append(Column(q.code, text, "code", q, labels))
            cols.append(Column(f"{q.code}_label", f"{text} ({_('label')})", "label", q, labels))
        elif q.type in (QuestionType.MULTIPLE, QuestionType.RANKING):
            kind = "flag" if q.type == QuestionType.MULTIPLE else "rank"
            for c in q.choices:
                cols.append(Column(f"{q.code}__{c.code}", f"{text}: {c.tr(language)}", kind, q, {"choice": c.id}))
        elif q.type in NUMBER_TYPES:
            cols.append(Column(q.code, text, "number", q))
        else:
            cols.append(Column(q.code, text, "text", q))
        if q.type in CHOICE_TYPES and any(c.is_other for c in q.choices):
            cols.append(Column(f"{q.code}_other", f"{text} ({_('other, please specify')})", "other", q))
    return cols


def record_rows(
    *,
    survey: Survey,
    language: str = "en",
    filters: Filters,
    columns: list[Column],
    institution_ids=None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[list]:
    """Yield one list of cell values per response, in the order of ``columns``."""
    questions = {c.question.id: c.question for c in columns if c.question is not None}
    index = {c.name: i for i, c in enumerate(columns)}
    # what one answer row writes, worked out once: (question id, choice id) -> (kind, cell, value, cell 2, value 2)
    on_choice: dict = {}
    on_value: dict = {}
    for q in questions.values():
        other = index.get(f"{q.code}_other")
        for c in q.choices:
            if q.type in SINGLE_TYPES:
                on_choice[(q.id, c.id)] = (0, index[q.code], c.code, index[f"{q.code}_label"], c.tr(language), other)
            elif q.type == QuestionType.MULTIPLE:
                on_choice[(q.id, c.id)] = (1, index[f"{q.code}__{c.code}"], 1, None, None, other)
            else:
                on_choice[(q.id, c.id)] = (2, index[f"{q.code}__{c.code}"], None, None, None, other)
        if q.code in index:
            on_value[q.id] = (index[q.code], 0 if q.type in NUMBER_TYPES else 1)
    responses = responses_queryset(survey=survey, filters=filters, institution_ids=institution_ids).order_by("pk")
    answers = (
        Answer.objects.filter(response__in=responses.values("pk"), question_id__in=list(questions))
        .order_by("response_id", "id")
        .values_list("response_id", "question_id", "choice_id", "value_number", "value_text", "value_date")
        .iterator(chunk_size=CHUNK)
    )
    flag_groups = [
        [index[f"{q.code}__{c.code}"] for c in q.choices] for q in questions.values() if q.type == QuestionType.MULTIPLE
    ]
    pending = next(answers, None)
    width = len(columns)
    with_institution = width > 3 and columns[3].kind == "meta"
    for done, (pk, pseudonym, submitted_at, response_language, institution) in enumerate(
        responses.values_list("pk", "pseudonym", "submitted_at", "language", "institution__slug").iterator(
            chunk_size=CHUNK
        ),
        start=1,
    ):
        row: list = [None] * width
        row[0], row[1], row[2] = pseudonym, submitted_at.isoformat() if submitted_at else "", response_language
        if with_institution:
            row[3] = institution or ""
        while pending is not None and pending[0] < pk:
            pending = next(answers, None)
        while pending is not None and pending[0] == pk:
            _rid, qid, cid, number, text, day = pending
            if cid is not None:
                action = on_choice.get((qid, cid))
                if action is not None:
                    kind, cell, value, cell2, value2, other = action
                    if kind == 0:
                        row[cell] = value
                        row[cell2] = value2
                    elif kind == 1:
                        row[cell] = 1
                    else:
                        row[cell] = int(number) if number is not None else None
                    if text and other is not None:
                        row[other] = text
            else:
                target = on_value.get(qid)
                if target is not None:
                    cell, kind = target
                    if kind == 0:
                        row[cell] = int(number) if number is not None and float(number).is_integer() else number
                    elif day is not None:
                        row[cell] = day.isoformat() if hasattr(day, "isoformat") else str(day)
                    else:
                        row[cell] = text
            pending = next(answers, None)
        # a multiple-choice question answered gets 0 for the options not chosen
        for positions in flag_groups:
            if any(row[i] == 1 for i in positions):
                for i in positions:
                    if row[i] is None:
                        row[i] = 0
        if progress and done % 500 == 0:
            progress(done)
        yield row


_NAME = re.compile(r"[^A-Za-z0-9_]")


def variable_names(columns: list[Column], limit: int) -> list[str]:
    """Names SPSS and Stata accept: letters, digits and underscores, a letter first, unique."""
    seen, out = set(), []
    for c in columns:
        name = _NAME.sub("_", c.name)
        if not name[:1].isalpha():
            name = "v_" + name
        name = name[:limit]
        base, i = name, 2
        while name.lower() in seen:
            suffix = f"_{i}"
            name = base[: limit - len(suffix)] + suffix
            i += 1
        seen.add(name.lower())
        out.append(name)
    return out
