"""Issue 12, items 1-4, tried as an attacker would, with production's SIEM_REQUIRE_MFA_FOR_STAFF=True."""

import time
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from accounts.enums import MembershipRole
from accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY
from accounts.models import ApiToken
from accounts.tests.factories import (
    TEST_PASSWORD,
    MembershipFactory,
    UserFactory,
    forget_used_code,
    give_role,
    give_totp,
    totp_code,
)
from events.tests.factories import EventFactory, ReviewerFactory
from siem_portal.client_ip import client_ip
from surveys.tests.factories import make_survey

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.SIEM_REQUIRE_MFA_FOR_STAFF = True


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.secret = give_totp(user)
    return user


@pytest.fixture
def manager(db):
    user = give_role(UserFactory(), "survey_manager")
    user.secret = give_totp(user)
    return user


def sign_in_with_password(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def sign_in_with_second_factor(client, user):
    response = sign_in_with_password(client, user)
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.secret)})
    assert response.status_code == 302
    forget_used_code(user)  # allauth refuses a code used twice; the next test step may need the same one


# --- 1. the second factor by session, for every staff surface -------------------------------------


def test_admin_login_with_a_password_alone_opens_nothing(client, superuser):
    response = client.post("/admin/login/?next=/admin/", {"username": superuser.email, "password": TEST_PASSWORD})
    # the admin's own password form is gone: it sends the person to allauth's login
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for url in ("/admin/", "/manage/", "/api/v1/me/"):
        assert client.get(url).status_code in (302, 401, 403), url
    assert "_auth_user_id" not in client.session


def test_admin_login_goes_through_allauth_and_the_second_factor(client, superuser):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    sign_in_with_password(client, superuser)
    # half signed in: the password alone does not open the admin
    assert client.get("/admin/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(superuser.secret)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/manage/", "/manage/survey-results/", "/iro/", "/me/"])
def test_a_staff_session_without_the_second_factor_reaches_no_page(client, superuser, path):
    client.force_login(superuser)  # a session that passed the password only
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next=")


