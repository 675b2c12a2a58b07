"""One way to queue background work (``enqueue_on_commit``) and one sweep for what was not queued.

With the broker down every form and endpoint that queues work answers as it would with a broker
and stores its row; once the broker is back the sweep delivers each email exactly once.
"""

import socket
from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.enums import ExportStatus, NotificationStatus
from accounts.models import Notification, PrivacyExport
from accounts.tests.factories import UserFactory, give_role
from events.models import CoPresenter
from events.tests.factories import EventFactory, ProposalFactory
from impact.enums import ReportStatus as ImpactReportStatus
from impact.models import Report
from impact.tests.factories import closed_assessment, framework_make
from siem_portal import jobs
from siem_portal.celery import app as celery_app
from siem_portal.registry import registry
from siem_portal.tasks import task_requeue_pending_jobs
from surveys.enums import InvitationStatus
from surveys.models import Invitation
from surveys.reports.models import ReportJob, ReportStatus
from surveys.tests.factories import make_survey
from testimonials.models import AuthorQuestion
from testimonials.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

# every row-backed job of the portal, by the name it is registered under
KINDS = {
    "notifications",
    "privacy exports",
    "impact reports",
    "co-presenter invitations",
    "survey invitations",
    "survey reports",
    "story questions",
    "story answers",
}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def _reset_broker_connections():
    """Forget the app's connection and producer pools (as Celery does after a fork) so the next
    task uses the broker URL just set; closing them would close kombu's shared pools too."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """CELERY_BROKER_URL pointing at a closed port, tasks queued for real (not eager)."""
    conf = celery_app.conf
    keys = ("broker_url", "broker_write_url", "broker_read_url", "task_always_eager")
    saved = {key: conf[key] for key in keys}
    closed = f"redis://127.0.0.1:{_closed_port()}/0"
    # with a broker configured (CI stage 2) Celery has copied its URL into the read and write URLs
    conf.update(broker_url=closed, broker_write_url=closed, broker_read_url=closed, task_always_eager=False)
    _reset_broker_connections()

    def back_up():
        conf.update(saved)
        _reset_broker_connections()

    yield back_up
    back_up()


def _sweep(django_capture_on_commit_callbacks, minutes):
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes)):
        with django_capture_on_commit_callbacks(execute=True):
            return task_requeue_pending_jobs.delay().get()


def test_every_pending_job_kind_is_registered_swept_and_scheduled():
    assert set(registry.pending_jobs) == KINDS
    celery_app.loader.import_default_modules()
    for kind in registry.pending_jobs.values():
        model = apps.get_model(kind.model)
        assert model._meta.get_field("last_attempt_at").null
        assert model._meta.get_field(kind.since)
        assert kind.task in celery_app.tasks
    schedule = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["siem_portal.requeue_pending_jobs"] == 60.0
    # the four sweeps it replaced are gone
    assert not [task for task in schedule if task.endswith((".requeue_notifications", ".requeue_reports"))]
    assert "events.requeue_invitations" not in schedule


def test_broker_down_every_form_and_endpoint_answers_and_the_sweep_sends_each_email_once(
    client, api_client, broker_down, django_capture_on_commit_callbacks
):
    person, author, reader, manager = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    event = EventFactory(capacity=10)
    story = StoryFactory(author=author, allow_questions=True)
    answered = AuthorQuestion.objects.create(story=story, sender=reader, recipient=author, body="How?", status="sent")
    proposal = ProposalFactory(submitter=person)
    assessment = closed_assessment(framework=framework_make())
    admin = assessment.organisation.memberships.get().user
    survey = make_survey(access="invitation")
    give_role(manager, "survey_manager")
    mail.outbox.clear()
    Notification.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        api_client.force_authenticate(person)
        registration = api_client.post(f"/api/v1/events/{event.slug}/registrations/", {}, format="json")
        client.force_login(person)
        export = client.post(reverse("accounts:privacy-export"))
        invite = client.post(
            reverse(
                "events:proposal-action", kwargs={"slug": proposal.event.slug, "pk": proposal.pk, "action": "invite"}
            ),
            {"email": "cora@example.org", "name": "Cora"},
        )
        client.force_login(reader)
        ask = client.post(f"/stories/{story.slug}/ask/", {"body": "Was it worth it?"})
        client.force_login(author)
        answer = client.post(f"/stories/questions/{answered.pk}/answer/", {"reply": "Yes, very."})
        client.force_login(admin)
        report = client.post(reverse("impact:report-request", args=[assessment.pk]))
        client.force_login(manager)
        invitations = client.post(
            f"/manage/surveys/{survey.slug}/invitations/", {"emails": "ana@example.org, ben@example.org"}
        )
        api_client.force_authenticate(manager)
        survey_report = api_client.post(f"/api/v1/surveys/{survey.slug}/reports/", {"format": "csv"}, format="json")

    # the same answers as with a broker, and every row stored and pending
    assert registration.status_code == 201 and registration.json()["state"] == "confirmed"
    assert export.status_code == 302 and export["Location"] == reverse("accounts:privacy")
    assert invite.status_code == 302
    assert ask.status_code == 302 and answer.status_code == 302
    assert report.status_code == 302 and report["Location"] == assessment.get_absolute_url()
    assert invitations.status_code == 302
    assert survey_report.status_code == 202, survey_report.content
    assert mail.outbox == []
    assert Notification.objects.get(recipient=person).status == NotificationStatus.PENDING
    assert PrivacyExport.objects.get(user=person).status == ExportStatus.QUEUED
    assert CoPresenter.objects.get(email="cora@example.org").invitation_sent_at is None
    assert AuthorQuestion.objects.get(body="Was it worth it?").status == "pending"
    assert AuthorQuestion.objects.get(pk=answered.pk).reply_status == "pending"
    assert Report.objects.get(assessment=assessment).status == ImpactReportStatus.QUEUED
    assert set(Invitation.objects.values_list("status", flat=True)) == {InvitationStatus.PENDING}
    assert ReportJob.objects.get(survey=survey).status == ReportStatus.QUEUED

    broker_down()  # the broker is back (tasks run in-process here)
    assert all(n == 0 for n in _sweep(django_capture_on_commit_callbacks, 1).values())  # too recent yet
    queued = _sweep(django_capture_on_commit_callbacks, 6)
    assert queued == {
        "notifications": 1,
        "privacy exports": 1,
        "impact reports": 1,
        "co-presenter invitations": 1,
        "survey invitations": 2,
        "survey reports": 1,
        "story questions": 1,
        "story answers": 1,
    }
    recipients = sorted(to for message in mail.outbox for to in message.to)
    expected = {
        person.email: 2,  # the registration, then "your data download is ready"
        admin.email: 1,  # the impact report is ready
        manager.email: 1,  # the survey report is ready
        author.email: 1,  # the reader's question
        reader.email: 1,  # the author's answer
        "cora@example.org": 1,
        "ana@example.org": 1,
        "ben@example.org": 1,
    }
    assert recipients == sorted(email for email, n in expected.items() for _ in range(n))
    assert PrivacyExport.objects.get(user=person).status == ExportStatus.DONE
    assert Report.objects.get(assessment=assessment).status == ImpactReportStatus.DONE
    assert ReportJob.objects.get(survey=survey).status == ReportStatus.DONE
    assert not Notification.objects.filter(status=NotificationStatus.PENDING).exists()

    # later sweeps find nothing left: each email went once
    assert all(n == 0 for n in _sweep(django_capture_on_commit_callbacks, 20).values())
    assert len(mail.outbox) == sum(expected.values())


def test_sweep_is_capped_skips_recent_attempts_and_goes_past_a_failing_row():
    exports = [PrivacyExport.objects.create(user=u) for u in UserFactory.create_batch(4)]
    old = timezone.now() - timedelta(minutes=30)
    PrivacyExport.objects.update(created_at=old)
    PrivacyExport.objects.filter(pk=exports[3].pk).update(last_attempt_at=timezone.now() - timedelta(minutes=1))

    calls = []

    def flaky(task, pk, **kwargs):
        calls.append(pk)
        if pk == exports[0].pk:
            raise RuntimeError("this row is broken")
        return True

    with mock.patch.object(jobs, "enqueue", side_effect=flaky):
        assert jobs.pending_jobs_requeue(cap=2)["privacy exports"] == 1  # the oldest two; the first failed
        assert calls == [exports[0].pk, exports[1].pk]
        calls.clear()
        # both rows are marked as tried: the next sweep takes the third, and never the recent fourth
        assert jobs.pending_jobs_requeue(cap=2)["privacy exports"] == 1
        assert calls == [exports[2].pk]


def test_enqueue_on_commit_logs_and_keeps_the_row_when_the_broker_is_down(
    user, broker_down, django_capture_on_commit_callbacks, caplog
):
    from accounts.tasks import task_build_privacy_export

    export = PrivacyExport.objects.create(user=user)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.enqueue_on_commit(task_build_privacy_export, export.pk)
    assert "Could not queue accounts.build_privacy_export" in caplog.text
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED and export.last_attempt_at is None


def test_a_registration_is_stored_while_the_cache_is_down(api_client, user, caplog):
    """Found by bench/load.py: a Redis restart made the home-block counter raise inside the write."""
    event = EventFactory(capacity=10)
    api_client.force_authenticate(user)
    with mock.patch("siem_portal.home_cache.cache.incr", side_effect=ConnectionError("redis is restarting")):
        response = api_client.post(f"/api/v1/events/{event.slug}/registrations/", {}, format="json")
    assert response.status_code == 201 and response.json()["state"] == "confirmed"
    assert event.registrations.filter(user=user).exists()
    assert "Could not mark the events home block as changed" in caplog.text
