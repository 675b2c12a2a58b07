"""The manage page for one language's translations of one item (a publication, a news post, an
event): each translated text of ``siem_portal.translatable.Translatable`` beside its English, as
the impact frameworks' page does (``impact/views.py``). Each app checks who may see the page and
saves through its own service; this module gives the form and the page."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import models
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from .exceptions import ApplicationError
from .forms import form_add_application_error
from .translatable import content_languages


def translations_merge(obj, language: str, texts: dict[str, str]) -> dict:
    """``obj.translations`` with ``language`` set to ``texts`` (empty texts dropped: the original is
    shown); raises ApplicationError for an unknown language or field."""
    if language not in content_languages():
        raise ApplicationError(_("Translations are kept for French, Spanish, Dutch, Czech and Latvian only."))
    unknown = set(texts) - set(obj.TRANSLATED_FIELDS)
    if unknown:
        raise ApplicationError(_("A text does not belong to this item."))
    current = {field: text.strip() for field, text in texts.items() if text and text.strip()}
    translations = dict(obj.translations or {})
    if current:
        translations[language] = current
    else:
        translations.pop(language, None)
    return translations


class ContentTranslationForm(forms.Form):
    """One field per translated text that has an original, labelled as the model field is, its
    original shown above it (``rows``)."""

    def __init__(self, *args, obj, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        current = (obj.translations or {}).get(language) or {}
        self.rows = []
        for name in obj.TRANSLATED_FIELDS:
            original = getattr(obj, name)
            if not original:
                continue  # nothing to translate
            model_field = obj._meta.get_field(name)
            long = isinstance(model_field, models.TextField) or len(original) > 80
            widget = forms.Textarea(attrs={"rows": 8 if len(original) > 400 else 3}) if long else forms.TextInput()
            widget.attrs.update({"lang": language, "aria-describedby": f"src-{name}"})
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name.capitalize(),
                required=False,
                initial=current.get(name, ""),
                max_length=getattr(model_field, "max_length", None),
                widget=widget,
            )
            self.rows.append({"name": name, "original": original})

    def bound_rows(self) -> list[dict]:
        return [{"field": self[row["name"]], "original": row["original"]} for row in self.rows]


def translations_page(
    request,
    *,
    obj,
    language: str,
    save: Callable[[dict], object],
    url_name: str,
    url_args: list,
    back_url: str,
    extra_template: str = "",
    extra_context: dict | None = None,
):
    """GET shows the form, POST saves through ``save(texts)`` and comes back with a message; the
    language nav links to ``url_name`` with ``url_args + [code]``."""
    if language not in content_languages():
        raise Http404
    form = ContentTranslationForm(request.POST or None, obj=obj, language=language)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                save({name: form.cleaned_data[name] for name in form.fields})
            except ApplicationError as exc:
                status = exc.status_code
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("The translations were saved."))
                return redirect(url_name, *url_args, language)
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "current": code == language,
            "missing": len(obj.missing_translations(code)),
            "url": reverse(url_name, args=[*url_args, code]),
        }
        for code in content_languages()
    ]
    return render(
        request,
        "manage/content_translations.html",
        {
            "obj": obj,
            "form": form,
            "rows": form.bound_rows(),
            "language": language,
            "language_name": get_language_info(language)["name_local"],
            "languages": languages,
            "back_url": back_url,
            "extra_template": extra_template,
            **(extra_context or {}),
        },
        status=status,
    )


def translation_links(obj, url_name: str, url_args: list) -> list[dict]:
    """For an item's edit page: a link per language with how many texts still need translating."""
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "missing": len(obj.missing_translations(code)),
            "url": reverse(url_name, args=[*url_args, code]),
        }
        for code in content_languages()
    ]
