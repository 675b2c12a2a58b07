import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib.sitemaps.views import sitemap

from accounts.tests.factories import UserFactory
from siem_portal.tests.atom import assert_atom_rfc4287
from testimonials.sitemaps import StorySitemap

from .factories import StoryFactory
from .safety import XSS_PAYLOADS, active_content

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_parses_and_lists_published_stories(client):
    StoryFactory(title="In the feed", mobility_type="volunteering")
    StoryFactory(title="Study feed", mobility_type="study")
    StoryFactory(title="Draft not in feed", status="draft")
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = assert_atom_rfc4287(response.content)
    assert sorted(e.title for e in parsed.entries) == ["In the feed", "Study feed"]
    filtered = feedparser.parse(client.get("/stories/feed/?mobility=volunteering").content)
    assert [e.title for e in filtered.entries] == ["In the feed"]
    assert filtered.feed.link.endswith("/stories/?mobility=volunteering")


def test_xss_corpus_is_inert_in_the_feed(client):
    for n, payload in enumerate(XSS_PAYLOADS):
        StoryFactory(slug=f"xss-{n}", title=payload[:160], body=f"{payload}\n\n{payload}")
    root = ET.fromstring(client.get("/stories/feed/").content)  # noqa: S314 (our own feed under test)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(XSS_PAYLOADS)
    for entry in entries:
        html = entry.find(f"{ATOM}summary").text
        assert active_content(html) == []


NAME = "Zebulon Quixotic"
EMAIL = "zebulon.private@example.com"


def _story(choice, pseudonym=""):
    author = UserFactory(full_name=NAME, email=EMAIL, country="LV")
    return StoryFactory(author=author, display_name=choice, pseudonym=pseudonym, title="Identity test")


def _surfaces(client, story) -> dict[str, str]:
    from django.test import RequestFactory

    request = RequestFactory().get("/sitemap.xml")
    sitemap_response = sitemap(request, {"stories": StorySitemap})
    sitemap_response.render()
    return {
        "detail html": client.get(story.get_absolute_url()).content.decode(),
        "list html": client.get("/stories/").content.decode(),
        "home html": client.get("/").content.decode(),
        "api list": client.get("/api/v1/stories/").content.decode(),
        "api detail": client.get(f"/api/v1/stories/{story.slug}/").content.decode(),
        "feed": client.get("/stories/feed/").content.decode(),
        "sitemap": sitemap_response.content.decode(),
    }


@pytest.mark.parametrize(
    ("choice", "pseudonym", "shown", "hidden"),
    [
        ("full_name", "", ["Zebulon Quixotic"], []),
        ("first_name_country", "", ["Zebulon, Latvia"], ["Quixotic"]),
        ("pseudonym", "Blue Heron", ["Blue Heron"], ["Zebulon", "Quixotic"]),
        ("anonymous", "", ["Anonymous"], ["Zebulon", "Quixotic"]),
    ],
)
def test_identity_appears_only_as_chosen(client, choice, pseudonym, shown, hidden):
    story = _story(choice, pseudonym)
    surfaces = _surfaces(client, story)
    for where, text in surfaces.items():
        assert EMAIL not in text, where
        assert "zebulon.private" not in text, where
        for word in hidden:
            assert word not in text, where
    for where in ("detail html", "list html", "home html", "api list", "api detail"):
        for word in shown:
            assert word in surfaces[where], where
    meta_author = 'name="author" content="'
    if choice == "anonymous":
        assert meta_author not in surfaces["detail html"]
        entry = surfaces["feed"][surfaces["feed"].index("<entry>") :]
        assert "<author>" not in entry  # the feed's own author is the portal, never the person
    else:
        assert f"{meta_author}{shown[0]}" in surfaces["detail html"]
        assert f"<author><name>{shown[0]}</name></author>" in surfaces["feed"]
    assert story.get_absolute_url() in surfaces["sitemap"]


def test_moderator_sees_the_identity_of_an_anonymous_author(client, moderator):
    story = _story("anonymous")
    client.force_login(moderator)
    html = client.get(story.get_absolute_url()).content.decode()
    assert NAME in html and EMAIL in html
    assert client.get(f"/api/v1/stories/{story.slug}/").json()["author"]["email"] == EMAIL


def test_open_graph_tags(client):
    story = StoryFactory(title="Open graph story", summary="Shared summary")
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Open graph story">' in html
    assert '<meta property="og:description" content="Shared summary">' in html
    assert f'<meta property="og:url" content="http://testserver/stories/{story.slug}/">' in html
    assert '<link rel="alternate" type="application/atom+xml"' in client.get("/stories/").content.decode()


def test_sitemap_lists_public_stories_only():
    public = StoryFactory()
    draft = StoryFactory(status="draft")
    hidden = StoryFactory(hidden_by_flags=True)
    locations = [item.get_absolute_url() for item in StorySitemap().items()]
    assert public.get_absolute_url() in locations
    assert draft.get_absolute_url() not in locations and hidden.get_absolute_url() not in locations
