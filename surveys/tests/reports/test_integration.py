"""A report built by a real Celery worker through a real broker, and a worker process killed in the
middle of a job: the job is delivered again and finishes with exactly one file."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from accounts.tests.factories import InstitutionFactory, UserFactory
from siem_portal.celery import app as celery_app
from siem_portal.tests.test_integration import _database_url_for_worker
from surveys.demo import add_synthetic_responses, load_siem_surveys
from surveys.models import Survey
from surveys.reports.models import ReportJob, ReportStatus
from surveys.reports.services import report_job_request

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]


def _start_worker(pool: str) -> subprocess.Popen:
    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "siem_portal.settings.test",
        "DATABASE_URL": _database_url_for_worker(),
        # the worker writes into this test's folders, where the test (and its storage) reads
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
    }
    args = [sys.executable, "-m", "celery", "-A", "siem_portal", "worker", "--loglevel=INFO", "--without-gossip"]
    args += ["--pool=solo"] if pool == "solo" else ["--pool=prefork", "--concurrency=1"]
    log = open(os.environ.get("REPORTS_WORKER_LOG", os.devnull), "a")  # noqa: SIM115 (the worker owns it)
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def real_broker():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.fixture
def student_survey():
    InstitutionFactory(name="Université Libre Demo", slug="universite-libre-demo")
    load_siem_surveys()
    survey = Survey.objects.get(slug="siem-student-survey")
    add_synthetic_responses(survey=survey, count=600)
    return survey


@pytest.fixture
def manager():
    from django.contrib.auth.models import Group

    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name="survey_manager")[0])
    return user


def _files_of(job: ReportJob) -> list[str]:
    folder = Path(job.file.path).parent
    return sorted(p.name for p in folder.iterdir() if p.name.split(".")[0] == str(job.pk))


def test_report_built_by_a_real_worker(real_broker, student_survey, manager):
    worker = _start_worker("solo")
    try:
        job, _created = report_job_request(requester=manager, survey=student_survey, fmt="csv")
        assert _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == ReportStatus.DONE)
    finally:
        _stop(worker)
    job.refresh_from_db()
    lines = Path(job.file.path).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 600  # one header row of codes, then a row per response
    assert _files_of(job) == [f"{job.pk}.csv"]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(x) for x in path.read_text().split()] if path.exists() else []


def test_worker_killed_during_a_job_finishes_it_with_one_file(real_broker, student_survey, manager):
    requester = manager
    worker = _start_worker("prefork")
    try:
        assert _wait_for(lambda: _children(worker.pid), timeout=60), "the worker started no pool process"
        job, _created = report_job_request(
            requester=requester, survey=student_survey, fmt="pdf", breakdown="first_generation"
        )
        assert _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == ReportStatus.RUNNING)
        time.sleep(0.5)  # in the middle of the PDF
        assert ReportJob.objects.get(pk=job.pk).status == ReportStatus.RUNNING
        for child in _children(worker.pid):
            os.kill(child, signal.SIGKILL)
        # the pool starts a new process; the message, acknowledged only after the task, comes back
        assert _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == ReportStatus.DONE, timeout=180)
    finally:
        _stop(worker)
    job.refresh_from_db()
    assert _files_of(job) == [f"{job.pk}.pdf"]
    assert Path(job.file.path).read_bytes().startswith(b"%PDF")
    assert ReportJob.objects.count() == 1
