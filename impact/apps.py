from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Impact self-assessment")

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

        from . import demo, privacy, rules, selectors  # noqa: F401 (rules registers the permissions)

        register_nav(NavItem(_("Impact"), "impact:index", order=30))
        register_dashboard_link(
            DashboardLink(
                _("My assessments"),
                "impact:index",
                description=_("Impact self-assessments of your organisation and your own before/after mobility."),
                order=30,
            )
        )
        register_manage_link(
            DashboardLink(
                _("Impact frameworks"),
                "impact:manage-frameworks",
                description=_("Self-assessment frameworks, their versions and publication."),
                order=30,
                visible=lambda u: u.has_perm("impact.manage_frameworks"),
            )
        )
        register_notification_kind(NotificationKind("impact_invitation", _("Invitations to rate an impact assessment")))
        register_notification_kind(NotificationKind("impact_results", _("Results of an impact assessment are ready")))
        register_notification_kind(NotificationKind("impact_report_ready", _("An impact PDF report is ready")))
        register_home_section(HomeSection("impact", "impact/_home.html", context=selectors.home_context, order=40))
        register_privacy(privacy.HANDLER)
        register_processing(*privacy.ACTIVITIES)
        register_demo(DemoSeeder("impact", demo.seed, order=50))

        from siem_portal.registry import PendingJobKind, register_pending_job

        from .enums import ReportStatus

        register_pending_job(
            PendingJobKind("impact reports", "impact.Report", {"status": ReportStatus.QUEUED}, "impact.build_report")
        )
