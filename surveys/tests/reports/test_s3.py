"""Survey report files on a real S3 API (moto_server started by .ci/run): a report built by the task
is stored in the bucket, its owner is redirected to a short-lived signed URL that works, nobody
else gets it, and expiry removes the object."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from siem_portal.tests.s3 import fetch
from surveys.reports.models import ReportJob, ReportStatus
from surveys.reports.services import report_job_request, reports_expire

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def test_a_report_built_on_s3_is_downloaded_by_its_owner_only(
    survey, officer_a, officer_b, uni_a, client, settings, s3_private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the Celery task runs (eagerly) after commit
        job, _created = report_job_request(requester=officer_a, survey=survey, fmt="pdf", institution=uni_a)
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE
    assert job.file.name == f"survey-reports/{job.pk}.pdf"
    assert s3_private_storage.exists(job.file.name)
    assert s3_private_storage.size(job.file.name) == job.size > 0
    assert not (settings.PRIVATE_MEDIA_ROOT / "survey-reports").exists()  # nothing on the local disk

    url = reverse("survey_reports:job-download", args=[job.pk])
    client.force_login(officer_b)
    assert client.get(url).status_code == 404  # another IRO officer: as if the job did not exist
    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    signed = response["Location"]
    assert signed.startswith(settings.STORAGES["private"]["OPTIONS"]["endpoint_url"])
    query = parse_qs(urlsplit(signed).query)
    assert query["X-Amz-Expires"] == [str(settings.PRIVATE_MEDIA_URL_SECONDS)]
    status, body, headers = fetch(signed)
    assert status == 200
    assert body.startswith(b"%PDF")
    assert len(body) == job.size
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"] == f'attachment; filename="{job.filename}"'
    unsigned = fetch(signed.split("?")[0])  # the object itself is not public
    assert unsigned[0] == 403 and not unsigned[1].startswith(b"%PDF")

    ReportJob.objects.filter(pk=job.pk).update(expires_at=job.finished_at)
    assert reports_expire() == 1
    assert not s3_private_storage.exists(job.file.name)
    gone = fetch(signed)
    assert gone[0] in (403, 404) and not gone[1].startswith(b"%PDF")


def test_a_report_job_run_twice_on_s3_leaves_one_object(survey, survey_manager, s3_private_storage):
    from surveys.reports.services import report_build

    job, _created = report_job_request(requester=survey_manager, survey=survey, fmt="json")
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.RUNNING)
    report_build(job_id=job.pk)
    ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.RUNNING)  # redelivered after a crash
    report_build(job_id=job.pk)
    assert s3_private_storage.listdir("survey-reports") == ([], [f"{job.pk}.json"])
