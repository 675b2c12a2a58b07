import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "new.student@example.com",
    "full_name": "Nadia New",
    "country": "ES",
    "preferred_language": "es",
    "password1": "a-very-long-passphrase-2026",
    "password2": "a-very-long-passphrase-2026",
}


def test_signup_verification_login_dashboard(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="new.student@example.com")
    assert (user.full_name, user.country.code, user.preferred_language) == ("Nadia New", "ES", "es")
    assert EmailAddress.objects.get(user=user).verified is False

    # mandatory verification: the person is not signed in before confirming
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)

    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified is True

    client.logout()
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    assert "Hola, Nadia" in response.content.decode()  # in the language chosen at sign-up


def test_signup_rejects_short_password_and_keeps_input(client):
    data = {**SIGNUP, "password1": "short", "password2": "short"}
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "at least 12 characters" in page
    assert 'value="new.student@example.com"' in page
    assert 'value="Nadia New"' in page
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_unverified_login_is_told_to_verify(client):
    from accounts.tests.factories import TEST_PASSWORD, UserFactory

    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}, follow=True)
    assert "Verify Your Email Address" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_lockout_after_repeated_failures(client, user):
    for _ in range(10):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-here"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password-here"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_password_hasher_is_argon2_outside_tests():
    from siem_portal.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
