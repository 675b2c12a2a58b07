import os
import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.utils import OperationalError

from accounts.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_healthz_ok(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    expected = {"status": "ok", "database": "ok", "cache": "ok"}
    if settings.CELERY_BROKER_URL:  # the CI stage with a real Redis broker
        expected["broker"] = "ok"
    assert response.json() == expected


def test_healthz_leaves_out_the_broker_when_none_is_configured(client, settings):
    settings.CELERY_BROKER_URL = ""
    assert "broker" not in client.get("/healthz").json()


def test_healthz_503_when_database_down(client):
    with mock.patch("siem_portal.health._check_database", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"


def test_healthz_reports_broker_when_configured(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    with mock.patch("siem_portal.health._check_broker", side_effect=ConnectionRefusedError()):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error: ConnectionRefusedError"


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_home_page_has_landmarks_and_no_third_party(client):
    page = client.get("/").content.decode()
    for landmark in (
        "<header",
        '<nav class="main-nav" aria-label="Main"',
        '<main id="main"',
        "<footer",
        'class="skip-link"',
    ):
        assert landmark in page
    assert "Erasmus+ Programme of the European Union" in page
    assert "http://" not in page.replace("http://127.0.0.1", "").replace("http://testserver", "")
    assert "https://" not in page


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _run(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_secrets():
    result = _run({"DJANGO_SETTINGS_MODULE": "siem_portal.settings.production"}, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_check_deploy_passes():
    result = _run(
        {
            "DJANGO_SETTINGS_MODULE": "siem_portal.settings.production",
            "DJANGO_SECRET_KEY": "k" * 20 + "a-long-random-production-secret-for-the-check-1234567890",
            "DATABASE_URL": "sqlite:////tmp/siem-deploy-check.sqlite3",
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
            # behind the documented nginx
            "SIEM_TRUSTED_PROXY_COUNT": "1",
        },
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_require_the_second_factor_and_read_the_proxy_count():
    code = (
        "from django.conf import settings as s; "
        "print(s.SIEM_REQUIRE_MFA_FOR_STAFF, s.REST_FRAMEWORK['NUM_PROXIES'], s.ALLAUTH_TRUSTED_PROXY_COUNT, "
        "s.AXES_CLIENT_IP_CALLABLE, s.SESSION_COOKIE_AGE)"
    )
    result = _run(
        {
            "DJANGO_SETTINGS_MODULE": "siem_portal.settings.production",
            "DJANGO_SECRET_KEY": "k" * 60,
            "DATABASE_URL": "sqlite:////tmp/siem-deploy-check.sqlite3",
            "DJANGO_ALLOWED_HOSTS": "portal.example.org",
            "SIEM_TRUSTED_PROXY_COUNT": "1",
        },
        "shell",
        "-c",
        code,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "1",
        "1",
        "siem_portal.client_ip.client_ip",
        str(14 * 24 * 3600),
    ]


def test_seed_demo_is_idempotent_and_complete():
    call_command("seed_demo")
    call_command("seed_demo")
    emails = set(User.objects.values_list("email", flat=True))
    expected = {
        f"{name}@example.org"
        for name in (
            "admin",
            "student",
            "staff",
            "iro",
            "org",
            "organiser",
            "reviewer",
            "moderator",
            "editor",
            "surveys",
        )
    }
    assert expected <= emails
    assert User.objects.filter(email__in=expected).count() == 10
    iro = User.objects.get(email="iro@example.org")
    assert iro.check_password("siem-demo-2026")
    membership = Membership.objects.get(user=iro)
    assert (membership.role, membership.organisation.kind, bool(membership.organisation.erasmus_code)) == (
        "iro_officer",
        "hei",
        True,
    )
    assert Organisation.objects.filter(kind="youth").exists()
    assert set(Group.objects.get(name="moderator").user_set.values_list("email", flat=True)) == {
        "moderator@example.org"
    }
    assert User.objects.get(email="admin@example.org").is_superuser


def test_seed_demo_refuses_production_settings(settings):
    from django.core.management.base import CommandError

    settings.SIEM_ENVIRONMENT = "production"
    with pytest.raises(CommandError):
        call_command("seed_demo")


def test_every_language_has_a_catalogue():
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        assert os.path.exists(os.path.join(ROOT, "locale", code, "LC_MESSAGES", "django.po")), code


def test_language_switcher_changes_the_page_language(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_every_beat_entry_names_a_registered_task(settings):
    from siem_portal.celery import app

    app.loader.import_default_modules()
    unknown = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} - set(app.tasks)
    assert unknown == set()


def test_home_blocks_are_kept_rendered_until_their_app_changes(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.tests.factories import OrganisationFactory
    from siem_portal import home_cache

    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    assert len(second) < len(first)  # the blocks came from the cache
    before = home_cache.generations()
    OrganisationFactory()  # accounts draws no home block: nothing is redrawn
    assert home_cache.generations() == before
    from publications.models import NewsPost

    NewsPost.objects.create(
        title="Fresh news", slug="fresh-news", summary="x", body="x", is_published=True, published_on="2026-11-01"
    )
    assert home_cache.generations()["publications"] == before["publications"] + 1
