from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..definition import load_definition
from .aggregation import BREAKDOWN_TYPES, Filters, survey_periods
from .models import AGGREGATE_FORMATS, ReportFormat


def _choice_questions(survey):
    return [q for q in load_definition(survey).answerable() if q.type in BREAKDOWN_TYPES]


class ResultsFilterForm(forms.Form):
    """Filters of the results page (GET): dates or an academic year, language, one answer to a choice
    question, breakdown. ``protected`` (an institution's results): academic years only, no dates."""

    period = forms.ChoiceField(label=_("Academic year"), required=False)
    verified_only = forms.BooleanField(
        label=_("Only responses whose institution is verified"),
        required=False,
        help_text=_("Leaves out the responses that named an institution without an invitation or membership."),
    )

    date_from = forms.DateField(
        label=_("Submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Submitted until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(label=_("Language of the answers"), required=False)
    answer = forms.ChoiceField(label=_("Only respondents who answered"), required=False)
    breakdown = forms.ChoiceField(label=_("Break down by"), required=False)

    def __init__(self, *args, survey, protected: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.protected = protected
        self.fields["period"].choices = [("", _("All academic years"))] + [(p, p) for p in survey_periods(survey)]
        if protected:
            del self.fields["date_from"], self.fields["date_to"], self.fields["verified_only"]
        names = dict(settings.LANGUAGES)
        languages = sorted({*names, *(survey.languages or [])})
        self.fields["language"].choices = [("", _("Any language"))] + [
            (code, names.get(code, code)) for code in languages
        ]
        questions = _choice_questions(survey)
        language = (get_language() or settings.LANGUAGE_CODE)[:2]  # the labels in the page's language
        self.fields["answer"].choices = [("", _("Everyone"))] + [
            (q.code, [(f"{q.code}:{c.code}", f"{q.code} = {c.tr(language)}") for c in q.choices]) for q in questions
        ]
        self.fields["breakdown"].choices = [("", _("No breakdown"))] + [
            (q.code, f"{q.code}: {q.tr('text', language)[:60]}") for q in questions
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date is before the start date."))
        if self.protected and (self.data.get("date_from") or self.data.get("date_to")):
            # never a silently different result: dates asked for are refused, not ignored
            self.add_error(
                "period",
                _("Results of an institution are given for whole academic years: choose a period, not dates."),
            )
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_valid() else {}
        choices = {}
        if data.get("answer"):
            code, _sep, choice = data["answer"].partition(":")
            choices[code] = choice
        return Filters(
            data.get("date_from"),
            data.get("date_to"),
            data.get("language") or "",
            choices,
            period=data.get("period") or "",
            verified_only=bool(data.get("verified_only")),
        )

    def breakdown_code(self) -> str | None:
        return (self.cleaned_data.get("breakdown") if self.is_valid() else None) or None


class ReportRequestForm(forms.Form):
    format = forms.ChoiceField(label=_("File format"))
    include_special = forms.BooleanField(
        label=_("Include special-category answers (recorded in the audit log)"), required=False
    )
    # the page's filters, carried in hidden fields
    date_from = forms.DateField(required=False, widget=forms.HiddenInput)
    date_to = forms.DateField(required=False, widget=forms.HiddenInput)
    language = forms.CharField(required=False, widget=forms.HiddenInput)
    answer = forms.CharField(required=False, widget=forms.HiddenInput)
    breakdown = forms.CharField(required=False, widget=forms.HiddenInput)
    period = forms.CharField(required=False, widget=forms.HiddenInput)
    verified_only = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, manager: bool, **kwargs):
        super().__init__(*args, **kwargs)
        formats = ReportFormat.choices if manager else [c for c in ReportFormat.choices if c[0] in AGGREGATE_FORMATS]
        self.fields["format"].choices = formats
        if not manager:
            del self.fields["include_special"]

    def filters(self) -> dict:
        data = self.cleaned_data
        out = {k: data[k].isoformat() for k in ("date_from", "date_to") if data.get(k)}
        if data.get("language"):
            out["language"] = data["language"]
        if data.get("period"):
            out["period"] = data["period"]
        if data.get("verified_only") and data["verified_only"].lower() in ("1", "true", "on"):
            out["verified_only"] = True
        if data.get("answer"):
            code, _sep, choice = data["answer"].partition(":")
            out["choices"] = {code: choice}
        return out
