import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail

from accounts.enums import ExportStatus
from accounts.models import Membership, Notification, PrivacyExport, User
from accounts.tests.factories import TEST_PASSWORD, MembershipFactory
from siem_portal.registry import registry

pytestmark = pytest.mark.django_db


def test_every_model_pointing_at_the_user_is_registered():
    """An app that adds a foreign key to the user must say how it is exported and erased."""
    covered = {model for handler in registry.privacy for model in handler.models}
    missing = []
    for model in apps.get_models(include_auto_created=False):
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one or getattr(field, "one_to_one", False):
                if field.related_model is User and field.concrete and model not in covered:
                    missing.append(f"{model._meta.label}.{field.name}")
    assert missing == []


def test_export_contains_my_data_and_only_mine(client, user, other_user, django_capture_on_commit_callbacks):
    MembershipFactory(user=user, organisation__name="Youth Bridges")
    Notification.objects.create(recipient=user, kind="account", subject="Welcome aboard", body_text="x")
    Notification.objects.create(recipient=other_user, kind="account", subject="Not yours", body_text="x")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/me/privacy/export/")
    assert response.status_code == 302
    export = PrivacyExport.objects.get(user=user)
    assert export.status == ExportStatus.DONE
    download = client.get(f"/me/privacy/export/{export.pk}/")
    assert download.status_code == 200
    data = json.loads(b"".join(download.streaming_content))
    account = data["sections"]["account"]
    assert account["email"] == user.email
    assert account["memberships"] == [{"organisation": "Youth Bridges", "role": "member"}]
    assert [n["subject"] for n in account["notifications"]] == ["Welcome aboard"]
    assert "Not yours" not in json.dumps(data)
    assert any(m.subject == "Your data download is ready" for m in mail.outbox)


def test_export_download_of_another_person_is_404(client, user, other_user, django_capture_on_commit_callbacks):
    client.force_login(other_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/me/privacy/export/")
    export = PrivacyExport.objects.get(user=other_user)
    client.force_login(user)
    assert client.get(f"/me/privacy/export/{export.pk}/").status_code == 404


def test_delete_account_needs_password_and_removes_data(client, user, django_capture_on_commit_callbacks):
    MembershipFactory(user=user)
    client.force_login(user)
    response = client.post("/me/privacy/delete/", {"confirm": "on", "password": "wrong-password"})
    assert response.status_code == 400
    assert "not your current password" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post("/me/privacy/delete/", {"confirm": "on", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert client.get("/me/").status_code == 302  # signed out


def test_delete_with_totp_requires_a_code(client, user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, hotp_value, yield_hotp_counters_from_time

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.force_login(user)
    response = client.post("/me/privacy/delete/", {"confirm": "on", "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "enter a current code" in response.content.decode()
    code = f"{hotp_value(secret, next(yield_hotp_counters_from_time())):06d}"
    response = client.post("/me/privacy/delete/", {"confirm": "on", "password": TEST_PASSWORD, "code": code})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user_id=user.pk).exists()
