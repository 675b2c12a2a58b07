"""What the reports add to the portal, called from ``SurveysConfig.ready()``."""

from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def register_reports(app_config) -> None:
    from accounts.rules import is_iro_officer
    from siem_portal.registry import (
        DashboardLink,
        NavItem,
        NotificationKind,
        register_dashboard_link,
        register_manage_link,
        register_nav,
        register_notification_kind,
        register_privacy,
    )

    from . import privacy, tasks  # noqa: F401 (tasks registers the Celery tasks)

    register_notification_kind(NotificationKind("surveys_report_ready", _("Survey reports ready to download")))
    register_privacy(privacy.HANDLER)
    register_nav(
        NavItem(
            _("IRO reports"),
            "survey_reports:iro-index",
            order=25,
            visible=is_iro_officer,
        )
    )
    register_dashboard_link(
        DashboardLink(
            _("IRO reports"),
            "survey_reports:iro-index",
            _("Survey results for your institution, and reports to download."),
            order=21,
            visible=is_iro_officer,
        )
    )
    register_manage_link(
        DashboardLink(
            _("Survey results"),
            "survey_reports:manager-index",
            _("Tables, charts, breakdowns and exports of every survey."),
            order=21,
            visible=lambda u: u.has_perm("surveys.manage_surveys"),
        )
    )
    post_migrate.connect(schedule_expiry, sender=app_config)


def schedule_expiry(sender, **kwargs):
    """The daily deletion of report files older than 7 days, and the five-minute re-queue of jobs a
    broker outage left queued (django-celery-beat's database scheduler; idempotent)."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_day, _created = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.DAYS)
    every_5, _created = IntervalSchedule.objects.get_or_create(every=5, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.get_or_create(
        name="surveys.expire_reports", defaults={"task": "surveys.expire_reports", "interval": every_day}
    )
    PeriodicTask.objects.get_or_create(
        name="surveys.requeue_reports", defaults={"task": "surveys.requeue_reports", "interval": every_5}
    )
