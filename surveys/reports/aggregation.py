"""Survey results computed with GROUP BY over the narrow Answer rows, then suppressed.

The number of queries depends on the number of questions (text questions each get one), never on
the number of responses: counts for every choice question come from one GROUP BY, number
distributions (mean, median, histogram) from another, codes (country, language, institution) from
a third, a breakdown's cross-tables from a fourth. Each GROUP BY also sums the record keys of the
rows it counts (the cell keys of the cell-key method), so protection costs no extra query.
Disclosure control is ``surveys.disclosure``: exact figures with suppression for survey managers,
protected (perturbed) figures for an institution's results (``docs/privacy-model.md``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf.locale import LANG_INFO
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.models import Organisation
from siem_portal.exceptions import ApplicationError

from ..definition import QuestionDef, load_definition
from ..disclosure import (
    METHOD_NOTE,
    PROTECTED_NOTE,
    Cell,
    cell_sum,
    effective_threshold,
    mean_if_enough,
    percentage,
    protect,
    suppress_counts,
    suppress_table,
)
from ..enums import (
    CHOICE_TYPES,
    CODE_TYPES,
    NUMBER_TYPES,
    OTHER_INSTITUTION,
    TEXT_TYPES,
    QuestionType,
    ResponseStatus,
)
from ..models import Answer, Response, Survey

TEXT_LIMIT = 50
HISTOGRAM_BINS = 10
BREAKDOWN_TYPES = {QuestionType.SINGLE, QuestionType.YES_NO, QuestionType.LIKERT, QuestionType.MULTIPLE}
# breakdowns also group by the answer to a country or institution question (the groups are its codes)
GROUP_TYPES = BREAKDOWN_TYPES | {QuestionType.COUNTRY, QuestionType.INSTITUTION}


@dataclass
class Filters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    language: str = ""
    # {question code: choice code}: only responses that chose it
    choices: dict = field(default_factory=dict)
    # an academic year, "2025-26" (1 September to 31 August): the only period of protected results
    period: str = ""
    # survey-wide results without the responses whose institution was not verified (managers)
    verified_only: bool = False

    @classmethod
    def from_dict(cls, data: dict | None) -> Filters:
        data = data or {}

        def day(value):
            if not value:
                return None
            return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))

        return cls(
            date_from=day(data.get("date_from")),
            date_to=day(data.get("date_to")),
            language=str(data.get("language") or ""),
            choices={str(k): str(v) for k, v in (data.get("choices") or {}).items() if v},
            period=str(data.get("period") or ""),
            verified_only=str(data.get("verified_only") or "").lower() in ("1", "true", "yes", "on"),
        )

    def to_dict(self) -> dict:
        out = {}
        if self.date_from:
            out["date_from"] = self.date_from.isoformat()
        if self.date_to:
            out["date_to"] = self.date_to.isoformat()
        if self.language:
            out["language"] = self.language
        if self.choices:
            out["choices"] = dict(sorted(self.choices.items()))
        if self.period:
            out["period"] = self.period
        if self.verified_only:
            out["verified_only"] = True
        return out


def period_range(period: str) -> tuple[datetime.date, datetime.date] | None:
    """The first day of an academic year "2025-26" and the first day of the next one."""
    start, sep, end = period.partition("-")
    if not (sep and start.isdigit() and end.isdigit() and len(start) == 4 and len(end) == 2):
        return None
    year = int(start)
    if (year + 1) % 100 != int(end) or not 1900 < year < 2200:
        return None
    return datetime.date(year, 9, 1), datetime.date(year + 1, 9, 1)


def academic_year(day: datetime.date) -> str:
    year = day.year if day.month >= 9 else day.year - 1
    return f"{year}-{(year + 1) % 100:02d}"


def survey_periods(survey: Survey, today: datetime.date | None = None) -> list[str]:
    """The academic years a survey's results can be asked for: from its first response (or its
    opening) to today, newest first. One query."""
    from django.db.models import Min
    from django.utils import timezone

    today = today or timezone.localdate()
    first = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).aggregate(
        first=Min("submitted_at")
    )["first"]
    starts = [d.date() for d in (first, survey.opens_at, survey.created_at) if d is not None]
    day = min([*starts, today])
    years = []
    while True:
        years.append(academic_year(day))
        _start, end = period_range(years[-1])
        if end > today:
            break
        day = end
    return years[::-1]


def filters_validate(*, survey: Survey, filters: Filters, breakdown: str | None, protected: bool = False) -> dict:
    """Errors keyed by field for unknown questions or choices (empty when all is well).

    ``protected`` (an institution's results): days are refused, only whole academic years.
    """
    definition = load_definition(survey)
    errors: dict = {}
    for code, choice in filters.choices.items():
        q = definition.by_code.get(code)
        if q is None or q.type not in BREAKDOWN_TYPES:
            errors.setdefault("filters", []).append(_("Unknown choice question: %(code)s") % {"code": code})
        elif q.choice(choice) is None:
            errors.setdefault("filters", []).append(
                _("%(choice)s is not an answer to %(code)s") % {"choice": choice, "code": code}
            )
    if protected:
        for name in ("date_from", "date_to"):
            if getattr(filters, name):
                errors[name] = [
                    _("Results of an institution are given for whole academic years: choose a period, not dates.")
                ]
    if filters.period and period_range(filters.period) is None:
        errors["period"] = [_("A period is an academic year written like 2025-26.")]
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        errors.setdefault("filters", []).append(_("The end date is before the start date."))
    if breakdown:
        q = definition.by_code.get(breakdown)
        if q is None or q.type not in GROUP_TYPES:
            errors["breakdown"] = [
                _("Breakdowns are by a choice, country or institution question: %(code)s is not one.")
                % {"code": breakdown}
            ]
    return errors


def responses_queryset(*, survey: Survey, filters: Filters, institution_ids=None):
    """The submitted responses the results are about. An institution's are only those whose tie to
    it was verified when they were stored: posts that merely name it never count (no padding)."""
    qs = Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)
    if institution_ids is not None:
        qs = qs.filter(institution_id__in=list(institution_ids), institution_verified=True)
    elif filters.verified_only:
        qs = qs.filter(institution_verified=True)
    if filters.date_from:
        qs = qs.filter(submitted_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(submitted_at__date__lte=filters.date_to)
    if filters.period:
        start, end = period_range(filters.period) or (None, None)
        if start is None:
            return qs.none()
        qs = qs.filter(submitted_at__date__gte=start, submitted_at__date__lt=end)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.choices:
        definition = load_definition(survey)
        for code, choice_code in filters.choices.items():
            q = definition.by_code.get(code)
            choice = q.choice(choice_code) if q else None
            if choice is None:
                return qs.none()
            qs = qs.filter(pk__in=Answer.objects.filter(question_id=q.id, choice_id=choice.id).values("response_id"))
    return qs


def small_differences(*, survey: Survey, filters: Filters, institution_ids, k: int) -> dict:
    """Errors for each filter of a protected query that leaves out 1 to k-1 respondents of the same
    query without it: the two results would differ by those few people. Keyed by the filter's
    name (``period``, ``language``, ``answer``); one COUNT per filter given."""
    if not (filters.period or filters.language or filters.choices):
        return {}
    n = responses_queryset(survey=survey, filters=filters, institution_ids=institution_ids).count()
    without = []
    if filters.period:
        without.append(("period", Filters(**{**filters.__dict__, "period": ""})))
    if filters.language:
        without.append(("language", Filters(**{**filters.__dict__, "language": ""})))
    for code in filters.choices:
        rest = {c: v for c, v in filters.choices.items() if c != code}
        without.append(("answer", Filters(**{**filters.__dict__, "choices": rest})))
    errors: dict = {}
    for name, broader in without:
        m = responses_queryset(survey=survey, filters=broader, institution_ids=institution_ids).count() - n
        if 0 < m < k:
            errors.setdefault(name, []).append(
                _(
                    "This filter leaves out fewer than %(k)s respondents: the difference could point at "
                    "a person. Choose a broader filter."
                )
                % {"k": k}
            )
    return errors


def kind_of(q: QuestionDef) -> str:
    if q.type in NUMBER_TYPES:
        return "number"
    if q.type in CHOICE_TYPES:
        return "choice"
    if q.type in CODE_TYPES:
        return "code"
    if q.type in TEXT_TYPES:
        return "text"
    return "date"


@dataclass
class RawCounts:
    """What the database said, before disclosure control: kept apart so tests and exports can check it.

    ``keys`` holds, for each count, the sum of the record keys of the rows counted (the cell key
    before mod 256), under the same dictionary key and in the same dictionary name.
    """

    responses: int
    answered: dict  # question id -> respondents who answered
    choice_counts: dict  # (question id, choice id) -> count
    number_dist: dict  # question id -> {value: count}
    code_counts: dict  # question id -> {code: count}
    texts: dict  # question id -> [text]
    cross: dict  # (question id, choice id, group choice id or group code) -> count
    keys: dict = field(default_factory=dict)
    unverified: int = 0

    def cell_total(self) -> Cell:
        return Cell(self.responses, self.keys.get("responses", 0))

    def cell(self, name: str, *path) -> Cell:
        """The Cell (count, key sum) of ``name`` ("answered", "choice_counts", "number_dist", ...)."""
        counts, keys = getattr(self, name), self.keys.get(name, {})
        for part in path[:-1]:
            counts, keys = counts.get(part, {}), keys.get(part, {})
        return Cell(counts.get(path[-1], 0), keys.get(path[-1], 0))


def raw_counts(*, survey: Survey, filters: Filters, institution_ids=None, breakdown: str | None = None, texts=False):
    definition = load_definition(survey)
    responses = responses_queryset(survey=survey, filters=filters, institution_ids=institution_ids)
    totals = responses.aggregate(
        n=Count("pk"), key=Sum("record_key"), unverified=Count("pk", filter=Q(institution_verified=False))
    )
    n = totals["n"]
    keys: dict = {"responses": totals["key"] or 0, "answered": {}, "choice_counts": {}, "number_dist": {}}
    keys.update(code_counts={}, cross={})
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    answered = {}
    for qid, count, key in (
        answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True), key=Sum("response__record_key"))
        .values_list("question_id", "n", "key")
    ):
        answered[qid], keys["answered"][qid] = count, key
    choice_counts = {}
    ranking_ids = [q.id for q in definition.answerable() if q.type == QuestionType.RANKING]
    # ranking: the count is of people who ranked the option first
    for qid, cid, count, key, first, first_key in (
        answers.filter(choice_id__isnull=False)
        .values("question_id", "choice_id")
        .annotate(
            n=Count("id"),
            key=Sum("response__record_key"),
            first=Count("id", filter=Q(value_number=1)),
            first_key=Sum("response__record_key", filter=Q(value_number=1)),
        )
        .values_list("question_id", "choice_id", "n", "key", "first", "first_key")
    ):
        ranked = qid in ranking_ids
        choice_counts[(qid, cid)] = first if ranked else count
        keys["choice_counts"][(qid, cid)] = (first_key or 0) if ranked else key
    number_ids = [q.id for q in definition.answerable() if q.type in NUMBER_TYPES]
    number_dist: dict = {}
    for qid, value, count, key in (
        answers.filter(question_id__in=number_ids, value_number__isnull=False)
        .values("question_id", "value_number")
        .annotate(n=Count("id"), key=Sum("response__record_key"))
        .values_list("question_id", "value_number", "n", "key")
    ):
        number_dist.setdefault(qid, {})[value] = count
        keys["number_dist"].setdefault(qid, {})[value] = key
    code_ids = [q.id for q in definition.answerable() if q.type in CODE_TYPES]
    code_counts: dict = {}
    for qid, value, count, key in (
        answers.filter(question_id__in=code_ids)
        .exclude(value_text="")
        .values("question_id", "value_text")
        .annotate(n=Count("id"), key=Sum("response__record_key"))
        .values_list("question_id", "value_text", "n", "key")
    ):
        code_counts.setdefault(qid, {})[value] = count
        keys["code_counts"].setdefault(qid, {})[value] = key
    text_values: dict = {}
    if texts:
        for q in definition.answerable():
            if q.type in TEXT_TYPES:
                text_values[q.id] = list(
                    answers.filter(question_id=q.id)
                    .exclude(value_text="")
                    .order_by("-response_id")
                    .values_list("value_text", flat=True)[:TEXT_LIMIT]
                )
    cross: dict = {}
    if breakdown:
        group_q = definition.by_code[breakdown]
        # a choice question groups by its choice ids, a country or institution question by its codes
        if group_q.type in CODE_TYPES:
            group, grouped = "response__answers__value_text", {"response__answers__value_text__gt": ""}
        else:
            group, grouped = "response__answers__choice_id", {}
        for qid, cid, gid, count, key in (
            answers.filter(choice_id__isnull=False, response__answers__question_id=group_q.id, **grouped)
            .values("question_id", "choice_id", group)
            .annotate(n=Count("id"), key=Sum("response__record_key"))
            .values_list("question_id", "choice_id", group, "n", "key")
        ):
            cross[(qid, cid, gid)] = count
            keys["cross"][(qid, cid, gid)] = key
    return RawCounts(
        n, answered, choice_counts, number_dist, code_counts, text_values, cross, keys, totals["unverified"]
    )


def _median(dist: dict) -> float | None:
    total = sum(dist.values())
    if not total:
        return None
    ordered = sorted(dist.items())
    half = total / 2

    def at(position):  # the value at 0-based position in the sorted answers
        seen = 0
        for value, count in ordered:
            seen += count
            if position < seen:
                return value
        return ordered[-1][0]

    if total % 2:
        return at(total // 2)
    return (at(half - 1) + at(half)) / 2


def _bins(dist: dict) -> list[tuple[str, float, list]]:
    """Bins of equal width over the answers (whole numbers get one bin per value when few): each
    (label, middle value, the answer values in it)."""
    if not dist:
        return []
    lo, hi = min(dist), max(dist)
    whole = all(float(v).is_integer() for v in dist)
    if whole and hi - lo + 1 <= 15:
        edges = [(v, v) for v in range(int(lo), int(hi) + 1)]
    else:
        width = (hi - lo) / HISTOGRAM_BINS or 1
        edges = [(lo + i * width, lo + (i + 1) * width) for i in range(HISTOGRAM_BINS)]
    out = []
    for i, (a, b) in enumerate(edges):
        last = i == len(edges) - 1
        values = [v for v in dist if a <= v <= b and (last or v < b or a == b)]
        out.append((_fmt(a) if a == b else f"{_fmt(a)}–{_fmt(b)}", (a + b) / 2, values))
    return out


def _histogram(dist: dict, k: int) -> list[dict]:
    bins = _bins(dist)
    counts = {label: sum(dist[v] for v in values) for label, _middle, values in bins}
    shown, _total = suppress_counts(counts, k)
    return [{"label": label, "count": shown[label]} for label, _middle, _values in bins]


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _shown_n(n: int, k: int) -> int | None:
    return None if 0 < n < k else n


def _choice_rows(q: QuestionDef, counts: dict, base: int | None, k: int, language: str) -> list[dict]:
    suppressed, _total = suppress_counts(counts, k)
    return [
        {
            "code": c.code,
            "label": c.tr(language),
            "count": suppressed[c.code],
            "percent": percentage(suppressed[c.code], base, k),
        }
        for c in q.choices
    ]


def _likert_stats(q: QuestionDef, counts: dict, k: int) -> tuple[float | None, float | None]:
    """Mean and median of a Likert item on the scale 1..n of its options (prefer-not-to-say left out)."""
    positions = {c.code: i + 1 for i, c in enumerate(x for x in q.choices if x.code != "prefer_not_to_say")}
    dist = {positions[code]: n for code, n in counts.items() if code in positions and n}
    n = sum(dist.values())
    total = sum(pos * c for pos, c in dist.items())
    mean = mean_if_enough(total, n, k)
    return mean, (_median(dist) if mean is not None else None)


def code_labels(q: QuestionDef, codes: list[str]) -> dict[str, str]:
    """What a reader sees for a stored code: the country, language or institution's name."""
    if q.type == QuestionType.COUNTRY:
        return {code: str(countries.name(code) or code) for code in codes}
    if q.type == QuestionType.LANGUAGE:
        return {code: LANG_INFO.get(code, {}).get("name", code) for code in codes}
    if q.type == QuestionType.INSTITUTION and codes:
        names = dict(Organisation.objects.filter(slug__in=codes).values_list("slug", "name"))
        names[OTHER_INSTITUTION] = _("Other institution")
        return {code: names.get(code, code) for code in codes}
    return {code: code for code in codes}


def question_result(q: QuestionDef, raw: RawCounts, k: int, language: str, texts: bool) -> dict:
    n = raw.answered.get(q.id, 0)
    base = n
    out = {
        "code": q.code,
        "type": q.type,
        "kind": kind_of(q),
        "text": q.tr("text", language),
        "parent": q.parent_code,
        "special_category": q.special_category,
        "n": _shown_n(n, k),
    }
    if out["kind"] == "choice":
        counts = {c.code: raw.choice_counts.get((q.id, c.id), 0) for c in q.choices}
        out["rows"] = _choice_rows(q, counts, base if out["n"] is not None else None, k, language)
        out["counts"] = {r["code"]: r["count"] for r in out["rows"]}
        if q.type == QuestionType.LIKERT:
            out["mean"], out["median"] = _likert_stats(q, counts, k)
    elif out["kind"] == "number":
        dist = raw.number_dist.get(q.id, {})
        count = sum(dist.values())
        out["mean"] = mean_if_enough(sum(v * c for v, c in dist.items()), count, k)
        out["median"] = _median(dist) if out["mean"] is not None else None
        out["histogram"] = _histogram(dist, k) if count >= effective_threshold(k) else []
        out["counts"] = {r["label"]: r["count"] for r in out["histogram"]}
    elif out["kind"] == "code":
        dist = raw.code_counts.get(q.id, {})
        ordered = dict(sorted(dist.items(), key=lambda item: (-item[1], item[0])))
        suppressed, _total = suppress_counts(ordered, k) if ordered else ({}, 0)
        labels = code_labels(q, list(ordered))
        out["rows"] = [
            {
                "code": code,
                "label": labels[code],
                "count": suppressed[code],
                "percent": percentage(suppressed[code], n, k),
            }
            for code in ordered
        ]
        out["counts"] = suppressed
    elif out["kind"] == "text":
        out["texts"] = raw.texts.get(q.id, []) if texts else None
        out["counts"] = {}
    else:
        out["counts"] = {}
    return out


# --- protected results (an institution's: IRO officers, their files and API) -----------------------


def _stats_from_published(points: list[tuple[float, int | None]], k: int) -> tuple[float | None, float | None]:
    """Mean and median of (value, published count) pairs, from the published counts only: they say
    nothing the table does not. None below k published answers."""
    shown = [(v, c) for v, c in points if c]
    total = sum(c for _v, c in shown)
    if total < k:
        return None, None
    mean = round(sum(v * c for v, c in shown) / total, 1)
    return mean, _median(dict(shown))


def protected_question_result(q: QuestionDef, raw: RawCounts, k: int, language: str) -> dict:
    n = protect(raw.cell("answered", q.id), k)
    out = {
        "code": q.code,
        "type": q.type,
        "kind": kind_of(q),
        "text": q.tr("text", language),
        "parent": q.parent_code,
        "special_category": q.special_category,
        "n": n,
    }
    if out["kind"] == "choice":
        counts = {c.code: protect(raw.cell("choice_counts", (q.id, c.id)), k) for c in q.choices}
        out["rows"] = [
            {
                "code": c.code,
                "label": c.tr(language),
                "count": counts[c.code],
                "percent": percentage(counts[c.code], n, k),
            }
            for c in q.choices
        ]
        out["counts"] = counts
        if q.type == QuestionType.LIKERT:
            scale = [c for c in q.choices if c.code != "prefer_not_to_say"]
            out["mean"], out["median"] = _stats_from_published(
                [(i + 1, counts[c.code]) for i, c in enumerate(scale)], k
            )
    elif out["kind"] == "number":
        dist = raw.number_dist.get(q.id, {})
        histogram = []
        if n is not None:
            for label, middle, values in _bins(dist):
                cell = cell_sum(raw.cell("number_dist", q.id, v) for v in values)
                histogram.append({"label": label, "count": protect(cell, k), "middle": middle})
        out["mean"], out["median"] = _stats_from_published([(b["middle"], b["count"]) for b in histogram], k)
        out["histogram"] = [{"label": b["label"], "count": b["count"]} for b in histogram]
        out["counts"] = {b["label"]: b["count"] for b in out["histogram"]}
    elif out["kind"] == "code":
        dist = raw.code_counts.get(q.id, {})
        published = {code: protect(raw.cell("code_counts", q.id, code), k) for code in dist}
        # ordered by the published figures (the true ones would rank the hidden codes)
        ordered = sorted(published, key=lambda code: (published[code] is None, -(published[code] or 0), code))
        labels = code_labels(q, ordered)
        out["rows"] = [
            {
                "code": code,
                "label": labels[code],
                "count": published[code],
                "percent": percentage(published[code], n, k),
            }
            for code in ordered
        ]
        out["counts"] = {code: published[code] for code in ordered}
    elif out["kind"] == "text":
        out["texts"] = None
        out["counts"] = {}
    else:
        out["counts"] = {}
    return out


def _groups(group_q: QuestionDef, raw: RawCounts, language: str) -> list[tuple]:
    """The breakdown's groups, each (key in ``raw.cross``, code, label, its Cell of respondents): a
    choice question's choices, or the codes a country or institution question was answered with."""
    if group_q.type in CODE_TYPES:
        codes = list(raw.code_counts.get(group_q.id, {}))
        labels = code_labels(group_q, codes)
        return [
            (code, code, labels[code], raw.cell("code_counts", group_q.id, code))
            for code in sorted(codes, key=lambda code: (str(labels[code]), code))
        ]
    return [(g.id, g.code, g.tr(language), raw.cell("choice_counts", (group_q.id, g.id))) for g in group_q.choices]


def protected_breakdown_result(definition, raw: RawCounts, code: str, k: int, language: str) -> dict:
    group_q = definition.by_code[code]
    groups = _groups(group_q, raw, language)
    tables = []
    for q in definition.answerable():
        if kind_of(q) != "choice" or q.code == code:
            continue
        grid = [[raw.cell("cross", (q.id, c.id, g[0])) for g in groups] for c in q.choices]
        if not grid:
            continue
        cells = [[protect(cell, k) for cell in row] for row in grid]
        col_totals = [protect(cell_sum(row[j] for row in grid), k) for j in range(len(groups))]
        tables.append(
            {
                "code": q.code,
                "text": q.tr("text", language),
                "parent": q.parent_code,
                "rows": [
                    {"code": c.code, "label": c.tr(language), "cells": cells[i], "total": protect(cell_sum(grid[i]), k)}
                    for i, c in enumerate(q.choices)
                ],
                "col_totals": col_totals,
                "total": protect(cell_sum(cell for row in grid for cell in row), k),
                "percents": [
                    [percentage(cells[i][j], col_totals[j], k) for j in range(len(groups))]
                    for i in range(len(q.choices))
                ],
            }
        )
    return {
        "question": code,
        "text": group_q.tr("text", language),
        "groups": [{"code": g_code, "label": label, "n": protect(cell, k)} for _key, g_code, label, cell in groups],
        "tables": tables,
    }


def check_protected_query(*, survey: Survey, filters: Filters, institution_ids, breakdown: str | None = None) -> None:
    """Raise ApplicationError (400, naming the filter) for a query an institution may not ask:
    unknown filters, days instead of academic years, or a filter leaving out 1 to k-1 people."""
    errors = filters_validate(survey=survey, filters=filters, breakdown=breakdown, protected=True)
    if not errors:
        k = effective_threshold(survey.k)
        errors = small_differences(survey=survey, filters=filters, institution_ids=institution_ids, k=k)
    if errors:
        raise ApplicationError(_("These results cannot be given."), errors=errors)


def survey_results(
    *,
    survey: Survey,
    filters: Filters | None = None,
    institution_ids=None,
    breakdown: str | None = None,
    texts: bool = False,
    language: str = "en",
) -> dict:
    """The survey's results as plain data (pages, API and every file read this), already protected.

    ``institution_ids`` limits the responses to an institution's verified ones (IRO officers) and
    gives protected figures (cell-key perturbation); without it the figures are exact with
    suppression (survey managers). A protected query that is not allowed raises ApplicationError.
    ``texts`` adds free-text answers (survey managers only). When fewer than k responses match,
    ``too_few`` is true and no question is given.
    """
    filters = filters or Filters()
    k = effective_threshold(survey.k)
    protected = institution_ids is not None
    if protected:
        check_protected_query(survey=survey, filters=filters, institution_ids=institution_ids, breakdown=breakdown)
        texts = False
    definition = load_definition(survey)
    raw = raw_counts(survey=survey, filters=filters, institution_ids=institution_ids, breakdown=breakdown, texts=texts)
    shown_total = protect(raw.cell_total(), k) if protected else raw.responses
    result = {
        "survey": survey.slug,
        "title": survey.tr("title", language),
        "responses": shown_total,
        "k": k,
        "protected": protected,
        "unverified": None if protected else raw.unverified,
        "method_note": method_note(k, protected=protected),
        "filters": filters.to_dict(),
        "too_few": raw.responses < k or shown_total is None,
        "questions": [],
        "breakdown": None,
        "matrices": {
            q.code: q.tr("text", language)
            for section in definition.sections
            for q in section.questions
            if q.type == QuestionType.MATRIX
        },
    }
    if result["too_few"]:
        result["responses"] = None if protected else _shown_n(raw.responses, k)
        return result
    for q in definition.answerable():
        if protected:
            result["questions"].append(protected_question_result(q, raw, k, language))
        else:
            result["questions"].append(question_result(q, raw, k, language, texts))
    if breakdown:
        build = protected_breakdown_result if protected else breakdown_result
        result["breakdown"] = build(definition, raw, breakdown, k, language)
    return result


def breakdown_result(definition, raw: RawCounts, code: str, k: int, language: str) -> dict:
    group_q = definition.by_code[code]
    groups = _groups(group_q, raw, language)
    group_counts = {g_code: cell.count for _key, g_code, _label, cell in groups}
    shown_groups, _total = suppress_counts(group_counts, k)
    tables = []
    for q in definition.answerable():
        if kind_of(q) != "choice" or q.code == code:
            continue
        counts = [[raw.cross.get((q.id, c.id, g[0]), 0) for g in groups] for c in q.choices]
        if not counts:
            continue
        table = suppress_table(counts, k)
        tables.append(
            {
                "code": q.code,
                "text": q.tr("text", language),
                "parent": q.parent_code,
                "rows": [
                    {"code": c.code, "label": c.tr(language), "cells": table.cells[i], "total": table.row_totals[i]}
                    for i, c in enumerate(q.choices)
                ],
                "col_totals": table.col_totals,
                "total": table.total,
                "percents": [
                    [percentage(table.cells[i][j], table.col_totals[j], k) for j in range(len(groups))]
                    for i in range(len(q.choices))
                ],
            }
        )
    return {
        "question": code,
        "text": group_q.tr("text", language),
        "groups": [
            {"code": g_code, "label": label, "n": shown_groups[g_code]} for _key, g_code, label, _cell in groups
        ],
        "tables": tables,
    }


def method_note(k: int, *, protected: bool = False) -> str:
    """The note shown on every results page and in every file, in the reader's language."""
    return (_(PROTECTED_NOTE) if protected else _(METHOD_NOTE)).format(k=k, k_minus_1=k - 1)


def api_shape(results: dict) -> dict:
    """The documented API body: counts by code, ``null`` where suppressed."""
    body = {
        "survey": results["survey"],
        "responses": results["responses"],
        "k": results["k"],
        "method_note": results["method_note"],
        "filters": results["filters"],
        "too_few": results["too_few"],
        "questions": [
            {
                "code": q["code"],
                "type": q["type"],
                "n": q["n"],
                "counts": q["counts"],
                **({"mean": q["mean"], "median": q["median"]} if "mean" in q else {}),
            }
            for q in results["questions"]
        ],
        "breakdown": None,
    }
    bd = results["breakdown"]
    if bd:
        groups = {}
        for j, g in enumerate(bd["groups"]):
            groups[g["code"]] = {
                "n": g["n"],
                "questions": [
                    {"code": t["code"], "counts": {row["code"]: row["cells"][j] for row in t["rows"]}}
                    for t in bd["tables"]
                ],
            }
        body["breakdown"] = {"question": bd["question"], "groups": groups}
    return body
