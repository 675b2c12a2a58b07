"""The translations of the two frameworks of ``content.py``: ``translations/<lang>.json`` maps each
English text (title, statement, level description, recommendation, library title) to its translation.

``framework_translations_fill`` writes them into a framework's ``translations`` fields, in place
(a translation is not a new version), and only where a text has none yet: a survey manager's own
wording on ``/manage/impact/`` is never overwritten. Keyed by the English text, so a version whose
English was changed keeps no stale translation of the old wording.
"""

import json
from functools import cache
from pathlib import Path

from django.db import transaction

from siem_portal.translatable import content_languages

from .models import Dimension, Framework, Indicator, Recommendation

DIRECTORY = Path(__file__).resolve().parent / "translations"


@cache
def catalogue(language: str) -> dict[str, str]:
    path = DIRECTORY / f"{language}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def _fill(obj, languages) -> bool:
    """Fill ``obj.translations`` from the catalogues where a text has no translation yet."""
    translations = dict(obj.translations or {})
    changed = False
    for language in languages:
        known = catalogue(language)
        entry = dict(translations.get(language) or {})
        for field in obj.TRANSLATED_FIELDS:
            if field in obj.LIST_FIELDS:
                english = obj.list_source(field)
                current = entry.get(field) if isinstance(entry.get(field), list) else []
                values = [current[i] if i < len(current) else "" for i in range(len(english))]
                for i, text in enumerate(english):
                    if not str(values[i] or "").strip() and known.get(text):
                        values[i] = known[text]
                if any(values) and values != current:
                    entry[field] = values
            elif not str(entry.get(field) or "").strip() and known.get(getattr(obj, field)):
                entry[field] = known[getattr(obj, field)]
        if entry and entry != (translations.get(language) or {}):
            translations[language] = entry
            changed = True
    if changed:
        obj.translations = translations
    return changed


@transaction.atomic
def framework_translations_fill(framework: Framework, languages=None) -> int:
    """Add the missing translations of every text of ``framework``; returns how many rows changed."""
    languages = languages or content_languages()
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    changed = 0
    for model, rows in (
        (Framework, [locked]),
        (Dimension, list(Dimension.objects.filter(framework=framework))),
        (Indicator, list(Indicator.objects.filter(framework=framework))),
        (Recommendation, list(Recommendation.objects.filter(indicator__framework=framework))),
    ):
        updated = [row for row in rows if _fill(row, languages)]
        model.objects.bulk_update(updated, ["translations"])
        changed += len(updated)
    framework.translations = locked.translations
    return changed
