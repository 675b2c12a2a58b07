from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts import services
from accounts.enums import NotificationStatus
from accounts.models import EmailOptOut, Notification
from accounts.tasks import task_send_notification
from siem_portal.registry import NotificationKind, register_notification_kind
from siem_portal.tasks import task_requeue_pending_jobs

pytestmark = pytest.mark.django_db

register_notification_kind(NotificationKind("test_news", "Test news"))


def _create(user, **kwargs):
    return services.notification_create(
        recipient=user, kind="test_news", subject="Hello <b>there</b>", body_text="Body", link="/me/", **kwargs
    )


def test_notification_is_emailed_once_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _create(user)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].subject == "Hello <b>there</b>"
    assert "http://127.0.0.1:8000/me/" in mail.outbox[0].body


def test_send_task_twice_delivers_once(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notification = _create(user)
    task_send_notification.delay(notification.pk)
    task_send_notification.delay(notification.pk)
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.attempts == 1


def test_requeued_after_broker_outage(user, django_capture_on_commit_callbacks):
    with mock.patch("accounts.tasks.task_send_notification.delay", side_effect=ConnectionError("broker down")):
        with django_capture_on_commit_callbacks(execute=True):
            notification = _create(user)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert mail.outbox == []

    # a sweep right away leaves it (not stale yet); five minutes later it is sent
    assert task_requeue_pending_jobs.delay().get()["notifications"] == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert task_requeue_pending_jobs.delay().get()["notifications"] == 1
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert len(mail.outbox) == 1


def test_smtp_failure_keeps_row_pending_with_error(user, django_capture_on_commit_callbacks):
    with mock.patch("siem_portal.emails.EmailMultiAlternatives.send", side_effect=OSError("smtp down")):
        with django_capture_on_commit_callbacks(execute=True):
            notification = _create(user)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.PENDING
    assert notification.attempts == 1
    assert "smtp down" in notification.last_error


def test_muted_kind_is_stored_but_not_emailed(user, django_capture_on_commit_callbacks):
    EmailOptOut.objects.create(user=user, kind="test_news")
    with django_capture_on_commit_callbacks(execute=True):
        notification = _create(user)
    assert notification.status == NotificationStatus.SKIPPED
    assert mail.outbox == []


def test_unknown_kind_is_refused(user):
    with pytest.raises(ValueError):
        services.notification_create(recipient=user, kind="nope", subject="x", body_text="y")


def test_notifications_page_shows_only_my_notifications(client, user, other_user):
    Notification.objects.create(recipient=user, kind="test_news", subject="Mine", body_text="x")
    Notification.objects.create(recipient=other_user, kind="test_news", subject="Someone else's", body_text="y")
    client.force_login(user)
    page = client.get("/me/notifications/").content.decode()
    assert "Mine" in page
    assert "Someone else" not in page


def test_notifications_page_bounded_queries(client, user, django_assert_max_num_queries):
    client.force_login(user)
    for n in range(1, 6):
        Notification.objects.create(recipient=user, kind="test_news", subject=f"N{n}", body_text="x")
        with django_assert_max_num_queries(12):
            assert client.get("/me/notifications/").status_code == 200


def test_email_preferences_turn_off_a_kind(client, user):
    client.force_login(user)
    response = client.post("/me/notifications/preferences/", {})  # every box unticked
    assert response.status_code == 302
    assert EmailOptOut.objects.filter(user=user, kind="test_news").exists()
    assert not EmailOptOut.objects.filter(user=user, kind="account").exists()  # mandatory kinds stay on
    client.post("/me/notifications/preferences/", {"test_news": "on"})
    assert not EmailOptOut.objects.filter(user=user, kind="test_news").exists()


def test_mark_all_read(client, user):
    Notification.objects.create(recipient=user, kind="test_news", subject="A", body_text="x")
    client.force_login(user)
    client.post("/me/notifications/read/")
    assert Notification.objects.get(recipient=user).read_at is not None
