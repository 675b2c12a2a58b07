from datetime import date

import factory
from django.core.files.base import ContentFile

from publications import services
from publications.enums import PublicationKind
from publications.models import NewsPost, Publication


def make_pdf(text: str = "Hello", pages: int = 1) -> bytes:
    """A small valid PDF whose pages show ``text`` in Helvetica (pypdf can extract it)."""
    objects = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    font_ref = 3 + 2 * pages
    for i in range(pages):
        stream = f"BT /F1 18 Tf 72 720 Td ({text} page {i + 1}) Tj ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_ref} 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def pdf_file(text: str = "Hello", name: str = "file.pdf", pages: int = 1) -> ContentFile:
    return ContentFile(make_pdf(text, pages), name=name)


class PublicationFactory(factory.django.DjangoModelFactory):
    """A published publication with its first edition (made by the service) and no file."""

    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"Publication {n}")
    slug = factory.Sequence(lambda n: f"publication-{n}")
    kind = PublicationKind.FACTSHEET
    summary = "A summary."
    published_on = date(2021, 6, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.publication_create(**kwargs)


class NewsPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsPost

    title = factory.Sequence(lambda n: f"News {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    published_on = date(2022, 1, 1)
    summary = "Summary of the news."
    body = "Some **bold** news."
