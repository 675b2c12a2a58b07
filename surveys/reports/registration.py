"""What the reports add to the portal, called from ``SurveysConfig.ready()``."""

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
        register_processing,
    )

    from . import privacy, tasks  # noqa: F401 (tasks registers the Celery tasks)

    register_notification_kind(NotificationKind("surveys_report_ready", _("Survey reports ready to download")))
    register_privacy(privacy.HANDLER)
    register_processing(*privacy.ACTIVITIES)
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
