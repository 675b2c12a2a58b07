"""Full-text search with ranking and highlighted snippets, on PostgreSQL."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications import selectors

from .factories import PublicationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_ranking_prefers_the_title_and_snippets_are_highlighted(client, with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        in_text = PublicationFactory(title="Annual report", published_on=date(2023, 1, 1))
        with_pdf(in_text, "a long text where rural appears once <b>among</b> many other words")
        PublicationFactory(title="Rural students factsheet", published_on=date(2020, 1, 1))
        PublicationFactory(title="Unrelated")
    filters = selectors.LibraryFilters(q="rural")
    results = list(selectors.library_search(filters=filters))
    assert [p.title for p in results] == ["Rural students factsheet", "Annual report"]
    snippets = selectors.library_snippets(publications=results, filters=filters)
    assert "<mark>rural</mark>" in snippets[in_text.pk]
    assert "<b>" not in snippets[in_text.pk]
    page = client.get("/library/", {"q": "rural"}).content.decode()
    assert "<mark>rural</mark>" in page


def test_websearch_syntax(with_pdf, django_capture_on_commit_callbacks):
    PublicationFactory(title="Grants for mobility")
    PublicationFactory(title="Grants and loans")
    filters = selectors.LibraryFilters(q="grants -loans")
    assert [p.title for p in selectors.library_search(filters=filters)] == ["Grants for mobility"]


def test_a_results_page_runs_the_search_once(with_pdf, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            with_pdf(PublicationFactory(title=f"Guide {n}"), f"rural text {n}")
    filters = selectors.LibraryFilters(q="rural")
    with CaptureQueriesContext(connection) as queries:
        results = selectors.library_page(filters=filters, number=2, per_page=20)
    assert results.page.paginator.count == 25
    assert len(results.page.object_list) == 5
    assert all("<mark>rural</mark>" in results.snippets[p.pk] for p in results.page.object_list)
    assert results.facets["kind"][0]["count"] == 25
    assert sum("@@" in q["sql"] for q in queries.captured_queries) == 1
    with connection.cursor() as cursor:  # the planner setting used for the search does not leak
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"
