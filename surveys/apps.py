from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from siem_portal.registry import (
            DashboardLink,
            DemoSeeder,
            HomeSection,
            NavItem,
            NotificationKind,
            register_dashboard_link,
            register_demo,
            register_home_section,
            register_manage_link,
            register_nav,
            register_notification_kind,
            register_privacy,
            register_processing,
        )

        from . import demo, privacy, selectors

        register_nav(NavItem(_("Surveys"), "surveys:list", order=20))
        register_dashboard_link(
            DashboardLink(_("My surveys"), "surveys:mine", _("What you answered, and drafts to finish."), order=20)
        )
        register_manage_link(
            DashboardLink(
                _("Surveys"),
                "surveys:manage-list",
                _("Build surveys, import XLSForms, invite respondents."),
                order=20,
                visible=lambda u: u.has_perm("surveys.manage_surveys"),
            )
        )
        register_notification_kind(NotificationKind("surveys_invitation", _("Survey invitations and reminders")))
        register_privacy(privacy.HANDLER)
        register_processing(*privacy.ACTIVITIES)
        register_demo(DemoSeeder("surveys", demo.seed, order=20))
        register_home_section(HomeSection("surveys", "surveys/_home.html", context=selectors.home_context, order=20))
        from .reports.registration import register_reports

        register_reports(self)

        from siem_portal.registry import PendingJobKind, register_pending_job

        from .enums import InvitationStatus
        from .reports.models import ReportStatus

        register_pending_job(
            PendingJobKind(
                "survey invitations",
                "surveys.Invitation",
                {"status": InvitationStatus.PENDING},
                "surveys.send_invitation",
            )
        )
        register_pending_job(
            PendingJobKind(
                "survey reports", "surveys.ReportJob", {"status": ReportStatus.QUEUED}, "surveys.build_report"
            )
        )
