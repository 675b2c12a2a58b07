"""The one validation of answers, used by the survey pages, the API, the seeder and the tests.

Input is the API shape: ``{"<code>": value}`` where a value is a choice code, a list of codes, a
number, a string or an ISO date; "other, please specify" text goes under ``"<code>__other"``.
Pages pass the same shape with strings (``strict=False`` parses numbers from text).
"""

import datetime
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from .definition import QuestionDef, SurveyDef
from .enums import CODE_TYPES, NUMBER_TYPES, OTHER_INSTITUTION, PREFER_NOT_TO_SAY, TEXT_TYPES, QuestionType

OTHER_SUFFIX = "__other"
DEFAULT_MAX_LENGTH = {QuestionType.SHORT_TEXT: 300, QuestionType.LONG_TEXT: 5000}
OTHER_MAX_LENGTH = 300


class Invalid(Exception):
    pass


@lru_cache(maxsize=1)
def language_codes() -> frozenset:
    return frozenset(code for code in LANG_INFO if len(code) == 2 and "name" in LANG_INFO[code])


def institution_slugs() -> frozenset:
    from accounts.enums import OrganisationKind
    from accounts.models import Organisation

    return frozenset(Organisation.objects.filter(kind=OrganisationKind.HIGHER_EDUCATION).values_list("slug", flat=True))


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or (isinstance(value, str) and not value.strip())


def _number(q: QuestionDef, value, strict: bool):
    if isinstance(value, bool):
        raise Invalid(_("Enter a number."))
    if isinstance(value, str):
        if strict:
            raise Invalid(_("Enter a number."))
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise Invalid(_("Enter a number.")) from None
    if not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
        raise Invalid(_("Enter a number."))
    if q.type in (QuestionType.INTEGER, QuestionType.RATING):
        if value != int(value):
            raise Invalid(_("Enter a whole number."))
        value = int(value)
    lo, hi = q.validation.get("min"), q.validation.get("max")
    if q.type == QuestionType.RATING:
        lo, hi = 0 if lo is None else lo, 10 if hi is None else hi
    if lo is not None and value < lo:
        raise Invalid(_("Enter a number of at least %(min)s.") % {"min": lo})
    if hi is not None and value > hi:
        raise Invalid(_("Enter a number of at most %(max)s.") % {"max": hi})
    if abs(value) > 1e12:
        raise Invalid(_("This number is too large."))
    return value


def _choice_code(q: QuestionDef, value) -> str:
    if not isinstance(value, str) or q.choice(value) is None:
        raise Invalid(_("Choose one of the options."))
    return value


def clean_value(q: QuestionDef, value, *, strict: bool = True, institutions=None):
    """The typed value of one answer, or ``Invalid`` with a message for the respondent."""
    t = q.type
    if t in (QuestionType.SINGLE, QuestionType.YES_NO, QuestionType.LIKERT):
        return _choice_code(q, value)
    if t in (QuestionType.MULTIPLE, QuestionType.RANKING):
        if isinstance(value, str) and not strict:
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Invalid(_("Choose from the options."))
        if len(set(value)) != len(value):
            raise Invalid(_("Each option can be chosen only once."))
        for v in value:
            _choice_code(q, v)
        if PREFER_NOT_TO_SAY in value and len(value) > 1:
            raise Invalid(_("“Prefer not to say” cannot be combined with other options."))
        lo, hi = q.validation.get("min_selections"), q.validation.get("max_selections")
        if lo and len(value) < lo and value != [PREFER_NOT_TO_SAY]:
            raise Invalid(ngettext("Choose at least %(n)s option.", "Choose at least %(n)s options.", lo) % {"n": lo})
        if hi and len(value) > hi:
            raise Invalid(ngettext("Choose at most %(n)s option.", "Choose at most %(n)s options.", hi) % {"n": hi})
        return list(value)
    if t in NUMBER_TYPES:
        return _number(q, value, strict)
    if t in TEXT_TYPES:
        if not isinstance(value, str):
            raise Invalid(_("Enter text."))
        value = value.strip()
        limit = q.validation.get("max_length") or DEFAULT_MAX_LENGTH[t]
        if len(value) > limit:
            raise Invalid(
                ngettext(
                    "Use at most %(n)s character (you used %(used)s).",
                    "Use at most %(n)s characters (you used %(used)s).",
                    limit,
                )
                % {"n": limit, "used": len(value)}
            )
        pattern = q.validation.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            raise Invalid(q.validation.get("pattern_message") or _("This answer is not in the expected form."))
        return value
    if t == QuestionType.DATE:
        if not isinstance(value, str):
            raise Invalid(_("Enter a date as YYYY-MM-DD."))
        try:
            day = datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(_("Enter a date as YYYY-MM-DD.")) from None
        lo, hi = q.validation.get("min"), q.validation.get("max")
        if lo and day < datetime.date.fromisoformat(lo):
            raise Invalid(_("Enter a date on or after %(d)s.") % {"d": lo})
        if hi and day > datetime.date.fromisoformat(hi):
            raise Invalid(_("Enter a date on or before %(d)s.") % {"d": hi})
        return day
    if t in CODE_TYPES:
        if not isinstance(value, str):
            raise Invalid(_("Choose one of the options."))
        if t == QuestionType.COUNTRY:
            ok = value in dict(countries)
        elif t == QuestionType.LANGUAGE:
            ok = value in language_codes()
        else:
            ok = value == OTHER_INSTITUTION or value in (
                institutions if institutions is not None else institution_slugs()
            )
        if not ok:
            raise Invalid(_("Choose one of the options."))
        return value
    raise Invalid(_("This question takes no answer."))


