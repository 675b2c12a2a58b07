from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .enums import SCALE_MAX, SCALE_MIN, ActionStatus, Audience, Phase, Priority, RespondentRole
from .models import ActionItem, Assessment, Dimension, Framework, Indicator, Recommendation

NOT_APPLICABLE = "na"


class DateInput(forms.DateInput):
    input_type = "date"


class AssessmentStartForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    framework = forms.ModelChoiceField(queryset=None, label=_("Framework"))

    class Meta:
        model = Assessment
        fields = [
            "organisation",
            "framework",
            "title",
            "project_name",
            "project_number",
            "period_start",
            "period_end",
            "participants",
            "fewer_opportunities_share",
        ]
        widgets = {"period_start": DateInput, "period_end": DateInput}
        help_texts = {"project_name": _("Optional: the Erasmus+ project this assessment is about.")}

    def __init__(self, *args, organisations, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].label_from_instance = _framework_label
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
        if frameworks.count() == 1:
            self.fields["framework"].initial = frameworks.first()


class PersonalStartForm(forms.Form):
    framework = forms.ModelChoiceField(queryset=None, label=_("Framework"))
    phase = forms.ChoiceField(
        label=_("When are you taking it?"),
        choices=[(Phase.BEFORE, Phase.BEFORE.label), (Phase.AFTER, Phase.AFTER.label)],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False, help_text=_("Optional."))

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].label_from_instance = _framework_label
        if frameworks.count() == 1:
            self.fields["framework"].initial = frameworks.first()


class InviteForm(forms.Form):
    user = forms.ModelChoiceField(queryset=None, label=_("Member"))
    role = forms.ChoiceField(label=_("Role"), choices=RespondentRole.choices, widget=forms.RadioSelect)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = members
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name or u.email} ({u.email})"


