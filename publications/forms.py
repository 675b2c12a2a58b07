from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from siem_portal.uploads import NEWS_IMAGE_MAX_BYTES

from .enums import Audience, Topic
from .models import NewsPost, Publication, SitePage
from .validators import MAX_PDF_BYTES, normalise_doi, validate_doi, validate_pdf


class PublicationForm(forms.ModelForm):
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One author a line, in order: name | organisation."),
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    record_url = forms.URLField(label=_("External record URL"), required=False, assume_scheme="https")

    class Meta:
        model = Publication
        fields = [
            "title", "slug", "kind", "summary", "published_on", "licence", "doi", "record_url", "featured",
            "is_published",
        ]  # fmt: skip
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["authors"] = "\n".join(
                f"{a.name} | {a.organisation}" if a.organisation else a.name for a in self.instance.authors.all()
            )
            self.initial["audiences"] = [a.audience for a in self.instance.audiences.all()]
            self.initial["topics"] = [t.topic for t in self.instance.topics.all()]

    def clean_doi(self):
        doi = normalise_doi(self.cleaned_data.get("doi", ""))
        validate_doi(doi)
        return doi

    def clean_authors(self):
        authors = []
        for line in self.cleaned_data.get("authors", "").splitlines():
            if not line.strip():
                continue
            name, _sep, organisation = line.partition("|")
            if not name.strip():
                raise forms.ValidationError(_("Each line needs a name before the |."))
            authors.append((name.strip()[:200], organisation.strip()[:200]))
        return authors


class VersionUploadForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    file = forms.FileField(label=_("PDF file"), help_text=_("A PDF of at most 50 MB."))

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        validate_pdf(file)
        return file


class EditionForm(forms.Form):
    published_on = forms.DateField(label=_("Date of the new edition"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NewsForm(forms.ModelForm):
    class Meta:
        model = NewsPost
        fields = [
            "title", "slug", "published_on", "summary", "body", "image", "image_alt", "publications", "event_links",
            "is_published",
        ]  # fmt: skip
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "publications": forms.CheckboxSelectMultiple,
            "event_links": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile) and image.size > NEWS_IMAGE_MAX_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        return image

    def clean_event_links(self):
        from django.core.validators import URLValidator

        validator = URLValidator(schemes=["http", "https"])
        lines = [line.strip() for line in self.cleaned_data.get("event_links", "").splitlines() if line.strip()]
        for line in lines:
            if line.startswith("/"):
                continue
            try:
                validator(line)
            except forms.ValidationError as exc:
                raise forms.ValidationError(_("“%(line)s” is not a web address.") % {"line": line}) from exc
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        return cleaned


class SitePageForm(forms.ModelForm):
    class Meta:
        model = SitePage
        fields = ["title", "body", "reviewed_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24}),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}),
        }
