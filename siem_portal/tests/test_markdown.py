"""One Markdown renderer for stories, news, events and site pages, with one allow-list."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template

from siem_portal.markdown import markdown_render

ROOT = Path(__file__).resolve().parents[2]


def test_stories_links_get_nofollow_and_headings_shift_down():
    html = markdown_render("# Big\n\n[site](https://example.org)", public_author=True)
    assert html == (
        '<h2>Big</h2>\n<p><a href="https://example.org" rel="nofollow noopener noreferrer ugc">site</a></p>\n'
    )


def test_staff_text_links_without_nofollow():
    html = markdown_render("[guide](https://example.org/guide)")
    assert html == '<p><a href="https://example.org/guide" rel="noopener noreferrer">guide</a></p>\n'


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        '<a href="https://e.org" onclick="alert(1)">x</a>',
        "![x](https://tracker.example/pixel.png)",
    ],
)
def test_nothing_active_or_remote_survives(source):
    html = markdown_render(source)
    assert "<script" not in html
    assert "javascript:" not in re.sub(r">[^<]*<", "><", html)  # not in any attribute
    assert "<img" not in html  # no remote images: they would be third-party requests


def test_event_descriptions_use_the_same_renderer():
    template = Template("{% load markdown %}{{ text|markdown }}")
    html = template.render(Context({"text": "# Agenda\n\n<b>x</b>"}))
    assert html.startswith("<h2>Agenda</h2>")
    assert "<b>" not in html


def test_no_other_module_renders_markdown_or_sanitises_html():
    """markdown-it and nh3 are used in siem_portal/markdown.py only (one allow-list)."""
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or path == ROOT / "siem_portal" / "markdown.py" or "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import nh3|from markdown_it|import markdown_it)", text, re.MULTILINE):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
