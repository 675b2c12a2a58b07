"""Report jobs: dedupe, idempotent build, notification, expiry, downloads only for the right people."""

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from surveys.reports import services
from surveys.reports.models import ReportJob, ReportStatus
from surveys.reports.services import report_build, report_job_request, reports_expire

pytestmark = pytest.mark.django_db


def _files():
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "survey-reports"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_same_parameters_while_queued_return_the_same_job(survey, survey_manager):
    first, created = report_job_request(requester=survey_manager, survey=survey, fmt="csv", filters={"language": "fr"})
    again, created_again = report_job_request(
        requester=survey_manager, survey=survey, fmt="csv", filters={"language": "fr"}
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    other, created_other = report_job_request(requester=survey_manager, survey=survey, fmt="csv")
    assert created_other and other.pk != first.pk
    assert ReportJob.objects.count() == 2


def test_build_twice_leaves_one_file_and_one_notification(survey, survey_manager):
    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    # a worker died half-way: the row says running and a stale file of that name lies around (files
    # are built in a local temporary folder, so only a finished file is ever stored)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.RUNNING, progress=40)
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "survey-reports"
    folder.mkdir(parents=True)
    (folder / f"{job.pk}.json").write_text("{half")
    report_build(job_id=job.pk)  # the redelivered task
    report_build(job_id=job.pk)  # and a duplicate
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE
    assert job.progress == 100
    assert _files() == [f"{job.pk}.json"]
    assert job.size == Path(job.file.path).stat().st_size
    assert "title" in json.loads(Path(job.file.path).read_text())  # the stale file was replaced
    assert job.expires_at - job.finished_at == datetime.timedelta(days=7)
    assert Notification.objects.filter(recipient=survey_manager, kind="surveys_report_ready").count() == 1


def test_ready_notification_is_emailed(survey, survey_manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    assert [m.to for m in mail.outbox] == [[survey_manager.email]]
    assert mail.outbox[0].subject == "Survey report ready: Test survey"
    assert reverse("survey_reports:job", args=[job.pk]) in mail.outbox[0].body


def test_failed_build_is_marked(survey, survey_manager, monkeypatch):
    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "report_build_file", broken)
    report_build(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == (ReportStatus.FAILED, "boom")
    assert _files() == []


def test_expiry_deletes_files_after_seven_days(survey, survey_manager):
    old, _c = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    new, _c = report_job_request(requester=survey_manager, survey=survey, fmt="csv")
    report_build(job_id=old.pk)
    report_build(job_id=new.pk)
    ReportJob.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert reports_expire() == 1
    assert _files() == [f"{new.pk}.csv"]
    assert list(ReportJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert reports_expire(now=timezone.now() + datetime.timedelta(days=7, minutes=1)) == 1
    assert _files() == []


def test_beat_schedules_report_expiry_and_requeue(settings):
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["surveys.expire_reports"] == 86400.0
    assert tasks["siem_portal.requeue_pending_jobs"] == 60.0


def _built(user, survey, fmt="json", **kwargs):
    job, _created = report_job_request(requester=user, survey=survey, fmt=fmt, **kwargs)
    report_build(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_download_for_requester_and_survey_managers_only(survey, officer_a, officer_b, uni_a, survey_manager, client):
    job = _built(officer_a, survey, institution=uni_a)
    url = reverse("survey_reports:job-download", args=[job.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(officer_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("survey_reports:job", args=[job.pk])).status_code == 404
    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"{")
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(survey_manager)
    assert client.get(url).status_code == 200


def test_job_page_polls_until_done(survey, survey_manager, client):
    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    client.force_login(survey_manager)
    page = client.get(reverse("survey_reports:job", args=[job.pk]))
    assert page.status_code == 200
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "<script" not in page.content.decode().split("<main", 1)[-1]
    report_build(job_id=job.pk)
    partial = client.get(reverse("survey_reports:job", args=[job.pk]), headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert "hx-trigger" not in html
    assert 'value="100"' in html
    assert reverse("survey_reports:job-download", args=[job.pk]) in html


def test_job_page_says_a_notification_will_follow_only_while_the_file_is_being_built(survey, survey_manager, client):
    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    client.force_login(survey_manager)
    url = reverse("survey_reports:job", args=[job.pk])
    html = client.get(url).content.decode()
    assert "You will also get a notification when the file is ready." in html
    assert 'aria-busy="true"' in html and "0 %" in html
    # the live region is outside the part htmx replaces, so that screen readers keep hearing it
    assert html.index('aria-live="polite"') < html.index('id="job-status"')
    report_build(job_id=job.pk)
    for response in (client.get(url), client.get(url, headers={"HX-Request": "true"})):
        html = response.content.decode()
        assert "You will also get a notification" not in html
        assert 'aria-busy="true"' not in html
        assert "100 %" in html


def test_job_page_dates_in_the_persons_language(survey, survey_manager, client):
    survey_manager.preferred_language = "fr"
    survey_manager.save(update_fields=["preferred_language"])
    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    report_build(job_id=job.pk)
    job.refresh_from_db()
    ReportJob.objects.filter(pk=job.pk).update(expires_at=datetime.datetime(2026, 12, 24, 15, 30, tzinfo=datetime.UTC))
    client.force_login(survey_manager)
    html = client.get(reverse("survey_reports:job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    # Europe/Brussels time, French short date format
    assert "Conservé jusqu’au 24/12/2026 16:30." in html or "Conservé jusqu'au 24/12/2026 16:30." in html


def test_privacy_erase_removes_jobs_and_files_but_keeps_the_audit(survey, survey_manager):
    from surveys.reports.models import SpecialCategoryExport
    from surveys.reports.privacy import HANDLER

    job = _built(survey_manager, survey, fmt="csv", include_special=True)
    exported = HANDLER.export(survey_manager)
    assert exported["report_jobs"][0]["format"] == "csv"
    HANDLER.erase(survey_manager)
    assert ReportJob.objects.count() == 0
    assert not Path(job.file.path).exists()
    assert SpecialCategoryExport.objects.get().actor is None