class RatingForm(forms.Form):
    """One radio group per indicator of a dimension; leaving one out keeps the saved answer."""

    def __init__(self, *args, indicators: list[Indicator], initial_scores: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            levels = indicator.t.levels  # in the active language; an English one is marked lang="en"
            choices = [
                (str(level), format_html("{}: <span{}>{}</span>", level, levels[level].lang_attr, levels[level]))
                for level in range(SCALE_MIN, SCALE_MAX + 1)
            ]
            if indicator.allow_not_applicable:
                choices.append((NOT_APPLICABLE, _("Not applicable")))
            name = f"i{indicator.pk}"
            statement = indicator.t.statement
            self.fields[name] = forms.ChoiceField(
                label=statement, choices=choices, widget=forms.RadioSelect, required=False
            )
            self.fields[name].statement = statement  # the template marks an English fallback with lang="en"
            if indicator.pk in initial_scores:
                score = initial_scores[indicator.pk]
                self.initial[name] = NOT_APPLICABLE if score is None else str(score)

    def ratings(self) -> list[dict]:
        result = []
        for indicator in self.indicators:
            value = self.cleaned_data.get(f"i{indicator.pk}")
            if value:
                result.append({"indicator": indicator.pk, "score": None if value == NOT_APPLICABLE else int(value)})
        return result


class ActionItemForm(forms.ModelForm):
    target_level = forms.TypedChoiceField(
        label=_("Target level"),
        coerce=int,
        choices=[("", "---------")] + [(i, str(i)) for i in range(SCALE_MIN, SCALE_MAX + 1)],
        help_text=_("Not below the statement's current level, shown next to it in the list."),
    )

    class Meta:
        model = ActionItem
        fields = ["indicator", "priority", "target_level", "actions", "owner", "due_date", "status"]
        widgets = {"due_date": DateInput, "actions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, framework, levels: dict[int, int] | None = None, **kwargs):
        """``levels``: {indicator id: current level}; a new action for a known statement starts
        with its target one level above the current one."""
        super().__init__(*args, **kwargs)
        self.levels = levels or {}
        self.fields["indicator"].queryset = Indicator.objects.filter(framework=framework).select_related("dimension")
        self.fields["indicator"].label_from_instance = self._indicator_label
        self.fields["indicator"].label = _("Statement")
        self.fields["priority"].choices = Priority.choices
        self.fields["status"].choices = ActionStatus.choices
        indicator = self.initial.get("indicator")
        if not self.instance.pk and indicator and "target_level" not in self.initial:
            self.initial["target_level"] = min(self.levels.get(int(indicator), SCALE_MIN - 1) + 1, SCALE_MAX)

    def _indicator_label(self, indicator: Indicator) -> str:
        label = f"{indicator.dimension.t.short_title}: {indicator.t.statement}"
        if indicator.pk in self.levels:
            return _("%(statement)s (current level %(level)s)") % {
                "statement": label,
                "level": self.levels[indicator.pk],
            }
        return label


class IndicatorForm(forms.ModelForm):
    """The statement, the six level descriptions, 'not applicable' and the weight."""

    class Meta:
        model = Indicator
        fields = ["statement", "allow_not_applicable", "weight"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = self.instance.levels or [""] * (SCALE_MAX - SCALE_MIN + 1)
        for level in range(SCALE_MIN, SCALE_MAX + 1):
            label = _("Level 0 (not yet)") if level == SCALE_MIN else _("Level %(n)s") % {"n": level}
            self.fields[f"level_{level}"] = forms.CharField(label=label, initial=levels[level], max_length=500)

    def levels(self) -> list[str]:
        return [self.cleaned_data[f"level_{level}"] for level in range(SCALE_MIN, SCALE_MAX + 1)]


class RecommendationForm(forms.ModelForm):
    links_text = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One a line: title | /library/<slug>/"),
    )

    class Meta:
        model = Recommendation
        fields = ["min_score", "max_score", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["links_text"].initial = "\n".join(f"{x['title']} | {x['url']}" for x in self.instance.links or [])

    def clean_links_text(self):
        links = []
        for line in self.cleaned_data["links_text"].splitlines():
            if not line.strip():
                continue
            title, sep, url = line.rpartition("|")
            title, url = title.strip(), url.strip()
            if not sep or not title or not (url.startswith("/") and not url.startswith("//")):
                raise forms.ValidationError(_("Write each link as: title | /path/ (a path on this portal)."))
            links.append({"title": title, "url": url})
        return links


def _framework_label(framework: Framework) -> str:
    return f"{framework.tr('title')} (v{framework.version})"


class FrameworkCreateForm(forms.ModelForm):
    """A new framework from scratch: who it is for, its title and an optional short name."""

    audience = forms.ChoiceField(label=_("Who answers it?"), choices=Audience.choices, widget=forms.RadioSelect)
    slug = forms.SlugField(
        label=_("Short name"),
        max_length=100,
        required=False,
        help_text=_("Letters, digits and hyphens; made from the title when left empty. It stays across versions."),
    )

    class Meta:
        model = Framework
        fields = ["title", "audience", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class FrameworkEditForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["title", "short_title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TranslationsForm(forms.Form):
    """One language's translation of every text of a framework, each field beside its English.

    ``groups`` lists what the page shows: a heading per dimension (the framework's own texts first)
    and, for each text, the bound field and its English source. Field names carry the key of
    ``services.framework_translations_save``: ``<model>-<pk>-<field>[-<i>]``."""

    def __init__(self, *args, framework: Framework, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.keys: dict[str, tuple] = {}
        self.groups: list[dict] = []
        framework_rows = self._add_rows(framework, "framework", {"title": _("Title"), "description": _("Description")})
        self.groups.append({"heading": framework.title, "rows": framework_rows, "parts": []})
        for dimension in framework.dimensions.all():
            rows = self._add_rows(
                dimension,
                "dimension",
                {"title": _("Dimension"), "short_title": _("Short title"), "description": _("Description")},
            )
            parts = []
            for indicator in dimension.indicators.all():
                part = self._add_rows(indicator, "indicator", {"statement": _("Statement")}, level_label=True)
                for recommendation in indicator.recommendations.all():
                    part += self._add_rows(
                        recommendation,
                        "recommendation",
                        {
                            "text": _("Recommendation for scores %(low)s to %(high)s")
                            % {"low": recommendation.min_score, "high": recommendation.max_score}
                        },
                    )
                parts.append({"heading": indicator.statement, "rows": part})
            self.groups.append({"heading": dimension.title, "rows": rows, "parts": parts})

    def _add_rows(self, obj, model: str, labels: dict, level_label: bool = False) -> list[dict]:
        current = (obj.translations or {}).get(self.language) or {}
        model_field = {f.name: f for f in obj._meta.get_fields()}
        rows = []
        for field in obj.TRANSLATED_FIELDS:
            if field in obj.LIST_FIELDS:
                values = current.get(field) if isinstance(current.get(field), list) else []
                for i, english in enumerate(obj.list_source(field)):
                    label = _("Level %(n)s") % {"n": i} if level_label else _("Link title %(n)s") % {"n": i + 1}
                    initial = values[i] if i < len(values) else ""
                    rows.append(
                        self._add(
                            f"{model}-{obj.pk}-{field}-{i}", (model, obj.pk, field, i), label, english, initial, 500
                        )
                    )
            else:
                english = getattr(obj, field)
                max_length = getattr(model_field.get(field), "max_length", None)
                rows.append(
                    self._add(
                        f"{model}-{obj.pk}-{field}",
                        (model, obj.pk, field),
                        labels[field],
                        english,
                        current.get(field, ""),
                        max_length,
                    )
                )
        return [row for row in rows if row]

    def _add(self, name, key, label, english, initial, max_length):
        if not english:
            return None  # nothing to translate
        long = max_length is None or len(english) > 80
        widget = forms.Textarea(attrs={"rows": 2}) if long else forms.TextInput()
        widget.attrs.update({"lang": self.language, "aria-describedby": f"src-{name}"})
        self.fields[name] = forms.CharField(
            label=label, required=False, initial=initial, max_length=max_length, widget=widget, strip=True
        )
        self.keys[name] = key
        return {"name": name, "english": english}

    def bound_groups(self) -> list[dict]:
        def bound(group):
            return {
                "heading": group["heading"],
                "rows": [{"field": self[r["name"]], "english": r["english"]} for r in group["rows"]],
                "parts": [bound(part) for part in group.get("parts", [])],
            }

        return [bound(g) for g in self.groups]

    def texts(self) -> dict:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}
