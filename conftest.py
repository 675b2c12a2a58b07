"""Fixtures shared by every app's tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def pytest_sessionstart(session):
    """Compile the catalogues whose .mo is missing or older than the .po (what `make catalogues` does),
    so `pytest` run directly on a fresh clone serves the translations too. Babel, no system gettext."""
    import tempfile

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        if catalog.fuzzy:  # as pybabel compile: a catalogue whose header is fuzzy is not compiled
            continue
        # written aside then renamed: parallel workers never read half a file
        with tempfile.NamedTemporaryFile(dir=po_path.parent, suffix=".mo.tmp", delete=False) as tmp:
            write_mo(tmp, catalog)
        os.chmod(tmp.name, 0o644)
        os.replace(tmp.name, mo_path)


def pytest_collection_modifyitems(config, items):
    """Skip, with a printed reason, the tests whose outside service is not configured."""
    skips = {}
    if not Path(CHROMIUM).exists():
        skips["browser"] = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        skips["postgres"] = pytest.mark.skip(reason="DATABASE_URL does not point at PostgreSQL")
    if not os.environ.get("CELERY_BROKER_URL"):
        skips["integration"] = pytest.mark.skip(reason="CELERY_BROKER_URL is not set (no real broker)")
    if not os.environ.get("S3_ENDPOINT_URL"):
        skips["s3"] = pytest.mark.skip(reason="S3_ENDPOINT_URL is not set (no S3 API such as moto_server)")
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Every test writes its files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def s3_private_storage(settings):
    """Private files in a new bucket of the S3 API at S3_ENDPOINT_URL (tests marked ``s3``), set up
    by the same code as production's settings (``s3_storages`` reading the S3_* variables)."""
    import uuid

    import boto3
    from django.core.files.storage import storages

    from siem_portal.settings.base import s3_storages

    variables = {
        "S3_ACCESS_KEY_ID": "test",
        "S3_SECRET_ACCESS_KEY": "test",
        "S3_REGION": "us-east-1",
        **os.environ,
        "S3_PRIVATE_BUCKET": f"siem-test-{uuid.uuid4().hex[:16]}",
    }
    variables.pop("S3_PUBLIC_BUCKET", None)
    entries = s3_storages(lambda name, default=None: variables.get(name, default))
    options = entries["private"]["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    bucket = options["bucket_name"]
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, **entries}
    yield storages["private"]
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread: every test starts in English again."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def password():
    return "a-long-test-password-2026"


@pytest.fixture
def user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def other_user(db):
    from accounts.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def role_user(role: str):
    from django.contrib.auth.models import Group

    from accounts.tests.factories import UserFactory

    user = UserFactory()
    # get_or_create: browser tests flush the database, groups made by migrations included
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def moderator(db):
    return role_user("moderator")


@pytest.fixture
def event_organiser(db):
    return role_user("event_organiser")


@pytest.fixture
def survey_manager(db):
    return role_user("survey_manager")


@pytest.fixture
def editor(db):
    return role_user("editor")


# --- browser tests ------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Run axe-core on a Playwright page and return the violations (an empty list is the goal)."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def check(page):
        results = engine.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        return [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in results.response["violations"]
        ]

    return check


def browser_login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/me/")


settings  # noqa: B018 (imported so fixtures can monkeypatch through pytest-django's settings)
