from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .enums import ProposalKind, ProposalState, ProposalTopic, QuestionKind, SessionKind
from .models import AgendaSession, Criterion, Event, Proposal, ProposalType, Question, Room

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RegistrationForm(forms.Form):
    """The built-in inclusive fields, then one field per custom question (named ``q<id>``).

    Questions are not required at form level: a conditional question may be hidden, so the
    service decides with the answers as a whole and its errors are put back on the fields."""

    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything that helps you take part fully: step-free access, captions, a quiet room..."),
    )
    dietary_requirements = forms.CharField(label=_("Dietary requirements"), required=False, max_length=500)
    pronouns = forms.CharField(label=_("Pronouns (optional)"), required=False, max_length=50)
    support_requested = forms.BooleanField(
        label=_("I would like to ask for travel or financial support"),
        required=False,
        help_text=_("Confidential: only the organisers see this request."),
    )
    support_reason = forms.CharField(
        label=_("What support do you need, and why?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attendee_list_consent = forms.BooleanField(
        label=_("Show my name on the attendee list of this event"), required=False
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.code] = self._field(question)

    def _field(self, question: Question):
        label = question.label + ("" if question.required else " " + str(_("(optional)")))
        attrs = {}
        if question.show_if_question_id:
            attrs = {"data-show-if": f"q{question.show_if_question_id}", "data-show-value": question.show_if_value}
        common = {"label": label, "required": False, "help_text": question.help_text}
        choices = [(c, c) for c in question.choices]
        if question.kind == QuestionKind.CHOICE:
            field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect(attrs=attrs), **common)
        elif question.kind == QuestionKind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple(attrs=attrs), **common
            )
        elif question.kind == QuestionKind.YES_NO:
            field = forms.ChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect(attrs=attrs), **common
            )
        else:
            field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2, **attrs}), **common)
        return field

    def answers(self) -> dict:
        return {q.code: self.cleaned_data.get(q.code) for q in self.questions}


def _formfield(field, **kwargs):
    # links without a scheme are taken as https (Django 6's default, chosen now)
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        formfield_callback = _formfield
        fields = [
            "kind",
            "title",
            "slug",
            "summary",
            "description",
            "venue_name",
            "address",
            "map_url",
            "online_url",
            "starts_at",
            "ends_at",
            "timezone",
            "registration_opens_at",
            "registration_closes_at",
            "capacity",
            "confirmation_mode",
            "waitlist_enabled",
            "offer_hours",
            "accessibility_info",
            "anonymous_review",
            "status",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility_info": forms.Textarea(attrs={"rows": 3}),
        }


class QuestionForm(forms.ModelForm):
    """Add or change a registration question; the rules between questions are the service's."""

    choices_text = forms.CharField(
        label=_("Choices (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For one choice or multiple choice questions."),
    )

    class Meta:
        model = Question
        fields = ["label", "help_text", "kind", "required", "order", "show_if_question", "show_if_value"]
        labels = {"show_if_question": _("Show only when this question..."), "show_if_value": _("...is answered")}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        parents = event.questions.exclude(kind=QuestionKind.TEXT)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["choices_text"].initial = "\n".join(self.instance.choices)
        self.fields["show_if_question"].queryset = parents

    def clean(self):
        data = super().clean()
        data["choices"] = [c.strip() for c in data.get("choices_text", "").splitlines() if c.strip()]
        if data.get("kind") in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) and len(data["choices"]) < 2:
            self.add_error("choices_text", _("Give at least two choices."))
        if data.get("show_if_question") and not data.get("show_if_value"):
            self.add_error("show_if_value", _("Say which answer shows this question."))
        return data

    def _post_clean(self):
        # the form does not write to the question: question_save does, once every rule holds
        pass

    def service_data(self) -> dict:
        fields = ("label", "help_text", "kind", "required", "order", "show_if_question", "show_if_value", "choices")
        return {name: self.cleaned_data.get(name) for name in fields}


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity"]


class SessionForm(forms.ModelForm):
    class Meta:
        model = AgendaSession
        fields = ["title", "kind", "room", "starts_at", "ends_at", "proposals", "presenters", "description"]
        widgets = {
            "proposals": forms.CheckboxSelectMultiple,
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = event.rooms.all()
        self.fields["kind"].choices = SessionKind.choices
        self.fields["proposals"].queryset = event.proposals.filter(state=ProposalState.CONFIRMED)
        self.fields["proposals"].label = _("Confirmed proposals presented in this session")
        self.fields["presenters"].help_text = _(
            "Names separated by commas; left empty, the presenters of the chosen proposals are used."
        )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))


class ProposalForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=ProposalTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    language = forms.ChoiceField(label=_("Language of the session"), choices=settings.LANGUAGES)
    draft_pdf_upload = forms.FileField(
        label=_("Draft as PDF (optional, 10 MB at most)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = Proposal
        fields = ["title", "abstract", "outline", "practice", "audience", "topics", "language", "accessibility_needs"]
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 6}),
            "outline": forms.Textarea(attrs={"rows": 4}),
            "practice": forms.Textarea(attrs={"rows": 4}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, proposal_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["abstract"].required = False  # a draft may be incomplete; submitting checks it
        limit = proposal_type.abstract_max_length
        self.fields["abstract"].help_text = ngettext(
            "At most %(limit)d character.", "At most %(limit)d characters.", limit
        ) % {"limit": limit}
        if proposal_type.kind != ProposalKind.IGNITE:
            self.fields["outline"].help_text = _("Optional.")
        else:
            self.fields["outline"].help_text = _("Ignite: 5 minutes, 20 slides advancing every 15 seconds.")


class CoPresenterForm(forms.Form):
    name = forms.CharField(label=_("Co-presenter's name"), max_length=150)
    email = forms.EmailField(label=_("Co-presenter's email"))


class ReviewForm(forms.Form):
    conflict_of_interest = forms.BooleanField(
        label=_("I have a conflict of interest and do not score this proposal"), required=False
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight})",
                choices=[(i, str(i)) for i in range(1, 6)],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=_("1 weak, 5 excellent."),
            )

    def scores(self) -> dict:
        return {
            str(c.pk): self.cleaned_data.get(f"criterion_{c.pk}")
            for c in self.criteria
            if self.cleaned_data.get(f"criterion_{c.pk}") not in (None, "")
        }


class ProposalTypeForm(forms.ModelForm):
    class Meta:
        model = ProposalType
        fields = ["kind", "deadline", "abstract_max_length", "description"]
        widgets = {"deadline": DATETIME_WIDGET}


class ReviewerForm(forms.Form):
    email = forms.EmailField(label=_("Reviewer's email (they need an account)"))
    all_proposals = forms.BooleanField(label=_("Reviews every proposal"), required=False, initial=True)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight"]


class OrganiserForm(forms.Form):
    email = forms.EmailField(label=_("Co-organiser's email (they need an account)"))
