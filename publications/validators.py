import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Crossref's recommended pattern for modern DOIs: prefix 10.<4-9 digits>/<suffix without spaces>.
DOI_RE = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+$")
MAX_PDF_BYTES = 50 * 1024 * 1024


def validate_doi(value: str) -> None:
    if value and not DOI_RE.match(value):
        raise ValidationError(
            _("Enter a DOI such as 10.5281/zenodo.10581326 (without https://doi.org/)."), code="invalid_doi"
        )


def normalise_doi(value: str) -> str:
    value = (value or "").strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix) :]
    return value


def validate_pdf(file) -> None:
    """The upload is a PDF by its content (magic bytes and a parseable structure), at most 50 MB."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PDF_BYTES:
        raise ValidationError(_("The file is larger than 50 MB."), code="too_large")
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if b"%PDF-" not in head:
        raise ValidationError(_("This file is not a PDF."), code="not_pdf")
