from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from accounts.models import Organisation

from .consent import BACKGROUND_CONSENT_TEXT, PUBLISH_CONSENT_TEXT
from .enums import Background, Decision, FlagAction, FlagReason
from .models import AuthorQuestion, Story


class HoneypotMixin:
    """A field people never see (hidden by CSS) and bots fill in: a filled one refuses the form."""

    honeypot_name = "website"

    def add_honeypot(self):
        self.fields[self.honeypot_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"class": "hp-input", "autocomplete": "off", "tabindex": "-1"}),
        )

    def clean_website(self):
        if self.cleaned_data.get(self.honeypot_name):
            raise forms.ValidationError(_("This form could not be sent."))
        return ""


def required_fields_mark(form) -> None:
    """A visible "required" after the label of each required field, and ``aria-required`` on the
    fields where ARIA allows it (not on radio buttons and checkboxes: their group's legend says it)."""
    for field in form.fields.values():
        if not field.required:
            continue
        field.label = format_html(
            '{} <span class="required-mark">({})</span>', field.label, pgettext("form field marker", "required")
        )
        if not isinstance(field.widget, forms.RadioSelect | forms.CheckboxInput | forms.CheckboxSelectMultiple):
            field.widget.attrs["aria-required"] = "true"


class StoryForm(HoneypotMixin, forms.ModelForm):
    backgrounds = forms.MultipleChoiceField(
        label=_("Backgrounds I identify with (optional)"),
        choices=Background.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only shown publicly if you tick the separate consent below."),
    )
    backgrounds_public = forms.BooleanField(label=BACKGROUND_CONSENT_TEXT, required=False)
    consent = forms.BooleanField(
        label=PUBLISH_CONSENT_TEXT, required=False, help_text=_("Needed to submit your story for review.")
    )
    cover_image = forms.FileField(
        label=_("Cover image (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Location data is removed."),
    )
    cover_alt = forms.CharField(
        label=_("Describe the cover image"),
        max_length=250,
        required=False,
        help_text=_(
            "Needed with a new image, for people who use a screen reader, for example: two students on a train "
            "platform."
        ),
    )

    class Meta:
        model = Story
        fields = [
            "kind",
            "title",
            "summary",
            "body",
            "language",
            "mobility_type",
            "host_country",
            "host_institution",
            "home_country",
            "period",
            "organisation",
            "display_name",
            "pseudonym",
            "allow_questions",
            "on_account_deletion",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "display_name": forms.RadioSelect,
            "on_account_deletion": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
        }
        help_texts = {
            "body": _("You can use Markdown: **bold**, *italic*, [links](https://example.org), lists and headings."),
            "summary": _("One or two sentences shown on the story cards."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(memberships__user=user).distinct()
        self.fields["organisation"].required = False
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]
        self.fields["display_name"].choices = [c for c in self.fields["display_name"].choices if c[0]]
        self.fields["on_account_deletion"].choices = [c for c in self.fields["on_account_deletion"].choices if c[0]]
        self.fields["pseudonym"].help_text = _("Only used when you choose to appear under a pseudonym.")
        # the cover comes after the text it illustrates
        order = list(self.fields)
        for name in ("cover_image", "cover_alt"):
            order.remove(name)
        at = order.index("body") + 1
        self.order_fields(order[:at] + ["cover_image", "cover_alt"] + order[at:])
        required_fields_mark(self)
        self.add_honeypot()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cover_image") and not (cleaned.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Please describe the image for people who cannot see it."))
        return cleaned

    def content(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class CoverForm(forms.Form):
    image = forms.FileField(
        label=_("Cover image"), help_text=_("JPEG, PNG or WebP, at most 5 MB. Location data is removed.")
    )
    alt_text = forms.CharField(
        label=_("Describe the image"),
        max_length=250,
        help_text=_("For people who use a screen reader, for example: two students on a train platform."),
    )


class FlagForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this story?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class QuestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = AuthorQuestion
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"body": _("The author gets your question by email, without your address, and can answer here.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class AnswerForm(HoneypotMixin, forms.Form):
    reply = forms.CharField(label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class BlockForm(HoneypotMixin, forms.Form):
    """Blocking a sender has nothing to fill in but the honeypot."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_honeypot()


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you ask for changes or reject."),
    )


class FlagsResolveForm(forms.Form):
    action = forms.ChoiceField(label=_("Outcome"), choices=FlagAction.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you take the story down."),
    )
