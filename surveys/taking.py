"""The flow of taking a survey, apart from the request: which sections a person sees, where Next and
Back lead, the progress shown, and the answers' labels on the review page."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django_countries import countries

from .enums import OTHER_INSTITUTION, QuestionType
from .validation import condition_met


def _question_may_show(q, values: dict, consent) -> bool:
    # special-category questions are asked unless consent was declined (the consent page comes first)
    if q.special_category and consent is False:
        return False
    return condition_met(q.condition, values)


def section_visible(section, values: dict, consent) -> bool:
    """A section is shown when at least one of its questions is (a section without questions is shown)."""
    if not section.questions:
        return True
    return any(_question_may_show(q, values, consent) for q in section.questions)


def visible_steps(definition, values: dict, consent) -> list[int]:
    """The indexes of the sections this person will see, given the answers so far."""
    return [i for i, s in enumerate(definition.sections) if section_visible(s, values, consent)]


def next_step(definition, values: dict, consent, step: int) -> int | None:
    """The first visible section from ``step`` on; None when the review comes next."""
    return next((i for i in visible_steps(definition, values, consent) if i >= step), None)


def previous_step(definition, values: dict, consent, step: int) -> int:
    """The last visible section before ``step`` (the first section when there is none)."""
    earlier = [i for i in visible_steps(definition, values, consent) if i < step]
    return earlier[-1] if earlier else 0


def progress(definition, values: dict, consent, step: int) -> tuple[int, int]:
    """``(number, total)`` for "Section x of y", counting only the sections this person sees."""
    steps = visible_steps(definition, values, consent)
    if step not in steps:
        steps = sorted([*steps, step])
    return steps.index(step) + 1, len(steps)


def page_values(stored: dict, posted: dict) -> dict:
    """What a page shows after a validation error: the saved answers with the posted ones on top."""
    return {**stored, **posted}


def answer_label(q, value, lang: str, institutions: dict) -> str:
    """A stored answer as its label: the option's text, the country's or language's name, the institution's name."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(c.tr(lang) for code in value if (c := q.choice(code)))
    if q.choices:
        c = q.choice(value)
        return c.tr(lang) if c else str(value)
    if q.type == QuestionType.COUNTRY:
        return str(countries.name(value) or value)
    if q.type == QuestionType.LANGUAGE:
        try:
            return str(get_language_info(value)["name_translated"])
        except KeyError:
            return str(value)
    if q.type == QuestionType.INSTITUTION:
        if value == OTHER_INSTITUTION:
            return _("Other")
        return institutions.get(value, str(value))
    return str(value)


def institution_names(definition, values: dict) -> dict:
    """The names of the institutions answered, in one query (none when no institution was answered)."""
    slugs = {
        values[q.code]
        for q in definition.answerable()
        if q.type == QuestionType.INSTITUTION and values.get(q.code) not in (None, "", OTHER_INSTITUTION)
    }
    if not slugs:
        return {}
    from accounts.models import Organisation

    return dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "name"))
