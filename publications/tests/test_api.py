from datetime import date

import pytest

from publications.enums import Topic
from publications.models import LanguageVersion

from .factories import NewsPostFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_list_with_search_and_filters(api_client, publication, with_pdf, django_capture_on_commit_callbacks):
    PublicationFactory(title="Manual", kind="manual", published_on=date(2022, 1, 1))
    data = api_client.get("/api/v1/publications/").json()
    assert data["count"] == 2
    data = api_client.get("/api/v1/publications/", {"q": "villages"}).json()
    assert [r["slug"] for r in data["results"]] == ["factsheet-rural-students"]
    data = api_client.get("/api/v1/publications/", {"kind": "manual"}).json()
    assert [r["title"] for r in data["results"]] == ["Manual"]
    data = api_client.get("/api/v1/publications/", {"language": "en"}).json()
    assert [r["slug"] for r in data["results"]] == ["factsheet-rural-students"]


def test_detail_has_downloads_and_files(api_client, client, publication):
    version = LanguageVersion.objects.get(edition__publication=publication)
    client.get(version.get_download_url(), HTTP_USER_AGENT="Mozilla/5.0 Firefox/130.0")
    data = api_client.get("/api/v1/publications/factsheet-rural-students/").json()
    assert data["downloads"] == 1
    assert data["files"][0]["language"] == "en"
    assert data["files"][0]["page_count"] == 1
    assert data["files"][0]["url"] == f"http://testserver{version.get_download_url()}"


def test_drafts_are_not_in_the_api(api_client):
    draft = PublicationFactory(is_published=False)
    NewsPostFactory(is_published=False)
    assert api_client.get(f"/api/v1/publications/{draft.slug}/").status_code == 404
    assert api_client.get("/api/v1/publications/").json()["count"] == 0
    assert api_client.get("/api/v1/news/").json()["count"] == 0


def test_api_is_read_only(api_client, editor):
    api_client.force_authenticate(editor)
    assert api_client.post("/api/v1/publications/", {"title": "x"}).status_code in (403, 405)


def test_news_api(api_client):
    publication = PublicationFactory(slug="research-report")
    post = NewsPostFactory(title="Perspectives", published_on=date(2021, 3, 31))
    post.publications.add(publication)
    data = api_client.get("/api/v1/news/").json()
    assert data["results"][0]["title"] == "Perspectives"
    assert data["results"][0]["publications"] == ["research-report"]


@pytest.mark.parametrize("count", [1, 5])
def test_publications_api_query_count(api_client, count, django_assert_max_num_queries):
    for _ in range(count):
        PublicationFactory(topics=[Topic.RURAL], authors=[("A", "")])
    with django_assert_max_num_queries(8):
        data = api_client.get("/api/v1/publications/").json()
    assert data["count"] == count


@pytest.mark.parametrize("count", [1, 5])
def test_news_api_query_count(api_client, count, django_assert_max_num_queries):
    for _ in range(count):
        NewsPostFactory()
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/news/").json()["count"] == count
