"""Content translations kept as JSON beside the English fields, as the surveys do.

A model with a ``translations`` JSONField holds ``{"fr": {"title": "...", "levels": ["...", ...]}}``;
English lives in the model's own fields. ``obj.t.title`` gives the text in the active language, or the
English one when there is no translation; the value is a ``str`` whose ``lang_attr`` is
`` lang="en"`` when it fell back to English on a page in another language, so templates mark it:
``<p{{ d.t.title.lang_attr }}>{{ d.t.title }}</p>``.
"""

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

SOURCE_LANGUAGE = "en"


def content_languages() -> list[str]:
    """The languages content is translated into (every site language but English)."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def active_language(language: str | None = None) -> str:
    return (language or get_language() or SOURCE_LANGUAGE)[:2]


class TrText(str):
    """A text in the language asked for; ``lang`` is set when it is the English fallback."""

    lang = ""

    def __new__(cls, value, lang=""):
        obj = super().__new__(cls, value or "")
        obj.lang = lang
        return obj

    @property
    def lang_attr(self):
        return format_html(' lang="{}"', self.lang) if self.lang else mark_safe("")


def translated(english, translation, language: str) -> TrText:
    if language == SOURCE_LANGUAGE:
        return TrText(english)
    if isinstance(translation, str) and translation.strip():
        return TrText(translation)
    return TrText(english, SOURCE_LANGUAGE if english else "")


def translated_list(english: list, translation, language: str) -> list[TrText]:
    translation = translation if isinstance(translation, list) else []
    return [
        translated(text, translation[i] if i < len(translation) else None, language) for i, text in enumerate(english)
    ]


def translations_add_missing(current: dict | None, provided: dict) -> dict:
    """``current`` with the languages of ``provided`` it lacks (demo seeders: an editor's own wording
    in a language is kept)."""
    merged = dict(current or {})
    for language, texts in provided.items():
        merged.setdefault(language, texts)
    return merged


class Translatable:
    """Mixin for a model with a ``translations`` JSONField. ``LIST_FIELDS`` are lists of texts
    (translated item by item); ``list_source(name)`` gives their English items."""

    TRANSLATED_FIELDS: tuple[str, ...] = ()
    LIST_FIELDS: tuple[str, ...] = ()
    # what a card or list entry shows (``shown_in_original_card``)
    CARD_FIELDS: tuple[str, ...] = ("title", "summary")

    def list_source(self, name: str) -> list[str]:
        return list(getattr(self, name) or [])

    def tr(self, field: str, language: str | None = None):
        language = active_language(language)
        translation = (self.translations or {}).get(language) or {}
        if field in self.LIST_FIELDS:
            return translated_list(self.list_source(field), translation.get(field), language)
        return translated(getattr(self, field), translation.get(field), language)

    @property
    def t(self):
        return _Accessor(self)

    @property
    def shown_in_original(self) -> bool:
        """True on a page in another language than English when a text of this item has no
        translation into it: the page then says "Shown in its original language" beside it
        (``templates/includes/original_language.html``). The texts themselves carry ``lang``."""
        language = active_language()
        if language == SOURCE_LANGUAGE:
            return False
        # a list loads only the fields it shows (``.only()``): the others do not count
        deferred = self.get_deferred_fields()
        return bool(self.missing_translations(language, [f for f in self.TRANSLATED_FIELDS if f not in deferred]))

    @property
    def shown_in_original_card(self) -> bool:
        """The same for the texts a card or list entry shows (``CARD_FIELDS``)."""
        language = active_language()
        return language != SOURCE_LANGUAGE and bool(self.missing_translations(language, self.CARD_FIELDS))

    def missing_translations(self, language: str, fields=None) -> list[str]:
        """The fields (``levels[3]`` for an item of a list) with English text but no translation;
        ``fields`` limits the check to those."""
        translation = (self.translations or {}).get(language) or {}
        missing = []
        for field in self.TRANSLATED_FIELDS if fields is None else fields:
            if field in self.LIST_FIELDS:
                values = translation.get(field) if isinstance(translation.get(field), list) else []
                for i, text in enumerate(self.list_source(field)):
                    if text and not (i < len(values) and isinstance(values[i], str) and values[i].strip()):
                        missing.append(f"{field}[{i}]")
            elif getattr(self, field) and not str(translation.get(field) or "").strip():
                missing.append(field)
        return missing


class _Accessor:
    __slots__ = ("_obj",)

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._obj.tr(name)
