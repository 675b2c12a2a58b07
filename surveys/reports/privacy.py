"""What the reports hold on a person: the report jobs they asked for (files included) and the audit
log entries of their special-category exports (kept, with the person's link removed)."""

from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .models import ReportJob, SpecialCategoryExport


def export_reports(user) -> dict:
    return {
        "report_jobs": [
            {
                "survey": job.survey.title,
                "format": job.format,
                "filters": job.filters,
                "breakdown": job.breakdown,
                "status": job.status,
                "created_at": job.created_at.isoformat(),
            }
            for job in ReportJob.objects.filter(requester=user).select_related("survey")
        ],
        "special_category_exports": [
            {"survey_id": e.survey_id, "format": e.format, "created_at": e.created_at.isoformat()}
            for e in SpecialCategoryExport.objects.filter(actor=user)
        ],
    }


def erase_reports(user) -> None:
    for job in ReportJob.objects.filter(requester=user):
        if job.file:
            job.file.delete(save=False)
    ReportJob.objects.filter(requester=user).delete()
    # the audit trail stays (who exported special-category data is the controller's record), unlinked
    SpecialCategoryExport.objects.filter(actor=user).update(actor=None)


HANDLER = PrivacyHandler(
    "Survey reports", models=(ReportJob, SpecialCategoryExport), export=export_reports, erase=erase_reports
)

ACTIVITIES = (
    ProcessingActivity(
        code="survey_reports",
        name=_("Survey reports and exports"),
        purpose=_(
            "Build the report files that survey managers and IRO officers ask for, and keep a log of every "
            "record-level export."
        ),
        legal_basis=_(
            "Legitimate interest of the project in giving its partners the results of its research (GDPR Art. 6(1)(f))."
        ),
        data_subjects=_("Survey managers and IRO officers who ask for a report."),
        data_categories=_("Who asked for which report and when; the log of special-category exports."),
        retention=_("Report files are deleted after seven days; the export log is kept for accountability."),
        recipients=_("The person who asked for the report, and survey managers."),
        models=HANDLER.models,
        order=22,
    ),
)
