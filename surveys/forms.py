import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.enums import OrganisationKind
from accounts.models import Organisation
from siem_portal.uploads import ADDRESS_FILE_MAX_BYTES, XLSFORM_MAX_BYTES, MaxSizeValidator

from .enums import QuestionType, Widget
from .models import Survey


class JSONText(forms.CharField):
    """A JSON value typed in a textarea (translations, validation, condition)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, *args, empty=None, **kwargs):
        self.empty = empty
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False, indent=1)
        return value or ""

    def to_python(self, value):
        value = super().to_python(value)
        if not value or not value.strip():
            return self.empty
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("This is not valid JSON: %(e)s") % {"e": exc.msg}) from None


class SurveyForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )
    translations = JSONText(label=_("Translations"), empty={}, help_text=_('For example {"fr": {"title": "…"}}.'))

    class Meta:
        model = Survey
        fields = [
            "title",
            "slug",
            "description",
            "audience",
            "access",
            "anonymous",
            "languages",
            "consent_text",
            "consent_version",
            "k",
            "opens_at",
            "closes_at",
            "retention_until",
            "reminder_days",
            "translations",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "retention_until": forms.DateInput(attrs={"type": "date"}),
        }


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    translations = JSONText(label=_("Translations"), empty={}, help_text=_('For example {"fr": {"title": "…"}}.'))


def parse_lines(text: str) -> list[dict]:
    """``code | label`` per line; a ``*`` at the end marks "other, please specify"."""
    out = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        code, _sep, label = line.partition("|")
        label = label.strip()
        other = label.endswith("*")
        out.append(
            {
                "code": code.strip(),
                "label": label.rstrip("*").strip() or code.strip(),
                "is_other": other,
                "text": label.rstrip("*").strip() or code.strip(),
            }
        )
    return out


class QuestionForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"), max_length=64, help_text=_("Stable, unique in the survey; used in exports.")
    )
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    widget = forms.ChoiceField(label=_("Display"), choices=Widget.choices, initial=Widget.RADIO)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2}))
    help = forms.CharField(label=_("Help text"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    special_category = forms.BooleanField(label=_("Special-category data (asked after consent)"), required=False)
    choices = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line: code | label. End with * for “other, please specify”."),
    )
    rows = forms.CharField(
        label=_("Matrix rows"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For a Likert matrix, one row per line: code | statement."),
    )
    validation = JSONText(
        label=_("Validation"), empty={}, help_text=_('For example {"min": 0, "max": 100} or {"max_selections": 3}.')
    )
    condition = JSONText(
        label=_("Show only if"),
        help_text=_('For example {"all": [{"question": "went_abroad", "operator": "equals", "value": "yes"}]}.'),
    )
    translations = JSONText(label=_("Translations"), empty={}, help_text=_('For example {"fr": {"text": "…"}}.'))

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("code", "type", "choices", "rows"):
                self.fields.pop(name)

    def spec(self) -> dict:
        data = dict(self.cleaned_data)
        if "choices" in data:
            data["choices"] = parse_lines(data["choices"])
        if "rows" in data:
            data["rows"] = parse_lines(data["rows"])
        return data


class ChoiceForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=64)
    label = forms.CharField(label=_("Label"), max_length=300)
    is_other = forms.BooleanField(label=_("Other, please specify"), required=False)


class ChoiceEditForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=300)
    translations = JSONText(label=_("Translations"), empty={}, help_text=_('For example {"fr": {"label": "…"}}.'))


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One per line, or separated by commas."),
    )
    file = forms.FileField(
        label=_("Or upload a text or CSV file of addresses"),
        required=False,
        help_text=_("At most 1 MB."),
        validators=[MaxSizeValidator(ADDRESS_FILE_MAX_BYTES)],
    )
    organisation = forms.ModelChoiceField(
        label=_("Or invite every member of an organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")

    def addresses(self) -> list[str]:
        text = self.cleaned_data.get("emails") or ""
        upload = self.cleaned_data.get("file")
        if upload:
            text += "\n" + upload.read(ADDRESS_FILE_MAX_BYTES).decode("utf-8", errors="replace")
        return [
            part.strip().strip('"') for part in text.replace(",", "\n").replace(";", "\n").splitlines() if part.strip()
        ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file (.xlsx or .xls)"),
        help_text=_("At most 5 MB."),
        validators=[MaxSizeValidator(XLSFORM_MAX_BYTES)],
    )
    slug = forms.SlugField(
        label=_("Address of the new survey"), required=False, help_text=_("Leave empty to use the form's id.")
    )
    skip_unsupported = forms.BooleanField(
        label=_("Skip unsupported rows"),
        required=False,
        help_text=_("Import the rest of the form and list every row left out (repeats, locations, media, ...)."),
    )


HEI = OrganisationKind.HIGHER_EDUCATION