def _matches(rule: dict, value) -> bool:
    op, expected = rule.get("operator"), rule.get("value")
    if value is None:
        return False
    values = value if isinstance(value, list) else [value]
    if op == "equals":
        return expected in values
    if op == "in":
        return any(v in (expected or []) for v in values)
    if op == "not":
        return expected not in values
    if op in ("gte", "lte"):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        try:
            return value >= float(expected) if op == "gte" else value <= float(expected)
        except (TypeError, ValueError):
            return False
    return False


def condition_met(condition: dict | None, values: dict) -> bool:
    """``{"all": [rules]}``: every rule must hold on the earlier answers (unanswered: not met)."""
    if not condition:
        return True
    return all(_matches(rule, values.get(rule.get("question"))) for rule in condition.get("all", []))


@dataclass
class Result:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    hidden: set = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


def is_visible(q: QuestionDef, values: dict, consent) -> bool:
    if q.special_category and consent is not True:
        return False
    return condition_met(q.condition, values)


def validate_answers(
    definition: SurveyDef,
    raw: dict,
    *,
    consent=None,
    strict: bool = True,
    drop_hidden: bool = False,
    scope: set | None = None,
    require: bool = True,
) -> Result:
    """Check answers in question order, applying conditions to the cleaned earlier answers.

    ``strict`` (the API) wants JSON types and refuses unknown codes and answers to hidden questions;
    pages pass ``drop_hidden=True`` so an answer that a later change hid is dropped silently.
    ``scope`` limits the errors reported to some question codes (one page of the survey);
    answers outside it still feed the conditions when they are valid.
    """
    result = Result()
    if not isinstance(raw, dict):
        result.errors["answers"] = [_("Send the answers as an object keyed by question code.")]
        return result
    known = set()
    institutions = None
    for q in definition.answerable():
        known.add(q.code)
        in_scope = scope is None or q.code in scope
        value = raw.get(q.code)
        if not is_visible(q, result.values, consent):
            result.hidden.add(q.code)
            if not _empty(value) and not drop_hidden and in_scope:
                if q.special_category and consent is not True:
                    msg = _("This question is asked only with consent to special-category questions.")
                else:
                    msg = _("This question is hidden by your other answers.")
                result.errors[q.code] = [msg]
            continue
        if _empty(value):
            if require and q.required and in_scope:
                result.errors[q.code] = [_("This question is required.")]
            continue
        if q.type == QuestionType.INSTITUTION and institutions is None:
            institutions = institution_slugs()
        try:
            clean = clean_value(q, value, strict=strict, institutions=institutions)
        except Invalid as exc:
            if in_scope:
                result.errors[q.code] = [str(exc)]
            continue
        result.values[q.code] = clean
        other = _other_text(q, clean, raw.get(q.code + OTHER_SUFFIX))
        if isinstance(other, Invalid):
            if in_scope:
                result.errors[q.code + OTHER_SUFFIX] = [str(other)]
        elif other:
            result.values[q.code + OTHER_SUFFIX] = other
        known.add(q.code + OTHER_SUFFIX)
    if strict:
        for code in raw:
            if code not in known and (code.removesuffix(OTHER_SUFFIX) not in known):
                result.errors[code] = [_("There is no question with this code.")]
    return result


