import pytest
from allauth.account.models import EmailAddress

from accounts.enums import MembershipRole
from accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_token_good_credentials_then_me(api_client, user):
    MembershipFactory(user=user, role=MembershipRole.ADMIN)
    response = api_client.post("/api/v1/auth/token/", {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/me/")
    assert me.status_code == 200
    body = me.json()
    assert body["email"] == user.email
    assert body["memberships"][0]["role"] == "admin"


def test_token_bad_password_is_400(api_client, user):
    response = api_client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": "nope-nope-nope"}, format="json"
    )
    assert response.status_code == 400
    assert "Unable to sign in" in response.json()["detail"]


def test_token_unverified_email_is_403(api_client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False)
    response = api_client.post("/api/v1/auth/token/", {"email": user.email, "password": TEST_PASSWORD}, format="json")
    assert response.status_code == 403
    assert "confirm your email" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"email": "not-an-email", "password": "x"},
        {"email": ["a"], "password": {"b": 1}},
        "garbage",
        {"email": "a@b.c"},
    ],
)
def test_token_garbage_is_400(api_client, payload):
    response = api_client.post("/api/v1/auth/token/", payload, format="json")
    assert response.status_code == 400
    assert response.json()


def test_token_malformed_json_is_400(api_client):
    response = api_client.post("/api/v1/auth/token/", data="{not json", content_type="application/json")
    assert response.status_code == 400


def test_me_requires_authentication(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code in (401, 403)


def test_me_rejects_writes(api_client, user):
    api_client.force_authenticate(user)
    assert api_client.post("/api/v1/me/", {"email": "x@y.z"}, format="json").status_code == 405


def test_schema_and_docs_served_without_cdn(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/auth/token/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "cdn" not in page.lower()
    assert "<script>" not in page  # no inline script: the CSP holds on the docs too
    assert "'unsafe-inline'" not in docs["Content-Security-Policy"].split("script-src")[1].split(";")[0]


def test_token_endpoint_is_throttled(api_client, user, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"auth": "2/min"})
    for _ in range(2):
        assert (
            api_client.post("/api/v1/auth/token/", {"email": user.email, "password": "x"}, format="json").status_code
            == 400
        )
    response = api_client.post("/api/v1/auth/token/", {"email": user.email, "password": "x"}, format="json")
    assert response.status_code == 429
