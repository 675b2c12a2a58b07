"""RFC 4287 checks for the portal's Atom feeds, on the parsed XML (not on our own feed code)."""

import xml.etree.ElementTree as ET  # noqa: S405 (our own feed, parsed in tests)

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def assert_atom_rfc4287(content: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(content)  # noqa: S314 (our own feed)
    # 4.1.1: atom:feed has exactly one id, title and updated, and an author unless every entry has one
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, f"feed lacks atom:{name}"
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        # 4.1.2: atom:entry has id, title, updated; an author of its own or of the feed
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, f"entry lacks atom:{name}"
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None or feed_author is not None
        # an entry without content has a link rel="alternate"
        if entry.find(f"{ATOM}content") is None:
            assert any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
    assert feed_author is not None and (feed_author.text or "").strip()
    return parsed