def test_pages_outside_the_old_prefixes_are_covered_by_role(client, manager):
    event = EventFactory()
    reviewer = ReviewerFactory(event=event).user
    reviewer.secret = give_totp(reviewer)
    client.force_login(reviewer)
    response = client.get(f"/events/{event.slug}/review/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/2fa/reauthenticate/?next=%2Fevents%2F{event.slug}%2Freview%2F"
    # once the code is entered in this session, the same page opens
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(reviewer.secret)})
    assert client.get(f"/events/{event.slug}/review/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator on commit
def test_iro_officer_without_an_authenticator_is_sent_to_set_one_up(client):
    officer = MembershipFactory(role=MembershipRole.IRO_OFFICER).user
    sign_in_with_password(client, officer)
    response = client.get("/iro/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # the setup page stays open (allauth first asks for the password again), and is the only way forward
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": TEST_PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert client.get("/").status_code == 302
    # activating takes a valid code from the app: the session has then passed the second factor
    secret = page.context["form"].secret
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/iro/").status_code == 200


def test_with_an_authenticator_the_password_alone_changes_nothing(client, manager):
    client.force_login(manager)  # e.g. a session from before the authenticator was added
    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/totp/deactivate/", "/accounts/2fa/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/2fa/reauthenticate/"), path
    assert client.get("/accounts/2fa/reauthenticate/").status_code == 200


def test_a_person_without_a_role_is_not_asked(client, user):
    client.force_login(user)
    assert client.get("/me/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_api_by_session_without_the_second_factor_is_403_json(client, manager):
    survey = make_survey()
    client.force_login(manager)
    for url in ("/api/v1/me/", f"/api/v1/surveys/{survey.slug}/results/"):
        response = client.get(url)
        assert response.status_code == 403, url
        body = response.json()
        assert "authenticator" in body["detail"]
        assert body["errors"]["second_factor"]
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(manager.secret)})
    assert client.get("/api/v1/me/").status_code == 200


def test_api_by_session_after_the_second_factor(client, manager):
    sign_in_with_second_factor(client, manager)
    assert client.get("/api/v1/me/").status_code == 200
    assert client.get("/manage/").status_code == 200


# --- 2. tokens: the second factor, a lifetime, revocation -----------------------------------------


def test_staff_token_needs_the_code(api_client, manager):
    response = api_client.post(TOKEN_URL, {"email": manager.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 403
    assert response.json()["errors"]["code"]
    assert "authenticator" in response.json()["detail"]
    response = api_client.post(
        TOKEN_URL, {"email": manager.email, "password": TEST_PASSWORD, "code": "123456"}, format="json"
    )
    assert response.status_code == 403
    assert "Incorrect code" in response.json()["detail"]
    assert not ApiToken.objects.filter(user=manager).exists()

    response = api_client.post(
        TOKEN_URL,
        {"email": manager.email, "password": TEST_PASSWORD, "code": totp_code(manager.secret)},
        format="json",
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=manager)
    assert token.second_factor
    # a staff token lives as long as a staff session
    assert timedelta(hours=11) < token.expiry - timezone.now() <= timedelta(hours=12)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    survey = make_survey()
    assert api_client.get(f"/api/v1/surveys/{survey.slug}/results/").status_code == 200


def test_staff_without_authenticator_gets_no_token(api_client):
    editor = give_role(UserFactory(), "editor")
    response = api_client.post(TOKEN_URL, {"email": editor.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 403
    assert "set up two-factor authentication" in response.json()["detail"]


def test_a_token_issued_without_the_second_factor_is_refused_to_staff(api_client, manager):
    _token, key = ApiToken.objects.create(user=manager)  # e.g. issued while the requirement was off
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 403
    assert "Request a new one" in response.json()["detail"]


def test_a_person_without_a_role_gets_a_token_without_a_code(api_client, user):
    response = api_client.post(TOKEN_URL, {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert timedelta(days=29) < token.expiry - timezone.now() <= timedelta(days=30)


def _token_for(user):
    _token, key = ApiToken.objects.create(user=user)
    return key


def _id(key):
    """The public id of a token: the start of its hash."""
    from knox.crypto import hash_token

    return hash_token(key)[:16]


def _assert_refused(api_client, key):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "/api/v1/auth/token/" in response.json()["detail"]
    return response


def test_forged_token_is_401(api_client, user):
    key = _token_for(user)
    _assert_refused(api_client, key[:15] + "0" * 49)
    _assert_refused(api_client, "not-even-hex")


def test_expired_token_is_401(api_client, user):
    key = _token_for(user)
    ApiToken.objects.filter(user=user).update(expiry=timezone.now() - timedelta(seconds=1))
    _assert_refused(api_client, key)


def test_token_dies_on_password_change(api_client, user):
    key = _token_for(user)
    user.set_password("another-long-password-2026")
    user.save()
    _assert_refused(api_client, key)


def test_token_dies_on_password_change_through_the_account_page(client, api_client, user):
    key = _token_for(user)
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "another-long-password-2026",
            "password2": "another-long-password-2026",
        },
    )
    assert response.status_code == 302
    _assert_refused(api_client, key)


def test_token_dies_on_password_reset(client, api_client, user, mailoutbox):
    import re

    key = _token_for(user)
    client.post("/accounts/password/reset/", {"email": user.email})
    link = re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+", mailoutbox[-1].body).group(0)
    path = link.split("testserver", 1)[1] if "testserver" in link else "/" + link.split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 302
    response = client.post(
        response["Location"], {"password1": "another-long-password-2026", "password2": "another-long-password-2026"}
    )
    assert response.status_code == 302
    _assert_refused(api_client, key)


def test_token_dies_on_deactivation_and_deletion(api_client, user, other_user):
    key = _token_for(user)
    user.is_active = False
    user.save()
    assert not ApiToken.objects.filter(user=user).exists()
    _assert_refused(api_client, key)
    key = _token_for(other_user)
    other_user.delete()
    _assert_refused(api_client, key)


def test_revoke_by_api(api_client, user, other_user):
    key = _token_for(user)
    others = _token_for(other_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    listed = api_client.get("/api/v1/auth/tokens/").json()
    assert [(t["id"], t["starts_with"]) for t in listed] == [(_id(key), key[:8])]
    assert listed[0]["last_used"]
    # another person's token is not one of mine: 404, and it still works
    assert api_client.delete(f"/api/v1/auth/tokens/{_id(others)}/").status_code == 404
    # a short or empty prefix names no token (it would otherwise match them all)
    assert api_client.delete(f"/api/v1/auth/tokens/{_id(key)[:2]}/").status_code == 404
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {others}")
    assert api_client.get("/api/v1/me/").status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.delete(f"/api/v1/auth/tokens/{_id(key)}/").status_code == 204
    _assert_refused(api_client, key)


def test_revoke_on_the_account_page(client, api_client, user, other_user):
    key = _token_for(user)
    others = _token_for(other_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    api_client.get("/api/v1/me/")  # records the last use
    client.force_login(user)
    page = client.get("/me/tokens/")
    assert page.status_code == 200
    content = page.content.decode()
    assert key[:8] in content
    assert others[:8] not in content
    assert "never" not in content  # last used is shown
    assert key[:15] not in content  # the page names tokens by their hash, not by their secret
    assert client.post(f"/me/tokens/{_id(others)}/revoke/").status_code == 404
    assert ApiToken.objects.filter(user=other_user).exists()
    response = client.post(f"/me/tokens/{_id(key)}/revoke/", follow=True)
    assert "The token is revoked" in response.content.decode()
    _assert_refused(api_client, key)


def test_tokens_page_needs_sign_in(client):
    response = client.get("/me/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- 3. proxies configured once ----------------------------------------------------------------


def test_client_ip_reads_the_trusted_proxy_count(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.SIEM_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.SIEM_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="garbage")
    assert client_ip(request) == "10.0.0.1"


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_rotating_forwarded_header_does_not_escape_the_throttle(api_client, user, settings, monkeypatch, proxies):
    from rest_framework.throttling import ScopedRateThrottle

    settings.SIEM_TRUSTED_PROXY_COUNT = proxies
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "5/min"})
    statuses = []
    for i in range(25):
        # the attacker sends their own header; the proxy (if any) appends the address it saw
        forwarded = f"198.51.100.{i}" + (", 203.0.113.7" if proxies else "")
        response = api_client.post(
            TOKEN_URL,
            {"email": user.email, "password": "wrong"},
            format="json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        statuses.append(response.status_code)
    assert statuses.count(429) == 20
    assert "detail" in response.json()


def test_nobody_can_lock_someone_else_out(api_client, user, settings):
    settings.SIEM_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    victim = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post(TOKEN_URL, {"email": user.email, "password": "wrong"}, format="json", **attacker)
    response = api_client.post(TOKEN_URL, {"email": user.email, "password": TEST_PASSWORD}, format="json", **attacker)
    assert response.status_code == 429
    assert "blocked" in response.json()["detail"]
    # the real person, behind the same proxy but from their own address, signs in
    response = api_client.post(TOKEN_URL, {"email": user.email, "password": TEST_PASSWORD}, format="json", **victim)
    assert response.status_code == 200


# --- 4. staff sessions --------------------------------------------------------------------------


def _age_session(client, *, started_ago: float, seen_ago: float):
    session = client.session
    now = time.time()
    session[SESSION_STARTED_KEY] = now - started_ago
    session[SESSION_SEEN_KEY] = now - seen_ago
    session.save()


def test_staff_session_cookie_lasts_30_idle_minutes(client, manager):
    sign_in_with_second_factor(client, manager)
    assert client.session.get_expiry_age() == 30 * 60
    assert client.get("/manage/").status_code == 200


def test_staff_session_ends_after_30_idle_minutes(client, manager):
    sign_in_with_second_factor(client, manager)
    _age_session(client, started_ago=31 * 60, seen_ago=31 * 60)
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_session_ends_after_12_hours_even_if_used(client, manager):
    sign_in_with_second_factor(client, manager)
    _age_session(client, started_ago=12 * 3600 + 1, seen_ago=10)
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_staff_session_in_use_stays_open(client, manager):
    sign_in_with_second_factor(client, manager)
    _age_session(client, started_ago=11 * 3600, seen_ago=29 * 60)
    assert client.get("/manage/").status_code == 200
    assert time.time() - client.session[SESSION_SEEN_KEY] < 5


def test_other_people_keep_14_days(client, user):
    sign_in_with_password(client, user)
    assert client.session.get_expiry_age() == 14 * 24 * 3600
    _age_session(client, started_ago=13 * 24 * 3600, seen_ago=13 * 24 * 3600)
    assert client.get("/me/").status_code == 200


def test_guessing_from_many_addresses_is_slowed_per_login(api_client, user, settings):
    settings.SIEM_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,5/5m/key"}
    statuses = [
        api_client.post(
            TOKEN_URL,
            {"email": user.email, "password": "wrong"},
            format="json",
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).status_code
        for i in range(7)
    ]
    assert statuses == [400] * 5 + [429] * 2