def _other_text(q: QuestionDef, clean, text):
    chosen = clean if isinstance(clean, list) else [clean]
    wants_other = (
        any((c := q.choice(v)) is not None and c.is_other for v in chosen if isinstance(v, str))
        if q.choices
        else q.type == QuestionType.INSTITUTION and clean == OTHER_INSTITUTION
    )
    if not wants_other:
        return None
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if not isinstance(text, str):
        return Invalid(_("Enter text."))
    text = text.strip()
    if len(text) > OTHER_MAX_LENGTH:
        return Invalid(
            ngettext("Use at most %(n)s character.", "Use at most %(n)s characters.", OTHER_MAX_LENGTH)
            % {"n": OTHER_MAX_LENGTH}
        )
    return text


def answer_rows(definition: SurveyDef, values: dict, response_id: int) -> list:
    """The narrow Answer rows for cleaned values: one per chosen option."""
    from .models import Answer

    rows = []
    for code, value in values.items():
        if code.endswith(OTHER_SUFFIX):
            continue
        q = definition.by_code[code]
        other = values.get(code + OTHER_SUFFIX, "")
        if q.type in (QuestionType.MULTIPLE, QuestionType.RANKING):
            for position, v in enumerate(value, start=1):
                c = q.choice(v)
                rows.append(
                    Answer(
                        response_id=response_id,
                        question_id=q.id,
                        choice_id=c.id,
                        value_number=position if q.type == QuestionType.RANKING else None,
                        value_text=other if c.is_other else "",
                    )
                )
        elif q.choices:
            c = q.choice(value)
            rows.append(
                Answer(
                    response_id=response_id, question_id=q.id, choice_id=c.id, value_text=other if c.is_other else ""
                )
            )
        elif q.type in NUMBER_TYPES:
            rows.append(Answer(response_id=response_id, question_id=q.id, value_number=value))
        elif q.type == QuestionType.DATE:
            rows.append(Answer(response_id=response_id, question_id=q.id, value_date=value))
        else:
            text = value if not other else f"{value}: {other}"
            rows.append(Answer(response_id=response_id, question_id=q.id, value_text=text))
    return rows


class StoredAnswer(NamedTuple):
    question_id: int
    choice_id: int | None
    value_number: float | None
    value_text: str
    value_date: datetime.date | None


def stored_answers(response) -> list:
    """A response's answer rows as light tuples (no model instances: this runs on every page)."""
    from .models import Answer

    return [
        StoredAnswer(*row)
        for row in Answer.objects.filter(response=response).values_list(
            "question_id", "choice_id", "value_number", "value_text", "value_date"
        )
    ]


def values_from_rows(definition: SurveyDef, rows) -> dict:
    """The inverse of ``answer_rows``: stored rows back to the API shape (for resume and review)."""
    by_id = {q.id: q for q in definition.answerable()}
    values: dict = {}
    ranked: dict = {}
    for a in rows:
        q = by_id.get(a.question_id)
        if q is None:
            continue
        if q.choices:
            c = next((c for c in q.choices if c.id == a.choice_id), None)
            if c is None:
                continue
            if q.type == QuestionType.MULTIPLE:
                values.setdefault(q.code, []).append(c.code)
            elif q.type == QuestionType.RANKING:
                ranked.setdefault(q.code, []).append((a.value_number or 0, c.code))
            else:
                values[q.code] = c.code
            if c.is_other and a.value_text:
                values[q.code + OTHER_SUFFIX] = a.value_text
        elif q.type in NUMBER_TYPES:
            values[q.code] = int(a.value_number) if q.type != QuestionType.DECIMAL else a.value_number
        elif q.type == QuestionType.DATE:
            values[q.code] = a.value_date.isoformat() if a.value_date else None
        elif q.type == QuestionType.INSTITUTION and a.value_text.startswith(OTHER_INSTITUTION + ": "):
            values[q.code] = OTHER_INSTITUTION
            values[q.code + OTHER_SUFFIX] = a.value_text[len(OTHER_INSTITUTION) + 2 :]
        else:
            values[q.code] = a.value_text
    for code, items in ranked.items():
        values[code] = [c for _, c in sorted(items)]
    return values
