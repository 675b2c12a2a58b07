"""Citation formats of a publication: plain text, BibTeX, RIS and CSL-JSON."""

import json

from django.conf import settings

from .enums import PublicationKind
from .models import Publication

CORPORATE_AUTHOR = "SIEM project (Social Inclusion and Engagement in Mobility)"
PUBLISHER = "Erasmus Student Network"

# One type per kind, the same in every format: (BibTeX entry type, RIS TY, CSL type). Everything the
# project publishes is a report of an institution, except factsheets (a short document).
REPORT = ("techreport", "RPRT", "report")
DOCUMENT = ("misc", "GEN", "document")
KIND_TYPES = dict.fromkeys(PublicationKind, REPORT) | {PublicationKind.FACTSHEET: DOCUMENT}
# BibTeX's standard month macros (written without braces, so styles can print them in any language)
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _authors(publication: Publication) -> list[str]:
    names = [a.name for a in publication.authors.all()]
    return names or [CORPORATE_AUTHOR]


def _url(publication: Publication) -> str:
    return settings.SITE_URL.rstrip("/") + publication.get_absolute_url()


def citation_text(publication: Publication) -> str:
    authors = _authors(publication)
    names = ", ".join(authors[:-1]) + (" & " if len(authors) > 1 else "") + authors[-1]
    link = publication.doi_url or _url(publication)
    return f"{names} ({publication.published_on.year}). {publication.title}. {PUBLISHER}. {link}"


def _bibtex_escape(value: str) -> str:
    out = []
    for char in value:
        if char in "{}\\":
            out.append("\\" + char if char != "\\" else "\\textbackslash{}")
        elif char in "&%$#_":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def citation_key(publication: Publication) -> str:
    return f"siem{publication.published_on.year}{publication.slug.replace('-', '')}"[:60]


def bibtex(publication: Publication) -> str:
    entry_type = KIND_TYPES[publication.kind][0]
    authors = " and ".join("{" + _bibtex_escape(name) + "}" for name in _authors(publication))
    fields = [
        ("author", "{" + authors + "}"),
        ("title", "{{" + _bibtex_escape(publication.title) + "}}"),
        ("year", "{" + str(publication.published_on.year) + "}"),
        ("month", BIBTEX_MONTHS[publication.published_on.month - 1]),  # a macro, without braces
        ("institution" if entry_type == "techreport" else "publisher", "{" + _bibtex_escape(PUBLISHER) + "}"),
        ("url", "{" + _url(publication) + "}"),
    ]
    if publication.doi:
        fields.append(("doi", "{" + publication.doi + "}"))
    if publication.licence:
        fields.append(("copyright", "{" + publication.get_licence_display() + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{entry_type}{{{citation_key(publication)},\n{body}\n}}\n"


def ris(publication: Publication) -> str:
    lines = [("TY", KIND_TYPES[publication.kind][1])]
    for name in _authors(publication):
        lines.append(("AU", name))
    lines += [
        ("TI", publication.title),
        ("PY", str(publication.published_on.year)),
        ("DA", publication.published_on.strftime("%Y/%m/%d")),
        ("PB", PUBLISHER),
        ("UR", _url(publication)),
    ]
    if publication.summary:
        lines.append(("AB", " ".join(publication.summary.split())))
    if publication.doi:
        lines.append(("DO", publication.doi))
    lines.append(("ER", ""))
    return "\r\n".join(f"{tag}  - {value}" for tag, value in lines) + "\r\n"


def csl_json(publication: Publication) -> str:
    item = {
        "id": citation_key(publication),
        "type": KIND_TYPES[publication.kind][2],
        "title": publication.title,
        "author": [{"literal": name} for name in _authors(publication)],
        "issued": {
            "date-parts": [
                [publication.published_on.year, publication.published_on.month, publication.published_on.day]
            ]
        },
        "publisher": PUBLISHER,
        "URL": _url(publication),
    }
    if publication.doi:
        item["DOI"] = publication.doi
    if publication.summary:
        item["abstract"] = publication.summary
    return json.dumps([item], ensure_ascii=False, indent=2)
