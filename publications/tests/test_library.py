import io
import re
from datetime import date, timedelta

import bibtexparser
import pytest
import time_machine
from django.test import Client

from publications import citations
from publications.enums import Audience, PublicationKind, Topic
from publications.models import LanguageVersion, Publication

from .factories import PublicationFactory

pytestmark = pytest.mark.django_db

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/library/[^"]+/">([^<]+)</a></h3>', response.content.decode())


def facet(response, name, value) -> str:
    match = re.search(
        rf'id="facet-{name}-{value}"[^>]*>\s*<label for="facet-{name}-{value}">([^<]+)'
        r'<span class="facet-count">\((\d+)\)',
        response.content.decode(),
    )
    return match and int(match.group(2))


@pytest.fixture
def small_library(with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = PublicationFactory(
            title="Alpha factsheet",
            kind=PublicationKind.FACTSHEET,
            published_on=date(2021, 5, 1),
            audiences=[Audience.STUDENTS],
            topics=[Topic.RURAL],
        )
        with_pdf(a, "villages and buses", "en")
        with_pdf(a, "villages et autobus", "fr")
        b = PublicationFactory(
            title="Beta factsheet",
            kind=PublicationKind.FACTSHEET,
            published_on=date(2022, 5, 1),
            audiences=[Audience.STUDENTS, Audience.HIGHER_EDUCATION],
            topics=[Topic.LOW_INCOME],
        )
        with_pdf(b, "scholarships and grants", "en")
        c = PublicationFactory(
            title="Gamma report",
            kind=PublicationKind.RESEARCH_REPORT,
            published_on=date(2022, 1, 1),
            audiences=[Audience.HIGHER_EDUCATION],
            topics=[Topic.LOW_INCOME, Topic.RURAL],
        )
        with_pdf(c, "a survey of twelve thousand students mentioning quixotic barriers", "en")
        PublicationFactory(title="Hidden draft", kind=PublicationKind.MANUAL, is_published=False)
    return a, b, c


def test_facet_counts(client, small_library):
    response = client.get("/library/")
    assert titles(response) == ["Beta factsheet", "Gamma report", "Alpha factsheet"]
    assert facet(response, "kind", "factsheet") == 2
    assert facet(response, "kind", "research_report") == 1
    assert facet(response, "kind", "manual") is None  # the draft is not counted
    assert facet(response, "audience", "students") == 2
    assert facet(response, "audience", "hei") == 2
    assert facet(response, "topic", "low_income") == 2
    assert facet(response, "topic", "rural") == 2
    assert facet(response, "language", "en") == 3
    assert facet(response, "language", "fr") == 1
    assert facet(response, "year", "2022") == 2
    assert facet(response, "year", "2021") == 1


def test_facets_filter_and_recount(client, small_library):
    response = client.get("/library/", {"topic": "low_income", "year": "2022"})
    assert titles(response) == ["Beta factsheet", "Gamma report"]
    assert facet(response, "kind", "factsheet") == 1
    assert facet(response, "audience", "hei") == 2
    assert facet(response, "language", "fr") is None
    response = client.get("/library/", {"language": "fr"})
    assert titles(response) == ["Alpha factsheet"]


def test_facets_recount_within_search_results(client, small_library):
    response = client.get("/library/", {"q": "factsheet"})
    assert titles(response) == ["Beta factsheet", "Alpha factsheet"]
    assert "2 publications" in response.content.decode()
    assert facet(response, "kind", "factsheet") == 2
    assert facet(response, "kind", "research_report") is None
    assert facet(response, "audience", "students") == 2
    assert facet(response, "audience", "hei") == 1
    assert facet(response, "topic", "rural") == 1
    assert facet(response, "topic", "low_income") == 1
    assert facet(response, "language", "en") == 2
    assert facet(response, "language", "fr") == 1
    assert facet(response, "year", "2022") == 1
    assert facet(response, "year", "2021") == 1
    response = client.get("/library/", {"q": "factsheet", "language": "fr"})
    assert titles(response) == ["Alpha factsheet"]
    assert facet(response, "audience", "hei") is None


def test_search_results_are_paginated(client):
    for n in range(23):
        PublicationFactory(title=f"Mobility guide {n:02}", published_on=date(2020, 1, 1) + timedelta(days=n))
    PublicationFactory(title="Unrelated")
    first = client.get("/library/", {"q": "guide"})
    assert "23 publications" in first.content.decode()
    assert titles(first)[:2] == ["Mobility guide 22", "Mobility guide 21"]
    second = client.get("/library/", {"q": "guide", "page": "2"})
    assert titles(second) == ["Mobility guide 02", "Mobility guide 01", "Mobility guide 00"]
    assert titles(client.get("/library/", {"q": "guide", "page": "999"})) == titles(second)
    assert titles(client.get("/library/", {"q": "guide", "page": "x"})) == titles(first)
    assert len(titles(first)) == 20


def test_search_finds_a_word_only_inside_a_pdf(client, small_library):
    response = client.get("/library/", {"q": "quixotic"})
    assert titles(response) == ["Gamma report"]
    assert "<mark>quixotic</mark>" in response.content.decode()
    assert titles(client.get("/library/", {"q": "nonexistentword"})) == []
    assert "Nothing matches" in client.get("/library/", {"q": "nonexistentword"}).content.decode()


def test_search_never_finds_drafts(client, small_library):
    assert titles(client.get("/library/", {"q": "Hidden"})) == []


def test_search_escapes_the_snippet(client, with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with_pdf(PublicationFactory(title="Evil"), "quixotic <script>alert(1)</script>")
    page = client.get("/library/", {"q": "quixotic"}).content.decode()
    assert "<script>alert" not in page


def test_sort_by_title_and_downloads(client, small_library):
    a, b, c = small_library
    Publication.objects.filter(pk=a.pk).update(download_count=9)
    Publication.objects.filter(pk=c.pk).update(download_count=3)
    assert titles(client.get("/library/", {"sort": "title"})) == ["Alpha factsheet", "Beta factsheet", "Gamma report"]
    assert titles(client.get("/library/", {"sort": "downloads"})) == [
        "Alpha factsheet",
        "Gamma report",
        "Beta factsheet",
    ]


def test_unknown_filter_values_are_ignored(client, small_library):
    response = client.get("/library/", {"kind": "nonsense", "year": "abc", "sort": "drop table", "page": "x"})
    assert response.status_code == 200
    assert len(titles(response)) == 3


@pytest.mark.parametrize("count", [1, 5])
def test_library_query_count(
    client, count, with_pdf, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(count):
            with_pdf(
                PublicationFactory(topics=[Topic.RURAL], audiences=[Audience.STUDENTS], authors=[("A", "B")]),
                f"text {i}",
            )
    with django_assert_max_num_queries(14):
        response = client.get("/library/", {"q": "text"})
    assert len(titles(response)) == count


def test_detail_shows_versions_citation_and_related(client, small_library):
    a, b, c = small_library
    page = client.get(a.get_absolute_url()).content.decode()
    assert "English" in page and "French" in page
    for version in LanguageVersion.objects.filter(edition__publication=a):
        assert version.get_download_url() in page
    assert "Erasmus Student Network (2021). Alpha factsheet." in page or "(2021). Alpha factsheet." in page
    assert "/library/" + a.slug + "/cite.bib" in page
    assert 'href="/library/' + c.slug + '/"' in page  # shares the rural topic


def test_draft_is_404_for_visitors_and_visible_to_editors(client, editor, user):
    draft = PublicationFactory(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url() + "cite.bib").status_code == 404
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_unknown_publication_and_version_are_404(client, publication):
    assert client.get("/library/no-such-thing/").status_code == 404
    other = PublicationFactory()
    version = LanguageVersion.objects.get(edition__publication=publication)
    # a real version id under another publication's slug
    assert client.get(f"/library/{other.slug}/files/{version.pk}/").status_code == 404


# --- download counting ---------------------------------------------------------------------------


def download(client, version, ua=BROWSER_UA):
    response = client.get(version.get_download_url(), HTTP_USER_AGENT=ua)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    return response


def test_same_visitor_counts_once_per_hour(publication):
    version = LanguageVersion.objects.get(edition__publication=publication)
    client = Client()
    with time_machine.travel("2026-01-01 10:00", tick=False) as traveller:
        client.get("/")  # a page view does not open a session: counting falls back to IP + user agent
        download(client, version)
        download(client, version)
        traveller.shift(timedelta(minutes=59))
        download(client, version)
        publication.refresh_from_db()
        assert publication.download_count == 1
        traveller.shift(timedelta(minutes=2))
        download(client, version)
    publication.refresh_from_db()
    version.refresh_from_db()
    assert publication.download_count == 2
    assert version.download_count == 2


def test_different_visitors_count_separately(publication, user):
    version = LanguageVersion.objects.get(edition__publication=publication)
    download(Client(REMOTE_ADDR="10.0.0.1"), version)
    download(Client(REMOTE_ADDR="10.0.0.2"), version)
    signed_in = Client(REMOTE_ADDR="10.0.0.1")
    signed_in.force_login(user)  # a session cookie: the session is the visitor
    download(signed_in, version)
    download(signed_in, version)
    publication.refresh_from_db()
    assert publication.download_count == 3


def test_robots_never_count(publication):
    version = LanguageVersion.objects.get(edition__publication=publication)
    client = Client()
    download(client, version, ua="Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
    download(client, version, ua="python-requests/2.32")
    download(client, version, ua="")
    publication.refresh_from_db()
    assert publication.download_count == 0


def test_download_count_shown_on_detail(client, publication):
    version = LanguageVersion.objects.get(edition__publication=publication)
    download(client, version)
    page = client.get(publication.get_absolute_url()).content.decode()
    assert re.search(r'<dd id="download-count">1</dd>', page)


# --- citations -----------------------------------------------------------------------------------


def test_bibtex_parses(client):
    publication = PublicationFactory(
        title="Guidelines for Inclusive Mobility Promotion & more_stuff",
        kind=PublicationKind.GUIDELINES,
        published_on=date(2022, 5, 1),
        doi="10.5281/zenodo.10581326",
        authors=[("Ana López", "ESN"), ("Jan Novák", "Masaryk University")],
    )
    response = client.get(f"/library/{publication.slug}/cite.bib")
    assert response["Content-Disposition"] == f'attachment; filename="{publication.slug}.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry["doi"] == "10.5281/zenodo.10581326"
    assert entry["year"] == "2022"
    assert entry["month"] == "may"  # the standard macro, resolved by bibtexparser
    assert entry["author"] == "{Ana López} and {Jan Novák}"
    assert entry["title"] == r"{Guidelines for Inclusive Mobility Promotion \& more\_stuff}"


@pytest.mark.parametrize("kind", list(PublicationKind))
def test_every_format_gives_a_kind_the_same_type_and_other_readers_agree(client, kind):
    """BibTeX (bibtexparser and pybtex), RIS (rispy) and CSL-JSON name the same kind of work."""
    import json

    import pybtex.database
    import rispy

    publication = PublicationFactory(kind=kind, published_on=date(2022, 6, 15), authors=[("Ana López", "ESN")])
    bib = client.get(f"/library/{publication.slug}/cite.bib").content.decode()
    entry = pybtex.database.parse_string(bib, "bibtex").entries[citations.citation_key(publication)]
    assert entry.fields["month"] == "June"  # pybtex expands the jun macro
    ris_entry = rispy.loads(client.get(f"/library/{publication.slug}/cite.ris").content.decode())[0]
    csl = json.loads(client.get(f"/library/{publication.slug}/cite.json").content)[0]
    expected = {"techreport": ("RPRT", "report"), "misc": ("GEN", "document")}[entry.type]
    assert (ris_entry["type_of_reference"], csl["type"]) == expected
    assert ris_entry["authors"] == ["Ana López"]
    assert csl["issued"]["date-parts"] == [[2022, 6, 15]]


def test_ris_has_the_tags(client):
    publication = PublicationFactory(
        title="Research Report",
        kind=PublicationKind.RESEARCH_REPORT,
        published_on=date(2021, 3, 31),
        authors=[("Ana López", "ESN")],
    )
    body = client.get(f"/library/{publication.slug}/cite.ris").content.decode()
    lines = body.split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert "AU  - Ana López" in lines
    assert "TI  - Research Report" in lines
    assert "PY  - 2021" in lines
    assert "DA  - 2021/03/31" in lines
    assert lines[-2] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines if line)


def test_csl_json(client):
    import json

    publication = PublicationFactory(title="Manual", published_on=date(2022, 4, 1), doi="10.1234/abc")
    data = json.loads(client.get(f"/library/{publication.slug}/cite.json").content)
    assert data[0]["title"] == "Manual"
    assert data[0]["DOI"] == "10.1234/abc"
    assert data[0]["issued"] == {"date-parts": [[2022, 4, 1]]}
    assert data[0]["author"] == [{"literal": "SIEM project (Social Inclusion and Engagement in Mobility)"}]


def test_thumbnail_shown_in_the_list(client, publication):
    version = LanguageVersion.objects.get(edition__publication=publication)
    page = client.get("/library/").content.decode()
    assert f'src="{version.thumbnail.url}"' in page
    from PIL import Image

    with version.thumbnail.open("rb") as fh:
        image = Image.open(io.BytesIO(fh.read()))
        assert image.size[0] == 300


def test_cached_results_are_dropped_when_the_library_changes(client, small_library, django_capture_on_commit_callbacks):
    assert len(titles(client.get("/library/"))) == 3
    with django_capture_on_commit_callbacks(execute=True):
        PublicationFactory(title="Delta guide")
    assert "Delta guide" in titles(client.get("/library/"))
    with django_capture_on_commit_callbacks(execute=True):
        from publications import services

        services.publication_update(publication=Publication.objects.get(title="Delta guide"), is_published=False)
    assert "Delta guide" not in titles(client.get("/library/"))


@pytest.mark.parametrize("kind", list(PublicationKind))
def test_csl_json_passes_the_official_schema(client, kind):
    """Every kind's CSL-JSON, with the fields a full record has, is valid CSL input data."""
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "csl" / "csl-data.json").read_text())
    publication = PublicationFactory(
        kind=kind, published_on=date(2022, 6, 15), doi="10.1234/abc", authors=[("Ana López", "ESN")]
    )
    data = json.loads(client.get(f"/library/{publication.slug}/cite.json").content)
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(data)
    assert data[0]["author"] == [{"literal": "Ana López"}]
    assert data[0]["DOI"] == "10.1234/abc"
    # a record that breaks the schema is caught (the check is not vacuous)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate([{**data[0], "type": "poster-session"}])
