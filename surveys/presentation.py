"""Turns the in-memory definition into what the survey templates and the API show, per language."""

import json

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from .enums import QuestionType
from .validation import OTHER_SUFFIX, language_codes


def current_language(request=None) -> str:
    return (get_language() or "en")[:2]


def fallback_lang(translations: dict | None, name: str, lang: str) -> str | None:
    """The ``lang`` of a text shown in the survey's source language (English) because it has no
    translation in ``lang``; None when it is shown in the page's language."""
    if lang == "en" or ((translations or {}).get(lang) or {}).get(name):
        return None
    return "en"


def language_options():
    from django.utils.translation import get_language_info

    out = []
    for code in sorted(language_codes()):
        try:
            out.append((code, str(get_language_info(code)["name_translated"])))
        except KeyError:
            continue
    return sorted(out, key=lambda x: x[1])


def institution_options():
    from accounts.enums import OrganisationKind
    from accounts.models import Organisation

    return list(
        Organisation.objects.filter(kind=OrganisationKind.HIGHER_EDUCATION).order_by("name").values_list("slug", "name")
    )


def question_view(q, lang: str, values: dict, errors: dict, extra=None) -> dict:
    """One question ready for the template: translated text, options with their state, errors."""
    value = values.get(q.code)
    chosen = value if isinstance(value, list) else ([value] if value not in (None, "") else [])
    ranks = (
        {code: i for i, code in enumerate(value, start=1)}
        if q.type == QuestionType.RANKING and isinstance(value, list)
        else {}
    )
    item = {
        "code": q.code,
        "id": f"q-{q.code}",
        "type": q.type,
        "widget": q.widget,
        "text": q.tr("text", lang),
        "help": q.tr("help", lang),
        "text_lang": fallback_lang(q.translations, "text", lang),
        "help_lang": fallback_lang(q.translations, "help", lang),
        "required": q.required,
        "special": q.special_category,
        "condition": q.condition,
        "condition_json": json.dumps(q.condition) if q.condition else "",
        "value": "" if value is None else value,
        "other_value": values.get(q.code + OTHER_SUFFIX, ""),
        "errors": errors.get(q.code, []) + errors.get(q.code + OTHER_SUFFIX, []),
        "choices": [
            {
                "code": c.code,
                "label": c.tr(lang),
                "lang": fallback_lang(c.translations, "label", lang),
                "id": f"q-{q.code}-{i}",
                "is_other": c.is_other,
                "checked": c.code in chosen,
                "rank": ranks.get(c.code),
            }
            for i, c in enumerate(q.choices)
        ],
        "rows": [question_view(r, lang, values, errors) for r in q.rows],
        "min": q.validation.get("min"),
        "max": q.validation.get("max") if q.type != QuestionType.RATING else q.validation.get("max", 10),
        "max_length": q.validation.get("max_length"),
        "has_other": any(c.is_other for c in q.choices) or q.type == QuestionType.INSTITUTION,
    }
    if q.type == QuestionType.RATING:
        # the saved answer is a number, the one posted back after an error a string: both stay checked
        chosen_n = str(value).strip() if value not in (None, "") else None
        item["scale"] = [{"value": n, "id": f"q-{q.code}-{n}", "checked": chosen_n == str(n)} for n in range(11)]
    if q.type == QuestionType.RANKING:
        item["positions"] = list(range(1, len(q.choices) + 1))
    if q.type == QuestionType.COUNTRY:
        item["options"] = list(countries)
    elif q.type == QuestionType.LANGUAGE:
        item["options"] = (extra or {}).get("languages") or language_options()
    elif q.type == QuestionType.INSTITUTION:
        item["options"] = ((extra or {}).get("institutions") or institution_options()) + [
            ("other", _("Other, please specify"))
        ]
    if q.type == QuestionType.RATING:
        item["first_id"] = f"q-{q.code}-0"
    elif item["choices"] and not (q.type == QuestionType.SINGLE and q.widget == "dropdown"):
        item["first_id"] = item["choices"][0]["id"]
    else:
        item["first_id"] = item["id"]
    return item


def parse_section_post(section, post) -> tuple[dict, dict]:
    """Form fields of one page to the API shape (strings; validation parses them)."""
    raw, errors = {}, {}
    questions = []
    for q in section.questions:
        questions.extend(q.rows if q.rows else [q])
    for q in questions:
        if q.type == QuestionType.MULTIPLE:
            raw[q.code] = post.getlist(q.code)
        elif q.type == QuestionType.RANKING:
            ranked = []
            for c in q.choices:
                position = post.get(f"{q.code}--{c.code}", "").strip()
                if position:
                    try:
                        ranked.append((int(position), c.code))
                    except ValueError:
                        errors[q.code] = [_("Choose a position from the list.")]
            if len({p for p, _code in ranked}) != len(ranked):
                errors[q.code] = [_("Give each position to one option only.")]
            raw[q.code] = [code for _p, code in sorted(ranked)]
        else:
            raw[q.code] = post.get(q.code, "")
        other = post.get(q.code + OTHER_SUFFIX)
        if other is not None:
            raw[q.code + OTHER_SUFFIX] = other
    return raw, errors


def definition_json(definition, lang: str) -> dict:
    """The API's definition shape."""
    sections = []
    for s in definition.sections:
        questions = []
        for q in s.questions:
            item = {
                "code": q.code,
                "type": q.type,
                "text": q.tr("text", lang),
                "help": q.tr("help", lang),
                "required": q.required,
                "special_category": q.special_category,
                "validation": q.validation,
                "choices": [{"code": c.code, "label": c.tr(lang), "other": c.is_other} for c in q.choices],
                "condition": q.condition,
            }
            if q.type == QuestionType.MATRIX:
                item["rows"] = [{"code": r.code, "text": r.tr("text", lang), "required": r.required} for r in q.rows]
            questions.append(item)
        sections.append(
            {"title": s.tr("title", lang), "description": s.tr("description", lang), "questions": questions}
        )
    return sections
