"""The verification email sent again from every page that asks for it, and the local inbox that
local settings (only) turn on."""

import io
import os
import re
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from accounts.local_inbox import LocalInboxBackend, messages_list
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "lena.local@example.com",
    "full_name": "Lena Local",
    "country": "LV",
    "preferred_language": "en",
    "password1": "a-very-long-passphrase-2026",
    "password2": "a-very-long-passphrase-2026",
}
RESEND = "/accounts/verification/send-again/"


@pytest.fixture
def local_inbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "accounts.local_inbox.LocalInboxBackend"
    settings.SIEM_LOCAL_INBOX_DIR = tmp_path / "local-inbox"
    return settings.SIEM_LOCAL_INBOX_DIR


def test_backend_prints_to_the_console_and_keeps_each_message(local_inbox):
    from django.core.mail import EmailMultiAlternatives

    stream = io.StringIO()
    message = EmailMultiAlternatives("Héllo", "Open https://example.org/x/", "a@example.org", ["b@example.org"])
    message.attach_alternative("<p>Open</p>", "text/html")
    assert LocalInboxBackend(stream=stream).send_messages([message]) == 1
    assert "To: b@example.org" in stream.getvalue()  # still on the console
    files = list(local_inbox.glob("*.eml"))
    assert len(files) == 1 and re.match(r"^\d{8}T\d{12}-[0-9a-f]{32}\.eml$", files[0].name)
    (kept,) = messages_list()
    assert (kept.subject, kept.to, kept.text.strip()) == ("Héllo", "b@example.org", "Open https://example.org/x/")


def test_signup_shows_the_local_inbox_with_the_verification_email(client, local_inbox):
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    page = response.content.decode()
    assert "Verify Your Email Address" in page
    assert 'href="/local-inbox/"' in page and "Send the email again" in page
    listing = client.get("/local-inbox/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "lena.local@example.com" in html and "[SIEM]" in html
    key = re.search(r'href="/local-inbox/([^/"]+)/"', html).group(1)
    message = client.get(f"/local-inbox/{key}/").content.decode()
    link = re.search(r'<a href="(http://testserver/accounts/confirm-email/[^"]+/)"', message).group(1)
    # the link in the local inbox confirms the address, as the real email would
    client.post(link.removeprefix("http://testserver"))
    assert EmailAddress.objects.get(email="lena.local@example.com").verified
    assert client.get("/local-inbox/../../etc/passwd/").status_code == 404
    assert client.get("/local-inbox/20260101T000000000000-" + "0" * 32 + "/").status_code == 404


def test_without_local_settings_there_is_no_inbox(client, settings):
    assert not getattr(settings, "SIEM_LOCAL_INBOX_DIR", None)
    assert client.get("/local-inbox/").status_code == 404
    response = client.post(reverse("account_signup"), SIGNUP, follow=True)
    page = response.content.decode()
    assert "Send the email again" in page and "/local-inbox/" not in page


def test_only_the_local_settings_turn_the_inbox_on():
    def read(module):
        code = (
            "import django, os; from django.conf import settings; django.setup(); "
            "print(settings.EMAIL_BACKEND, getattr(settings, 'SIEM_LOCAL_INBOX_DIR', None))"
        )
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": module}
        env.pop("EMAIL_URL", None)
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        return result.stdout.split()

    backend, folder = read("siem_portal.settings.local")
    assert backend == "accounts.local_inbox.LocalInboxBackend" and folder.endswith("local-inbox")
    assert django_settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    assert read("siem_portal.settings.base") == ["django.core.mail.backends.console.EmailBackend", "None"]


def test_send_again_after_signup_uses_allauths_rate_limit(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"confirm_email": "1/3m/key"}
    client.post(reverse("account_signup"), SIGNUP)
    assert len(mail.outbox) == 1
    # the first email was just sent: allauth's limit holds the second one back, and says so
    response = client.post(RESEND, follow=True)
    assert "We sent you an email only a few minutes ago" in response.content.decode()
    assert len(mail.outbox) == 1
    settings.ACCOUNT_RATE_LIMITS = False
    response = client.post(RESEND, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")
    assert "We sent the email again to lena.local@example.com." in response.content.decode()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["lena.local@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[1].body


def test_send_again_is_for_ones_own_address_only(client):
    # a visitor who did not sign up in this session has no address to ask for
    UserFactory(email="someone@example.com", verified=False)
    response = client.post(RESEND, {"email": "someone@example.com"})
    assert response.status_code == 302 and response.url == reverse("account_login")
    assert mail.outbox == []
    assert client.get(RESEND).status_code == 405


def test_signed_in_unverified_person_sends_again_from_the_page_that_asks(client):
    person = UserFactory(verified=False)
    EmailAddress.objects.create(user=person, email=person.email, primary=True, verified=False)
    client.force_login(person)
    page = client.get("/stories/write/")
    assert page.status_code == 403 and "Send the email again" in page.content.decode()
    response = client.post(RESEND, {"next": "/stories/write/"})
    assert response.status_code == 302 and response.url == "/stories/write/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [person.email]
    response = client.post(RESEND, {"next": "https://evil.example/"})
    assert response.url == reverse("account_email")
    verified = UserFactory()
    client.force_login(verified)
    response = client.post(RESEND)
    assert response.url == reverse("accounts:dashboard") and len(mail.outbox) == 2
