"""Report jobs (every report or export is a row first) and the audit log of special-category exports."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from siem_portal.storage import private_storage


class ReportFormat(models.TextChoices):
    CSV = "csv", _("CSV (one row per response)")
    XLSX = "xlsx", _("Excel workbook")
    SAV = "sav", _("SPSS (.sav)")
    DTA = "dta", _("Stata (.dta)")
    PDF = "pdf", _("PDF report")
    JSON = "json", _("JSON (aggregated tables)")


# files with one row per response: survey managers only
RECORD_LEVEL_FORMATS = {ReportFormat.CSV, ReportFormat.SAV, ReportFormat.DTA}
AGGREGATE_FORMATS = {ReportFormat.PDF, ReportFormat.JSON, ReportFormat.XLSX}


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportScope(models.TextChoices):
    MANAGER = "manager", _("All responses (survey manager)")
    INSTITUTION = "institution", _("One institution (IRO officer)")


class ReportJob(models.Model):
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_report_jobs",
        verbose_name=_("requester"),
    )
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, related_name="report_jobs")
    scope = models.CharField(max_length=12, choices=ReportScope.choices, default=ReportScope.MANAGER)
    # the institution an IRO officer's report is limited to (null for survey managers)
    institution = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    breakdown = models.CharField(_("breakdown"), max_length=64, blank=True)
    include_special = models.BooleanField(_("include special-category answers"), default=False)
    # the requester's language when they asked: the file's labels and texts are written in it
    language = models.CharField(_("language"), max_length=10, default="en")
    params_key = models.CharField(max_length=64, db_index=True)
    status = models.CharField(_("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    # "survey-reports/<id>.<format>" on the private storage
    file = models.FileField(storage=private_storage, upload_to="survey-reports/", max_length=300, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # when the sweep last queued this row again (siem_portal.jobs)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        indexes = [models.Index(fields=["requester", "params_key", "status"])]

    def __str__(self):
        return f"{self.survey_id}.{self.format} #{self.pk}"

    @property
    def is_final(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def filename(self) -> str:
        stamp = (self.finished_at or self.created_at).strftime("%Y%m%d-%H%M")
        return f"{self.survey.slug}-{stamp}.{self.format}"


class SpecialCategoryExport(models.Model):
    """Audit log: a survey manager exported record-level special-category answers."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    actor_email = models.EmailField(blank=True)
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, related_name="+")
    job = models.ForeignKey(ReportJob, null=True, on_delete=models.SET_NULL, related_name="audit_entries")
    format = models.CharField(max_length=5, choices=ReportFormat.choices)
    questions = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("special-category export")
        verbose_name_plural = _("special-category exports")

    def __str__(self):
        return f"{self.actor_email} {self.survey_id} {self.format}"
