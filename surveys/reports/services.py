"""Report jobs: requested by a POST, built by a Celery task, expired after 7 days."""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.services import notification_create
from siem_portal.exceptions import ApplicationError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit
from siem_portal.storage import STORAGE_ERRORS, file_save, private_storage

from ..models import Survey
from .aggregation import Filters, check_protected_query, filters_validate, survey_results
from .models import (
    RECORD_LEVEL_FORMATS,
    ReportFormat,
    ReportJob,
    ReportScope,
    ReportStatus,
    SpecialCategoryExport,
)
from .records import columns_for, questions_for_export, record_rows, special_questions

logger = logging.getLogger(__name__)
KEEP_FOR = timedelta(days=7)


def params_key(
    *,
    survey: Survey,
    scope: str,
    institution_id,
    fmt: str,
    filters: dict,
    breakdown: str,
    special: bool,
    language: str = "en",
):
    raw = json.dumps(
        [survey.pk, survey.version, scope, institution_id, fmt, filters, breakdown or "", special, language],
        sort_keys=True,
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def report_job_request(
    *,
    requester,
    survey: Survey,
    fmt: str,
    filters: dict | None = None,
    breakdown: str | None = None,
    include_special: bool = False,
    institution=None,
    language: str | None = None,
) -> tuple[ReportJob, bool]:
    """Store a job and queue it; the same parameters asked again while one is queued or running
    give that job back (``created`` is False). ``institution`` limits an IRO officer's report, who
    may only ask for aggregate formats (the caller has checked who may ask for what). The file is
    written in ``language``, by default the language of the request (the requester's preference
    when they are signed in)."""
    language = _report_language(language, requester)
    if fmt not in ReportFormat.values:
        raise ApplicationError(_("Unknown format."), errors={"format": [_("Choose csv, xlsx, sav, dta, pdf or json.")]})
    parsed = Filters.from_dict(filters)
    errors = filters_validate(survey=survey, filters=parsed, breakdown=breakdown)
    if errors:
        raise ApplicationError(_("The report cannot be built with these settings."), errors=errors)
    scope = ReportScope.INSTITUTION if institution is not None else ReportScope.MANAGER
    if scope == ReportScope.INSTITUTION and fmt in RECORD_LEVEL_FORMATS:
        raise ApplicationError(_("Record-level files are for survey managers only."))
    if scope == ReportScope.INSTITUTION:
        # the file gives the same protected figures as the page: refused before anything is stored
        check_protected_query(survey=survey, filters=parsed, institution_ids=[institution.pk], breakdown=breakdown)
    special = bool(include_special) and scope == ReportScope.MANAGER and fmt in (*RECORD_LEVEL_FORMATS, "xlsx")
    key = params_key(
        survey=survey,
        scope=scope,
        institution_id=institution.pk if institution else None,
        fmt=fmt,
        filters=parsed.to_dict(),
        breakdown=breakdown or "",
        special=special,
        language=language,
    )
    with transaction.atomic():
        existing = (
            ReportJob.objects.select_for_update()
            .filter(requester=requester, params_key=key, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])
            .first()
        )
        if existing:
            return existing, False
        job = ReportJob(
            requester=requester,
            survey=survey,
            scope=scope,
            institution=institution,
            format=fmt,
            filters=parsed.to_dict(),
            breakdown=breakdown or "",
            include_special=special,
            params_key=key,
            language=language,
        )
        full_clean_or_raise(job)
        job.save()
        if special:
            SpecialCategoryExport.objects.create(
                actor=requester,
                actor_email=requester.email,
                survey=survey,
                job=job,
                format=fmt,
                questions=special_questions(survey),
            )
        from .tasks import task_build_report

        enqueue_on_commit(task_build_report, job.pk)
    return job, True


def _report_language(language: str | None, requester) -> str:
    codes = dict(settings.LANGUAGES)
    for candidate in (language, translation.get_language(), getattr(requester, "preferred_language", None)):
        if candidate and candidate[:2] in codes:
            return candidate[:2]
    return settings.LANGUAGE_CODE


def report_file_name(job: ReportJob) -> str:
    """The job's name on the private storage."""
    return f"survey-reports/{job.pk}.{job.format}"


def _progress_saver(job: ReportJob, total: int):
    def save(done: int) -> None:
        percent = min(95, 10 + int(85 * done / max(total, 1)))
        ReportJob.objects.filter(pk=job.pk, progress__lt=percent).update(progress=percent)

    return save


