"""A crawl that fails when a page shows an English interface string in another language.

The demo content is seeded once for the module. For each of the five other languages, every page
of the sitemap (anonymous) and each demo role's dashboard and manage pages (and the pages they link
to) are fetched with one client per role, the role's account set to that language. The visible
text of <header>, <nav>, <main> and <footer> is searched for phrases only the English interface
uses. People's content is left out: text inside an element whose ``lang`` is another language (a
story, a page not yet written in this language) and any text stored in the database (survey
questions and choices, framework statements, titles) that is not translated yet.
"""

import os
import re
import time
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
ROLES = ["student", "staff", "iro", "org", "organiser", "reviewer", "moderator", "editor", "surveys", "admin"]

# Phrases of the English interface (whole words, case-sensitive) that no other language's page may show.
ENGLISH_ONLY = [
    "Sign in",
    "Sign out",
    "Sign up",
    "My dashboard",
    "Skip to main content",
    "Erasmus Impact Portal",
    "Your account",
    "My data",
    "Privacy",
    "Accessibility",
    "Home",
    "Events",
    "Surveys",
    "Stories",
    "Library",
    "News",
    "Search",
    "Save",
    "Cancel",
    "Submit",
    "Download",
    "Previous",
    "Next",
    "Filters",
    "Notifications",
    "Manage",
    "Language",
    "Full name",
    "Password",
    "Start the survey",
    "Read more",
    "Published",
    "Status",
    "Title",
    "Edit",
    "Delete",
    "Register",
    "Settings",
    "Results",
    "Back to",
    "Page 1 of",
    "Section 1 of",
    "Co-funded by the Erasmus+ Programme",
    "The European Commission",
]
SKIP = re.compile(r"^/(i18n|accounts/logout|admin|api|jsi18n|static|media)/|\.(ics|csv|xlsx|pdf|json|xml|zip|sav|dta)$")
# pages of one shape (/library/<slug>/, /events/<slug>/agenda/) are alike: one of each is enough
PER_SHAPE = 1
MAX_PAGES_PER_ROLE = 15
PROJECT_APPS = {"accounts", "surveys", "impact", "testimonials", "events", "publications"}


def english_pattern(language: str) -> re.Pattern:
    """The phrases that are not words of ``language`` too: a catalogue may keep a word that is the same in
    both (French "Notifications") or use it inside another translation (Dutch "Register van
    verwerkingsactiviteiten"); an untranslated phrase stays in."""
    import polib

    po = polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))
    translations = " ".join([e.msgstr for e in po if e.msgstr] + [v for e in po for v in e.msgstr_plural.values() if v])
    same = {
        phrase for phrase in ENGLISH_ONLY if re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", translations)
    }
    phrases = [p for p in ENGLISH_ONLY if p not in same]
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])")


def stored_texts(pattern: re.Pattern) -> list[str]:
    """Every text the database holds that contains one of the phrases: people's content (survey
    questions, framework statements, titles, stories), not the interface, longest first."""
    from django.apps import apps
    from django.db import models

    found = set()

    def add(value):
        if isinstance(value, str):
            text = " ".join(value.split())
            if pattern.search(text):
                found.add(text)
        elif isinstance(value, dict):
            for item in value.values():
                add(item)
        elif isinstance(value, list):
            for item in value:
                add(item)

    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField) and not f.choices
        ]
        if fields:
            for row in model._default_manager.values_list(*fields):
                for value in row:
                    add(value)
    return sorted(found, key=len, reverse=True)


def shape(path: str) -> str:
    return re.sub(r"/[^/]*[-0-9][^/]*(?=/)", "/*", path)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, seeded once and rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo")
        yield
        transaction.set_rollback(True)


def interface_text(html: str, language: str, content: list[str] = ()) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    # content shown in its own language, marked with lang: not the interface's job
    for tag in soup.select("[lang]"):
        if tag.name != "html" and not tag["lang"].startswith(language):
            tag.decompose()
    parts = []
    for region in soup.select("header, nav, main, footer"):
        if region.find_parent(["header", "nav", "main", "footer"]) is None:
            parts.append(region.get_text(" ", strip=True))
    text = " ".join(" ".join(parts).split())
    for stored in content:
        text = text.replace(stored, " ")
    return text


def internal_links(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("main")
    paths = []
    for a in main.select("a[href]") if main else []:
        href = a["href"]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or SKIP.search(parts.path):
            continue
        paths.append(parts.path)
    return paths


def sitemap_paths(client) -> list[str]:
    xml = client.get("/sitemap.xml").content.decode()
    return sorted({urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)})


def crawl(client, start, language, pattern, content, seen: set, shapes: dict, *, follow: bool):
    """Fetch the start pages (and, with ``follow``, the pages their <main> links to) that no other
    client fetched yet; returns the English phrases found per page and the pages that failed."""
    found, broken, fetched = {}, [], 0
    queue = list(start)
    while queue and fetched < MAX_PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen or (path not in start and shapes.get(shape(path), 0) >= PER_SHAPE):
            continue
        seen.add(path)
        shapes[shape(path)] = shapes.get(shape(path), 0) + 1
        fetched += 1
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code >= 500:
            broken.append((path, response.status_code))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert f'<html lang="{language}">' in html, path
        hits = sorted(set(pattern.findall(interface_text(html, language, content))))
        if hits:
            found[path] = hits
            if os.environ.get("CRAWL_DEBUG"):
                text = interface_text(html, language, content)
                for hit in hits:
                    at = text.find(hit)
                    print(f"{language} {path} {hit!r}: …{text[max(at - 80, 0) : at + 60]}…")
        if follow:
            queue.extend(p for p in internal_links(html) if p not in seen)
    return found, broken


@pytest.mark.slow
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_interface_string_on_any_page(demo, db, language):
    from accounts.models import User

    started = time.monotonic()
    pattern = english_pattern(language)
    content = stored_texts(pattern)
    results, seen, shapes = {}, set(), {}
    anonymous = Client()
    paths = sitemap_paths(anonymous) + ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
    results["anonymous"] = crawl(anonymous, paths, language, pattern, content, seen, shapes, follow=False)
    for role in ROLES:
        user = User.objects.get(email=f"{role}@example.org")
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user)
        # every role's own dashboard and manage pages, then what they link to that nobody fetched yet
        seen -= {"/me/", "/manage/"}
        results[role] = crawl(client, ["/me/", "/manage/"], language, pattern, content, seen, shapes, follow=True)
    broken = {role: broken for role, (_found, broken) in results.items() if broken}
    assert broken == {}
    where: dict[str, list[str]] = {}
    for role, (found, _broken) in results.items():
        for path, phrases in found.items():
            for phrase in phrases:
                where.setdefault(phrase, []).append(f"{role} {path}")
    assert where == {}, f"English interface strings on {language} pages: " + "; ".join(
        f"{phrase!r} on {len(pages)} pages ({', '.join(pages[:3])})" for phrase, pages in sorted(where.items())
    )
    assert time.monotonic() - started < 60
