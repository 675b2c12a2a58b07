import re
from datetime import date

import pytest

from publications import services
from publications.models import NewsPost
from siem_portal.tests.atom import assert_atom_rfc4287

from .factories import NewsPostFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_news_list_newest_first(client):
    NewsPostFactory(title="Older", published_on=date(2020, 2, 27))
    NewsPostFactory(title="Newer", published_on=date(2022, 10, 26))
    NewsPostFactory(title="Draft", is_published=False)
    page = client.get("/news/").content.decode()
    assert re.findall(r'<h2 class="h3"><a href="/news/[^"]+/">([^<]+)</a>', page) == ["Newer", "Older"]


@pytest.mark.parametrize("count", [1, 5])
def test_news_list_query_count(client, count, django_assert_max_num_queries):
    for _ in range(count):
        NewsPostFactory()
    with django_assert_max_num_queries(4):
        response = client.get("/news/")
    assert response.content.decode().count('<h2 class="h3">') == count


def test_news_body_is_markdown_sanitised(client):
    publication = PublicationFactory(title="Linked report")
    post = services.news_save(
        slug="x",
        title="X",
        published_on=date(2021, 1, 1),
        summary="S",
        body="# Heading\n\n**bold** <script>alert(1)</script> [link](javascript:alert(1)) [ok](https://example.org)",
        event_links="https://siem-project.eu/events/conference/",
        publications=[publication],
    )
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<h2>Heading</h2>" in page
    assert "<strong>bold</strong>" in page
    assert "<script>alert" not in page
    assert 'href="javascript' not in page
    assert 'href="https://example.org"' in page
    assert 'href="/library/' + publication.slug + '/">Linked report</a>' in page
    assert 'href="https://siem-project.eu/events/conference/"' in page


def test_news_draft_is_404_for_visitors(client, editor):
    post = NewsPostFactory(is_published=False)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(post.get_absolute_url()).status_code == 200


def test_atom_feed(client):
    NewsPostFactory(title="Conference announced", slug="conference", published_on=date(2022, 8, 1))
    NewsPostFactory(title="Secret", is_published=False)
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = assert_atom_rfc4287(response.content)
    assert feed.feed.author == "The SIEM project"
    assert [e.title for e in feed.entries] == ["Conference announced"]
    assert feed.entries[0].link == "http://testserver/news/conference/"
    assert feed.entries[0].published.startswith("2022-08-01")


def test_home_has_fixed_parts_and_sections(client):
    PublicationFactory(title="Featured guide", featured=True)
    PublicationFactory(title="Not featured")
    NewsPostFactory(title="Latest thing")
    page = client.get("/").content.decode()
    assert "7%" in page
    for aim in ("Widening participation", "Community engagement", "Peer-to-peer interaction"):
        assert aim in page
    assert "Featured guide" in page
    assert "Not featured" not in page
    assert "Latest thing" in page
    assert 'href="/accounts/signup/"' in page


def test_home_calls_to_act_link_only_to_pages_that_exist(client, monkeypatch):
    from siem_portal import views

    monkeypatch.setattr(views, "path_exists", lambda path: path in ("/stories/",))
    page = client.get("/").content.decode()
    assert 'href="/stories/">Share your story</a>' in page
    assert "Take the survey" not in page
    assert "Assess your impact" not in page


def test_home_without_content_hides_the_sections(client):
    page = client.get("/").content.decode()
    assert "Featured publications" not in page
    assert "Latest news" not in page


def test_home_runs_at_most_ten_queries(client, user, django_assert_max_num_queries):
    for _ in range(5):
        PublicationFactory(featured=True)
        NewsPostFactory()
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200
    client.force_login(user)
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


def test_about_has_timeline_and_partners(client):
    page = client.get("/about/").content.decode()
    assert "February 2020 to March 2021" in page
    assert "October 2022" in page
    for partner in ("University of Vigo", "Masaryk University", "University of Latvia", "YES Forum", "ESN France"):
        assert partner in page
    assert page.count('<th scope="row">') == 10


def test_sitemap_lists_public_pages(client):
    publication = PublicationFactory(slug="research-report")
    draft = PublicationFactory(is_published=False)
    post = NewsPostFactory(slug="launch")
    body = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", body)
    for path in ("/", "/about/", "/library/", "/news/", publication.get_absolute_url(), post.get_absolute_url()):
        assert f"http://testserver{path}" in locations
    assert f"http://testserver{draft.get_absolute_url()}" not in locations


def test_nav_has_library_and_news(client):
    page = client.get("/about/").content.decode()
    assert '<a href="/library/">Library</a>' in page
    assert '<a href="/news/">News</a>' in page


def test_demo_seeder_is_idempotent(django_capture_on_commit_callbacks):
    from publications import demo
    from publications.models import LanguageVersion, Publication

    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    slugs = set(Publication.objects.values_list("slug", flat=True))
    assert slugs == {
        "research-report",
        "guidelines-inclusive-mobility-promotion",
        "inclusive-communication-manual",
        "technical-recommendations",
        "implementation-report-community-engagement",
        "factsheet-lgbtqi-students",
        "factsheet-ethnic-minority-students",
        "factsheet-low-income-students",
        "factsheet-rural-students",
        "factsheet-first-generation-students",
    }
    assert LanguageVersion.objects.count() == 15
    fr = LanguageVersion.objects.get(edition__publication__slug="factsheet-rural-students", language="fr")
    assert "fichier de démonstration" in fr.text
    assert Publication.objects.get(slug="research-report").licence == "CC-BY-NC-4.0"
    assert Publication.objects.get(slug="guidelines-inclusive-mobility-promotion").doi == "10.5281/zenodo.10581326"
    assert NewsPost.objects.count() == 8
    assert sorted(NewsPost.objects.values_list("published_on", flat=True))[0] == date(2019, 12, 23)


def test_home_blocks_follow_changes(client, django_capture_on_commit_callbacks):
    assert "Latest news" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.news_save(slug="n", title="Brand new post", published_on=date(2023, 1, 1), summary="S", body="B")
        PublicationFactory(title="Newly featured", featured=True)
    page = client.get("/").content.decode()
    assert "Brand new post" in page
    assert "Newly featured" in page