def report_build_file(job: ReportJob, path: Path) -> None:
    """Write the job's file at ``path``: aggregate files from the suppressed results, record-level
    files from two ordered streams."""
    from .exports.csv import write_csv
    from .exports.json import write_json
    from .exports.pdf import write_pdf
    from .exports.spss import write_dta, write_sav
    from .exports.xlsx import write_xlsx

    survey = job.survey
    filters = Filters.from_dict(job.filters)
    manager = job.scope == ReportScope.MANAGER
    institution_ids = None if manager else [job.institution_id]
    language = job.language
    columns = columns_for(questions_for_export(survey, include_special=job.include_special), language)

    def results():
        return survey_results(
            survey=survey,
            filters=filters,
            institution_ids=institution_ids,
            breakdown=job.breakdown or None,
            # free-text answers stay on the managers' results page: files carry tables and codes
            language=language,
        )

    def rows():
        from .aggregation import responses_queryset

        total = responses_queryset(survey=survey, filters=filters, institution_ids=institution_ids).count()
        return record_rows(
            survey=survey,
            language=language,
            filters=filters,
            columns=columns,
            institution_ids=institution_ids,
            progress=_progress_saver(job, total),
        )

    if job.format == ReportFormat.CSV:
        write_csv(path, columns=columns, rows=rows())
    elif job.format == ReportFormat.SAV:
        write_sav(path, columns=columns, rows=rows())
    elif job.format == ReportFormat.DTA:
        write_dta(path, columns=columns, rows=rows())
    elif job.format == ReportFormat.JSON:
        write_json(path, results=results())
    elif job.format == ReportFormat.PDF:
        scope_label = _("All responses") if manager else job.institution.name
        write_pdf(path, results=results(), scope_label=scope_label)
    else:
        write_xlsx(path, results=results(), columns=columns, rows=rows() if manager else None)


def report_build(*, job_id: int) -> None:
    """Build one job's file; idempotent: a finished job is left as it is, and the file is written
    to a temporary name and moved into place, so a second run (or a run after a worker died
    half-way) leaves exactly one file."""
    with transaction.atomic():
        job = (
            ReportJob.objects.select_for_update(of=("self",))
            .select_related("survey", "institution", "requester")
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.is_final:
            return
        job.status = ReportStatus.RUNNING
        job.progress = max(job.progress, 5)
        job.save(update_fields=["status", "progress"])
    # built in a local temporary folder, then stored in one step (a rename on the local disk, an
    # upload on S3): nobody reads half a file, and a second run replaces the first one's file
    with tempfile.TemporaryDirectory(prefix="siem-report-") as folder:
        tmp = Path(folder) / f"{job.pk}.{job.format}.part"
        try:
            with translation.override(job.language):
                report_build_file(job, tmp)
            size = tmp.stat().st_size
            name = file_save(private_storage(), report_file_name(job), tmp)
        except STORAGE_ERRORS:
            # a full or unavailable disk (or bucket) may pass: back to queued, the task retries with backoff
            ReportJob.objects.filter(pk=job.pk).update(status=ReportStatus.QUEUED)
            raise
        except Exception as exc:
            # a building bug will not pass by retrying: the row says so, the person can ask again
            logger.exception("Survey report %s failed", job.pk)
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
            )
            return
    now = timezone.now()
    with transaction.atomic():
        updated = (
            ReportJob.objects.filter(pk=job.pk)
            .exclude(status=ReportStatus.DONE)
            .update(
                status=ReportStatus.DONE,
                progress=100,
                file=name,
                size=size,
                finished_at=now,
                expires_at=now + KEEP_FOR,
            )
        )
        if updated:
            notification_create(
                recipient=job.requester,
                kind="surveys_report_ready",
                template="surveys/reports/report_ready",
                context={"survey": job.survey, "job": job},
                link=reverse("survey_reports:job", args=[job.pk]),
            )


def reports_expire(*, now=None) -> int:
    """Delete the files of jobs past their expiry date (7 days after they were built) and the rows."""
    now = now or timezone.now()
    expired = list(ReportJob.objects.filter(expires_at__lte=now))
    for job in expired:
        if job.file:
            job.file.delete(save=False)
    ReportJob.objects.filter(pk__in=[j.pk for j in expired]).delete()
    return len(expired)
