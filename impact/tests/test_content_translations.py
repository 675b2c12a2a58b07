"""Both frameworks of ``impact/content.py`` are complete in every language, loaded in place."""

import pytest
from django.utils import translation

from impact import content
from impact.content_translations import catalogue, framework_translations_fill
from impact.demo import framework_load
from impact.models import Dimension, Framework, Indicator, Recommendation
from siem_portal.translatable import content_languages

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "es", "nl", "cs", "lv"]


def _load_both():
    return [
        framework_load(content.ORGANISATION, content.ORGANISATION_STEPS, content.ORGANISATION_MID_ADVICE),
        framework_load(content.STUDENT, content.STUDENT_STEPS, content.STUDENT_MID_ADVICE),
    ]


def _rows(framework):
    return [
        framework,
        *Dimension.objects.filter(framework=framework),
        *Indicator.objects.filter(framework=framework),
        *Recommendation.objects.filter(indicator__framework=framework),
    ]


def test_the_content_languages_are_the_five_besides_english():
    assert sorted(content_languages()) == sorted(LANGUAGES)


def test_every_text_of_both_frameworks_has_all_five_translations():
    frameworks = _load_both()
    missing = []
    counted = 0
    for framework in frameworks:
        for row in _rows(framework):
            for language in LANGUAGES:
                counted += 1
                missing += [
                    f"{language} {type(row).__name__} {row.pk} {field}" for field in row.missing_translations(language)
                ]
    assert counted == 5 * (2 + 12 + 42 + 84)
    assert missing == []


def test_translations_differ_from_english_and_short_titles_fit_the_chart_axes():
    english = set()
    for spec, steps, advice in (
        (content.ORGANISATION, content.ORGANISATION_STEPS, content.ORGANISATION_MID_ADVICE),
        (content.STUDENT, content.STUDENT_STEPS, content.STUDENT_MID_ADVICE),
    ):
        english |= {spec["title"], spec["description"], advice, *steps}
        for _code, title, short, description, _slugs, indicators in spec["dimensions"]:
            english |= {title, short, description}
            for _i, *texts in indicators:
                english |= set(texts)
    english |= set(content.LIBRARY.values())
    shorts = {d[2] for spec in (content.ORGANISATION, content.STUDENT) for d in spec["dimensions"]}
    # names that are the same word in a language (Participation, Communication, Intercultural...)
    same_allowed = shorts | {d[1] for spec in (content.ORGANISATION, content.STUDENT) for d in spec["dimensions"]}
    for language in LANGUAGES:
        known = catalogue(language)
        assert set(known) == english, f"{language}: catalogue keys differ from the English content"
        for text, translated in known.items():
            assert translated.strip(), (language, text)
            assert translated != text or text in same_allowed, (language, text)
        for short in shorts:
            assert len(known[short]) <= 40, (language, short, known[short])


def test_loading_again_fills_an_existing_framework_in_place_and_keeps_a_managers_wording():
    organisation_fw, _student_fw = _load_both()
    indicator = Indicator.objects.get(framework=organisation_fw, code="wp-know-who")
    indicator.translations = {"lv": {"statement": "Pārvaldnieka teksts"}}
    indicator.save()
    Dimension.objects.filter(framework=organisation_fw).update(translations={})

    _load_both()

    assert Framework.objects.filter(slug=organisation_fw.slug).count() == 1
    indicator.refresh_from_db()
    assert indicator.translations["lv"]["statement"] == "Pārvaldnieka teksts"
    assert indicator.translations["lv"]["levels"][0] == catalogue("lv")[indicator.levels[0]]
    dimension = Dimension.objects.get(framework=organisation_fw, code="widening-participation")
    assert dimension.translations["fr"]["title"] == "Élargissement de la participation"
    assert framework_translations_fill(organisation_fw) == 0


def test_text_in_the_active_language_with_english_fallback_marked():
    organisation_fw, _ = _load_both()
    indicator = Indicator.objects.get(framework=organisation_fw, code="ic-plain-language")
    with translation.override("cs"):
        assert indicator.t.statement == "Naše informace o mobilitě jsou psány srozumitelným jazykem."
        assert indicator.t.statement.lang_attr == ""
        assert indicator.t.levels[2] == catalogue("cs")[content.ORGANISATION_STEPS[1]]
    indicator.translations["cs"].pop("statement")
    with translation.override("cs"):
        assert indicator.t.statement == indicator.statement
        assert indicator.t.statement.lang_attr == ' lang="en"'
    with translation.override("en"):
        assert indicator.t.statement.lang_attr == ""
