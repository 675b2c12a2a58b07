from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from siem_portal.registry import (
            DashboardLink,
            DemoSeeder,
            NotificationKind,
            register_dashboard_link,
            register_demo,
            register_manage_link,
            register_notification_kind,
            register_privacy,
            register_processing,
        )

        from . import demo, privacy, signals  # noqa: F401 (signals connects the receivers)

        register_notification_kind(
            NotificationKind("privacy_export_ready", _("Your data download is ready"), mandatory=True)
        )
        register_notification_kind(NotificationKind("account", _("Account and security"), mandatory=True))
        register_privacy(privacy.HANDLER)
        register_processing(*privacy.ACTIVITIES)
        register_dashboard_link(
            DashboardLink(
                _("API tokens"),
                "accounts:api-tokens",
                _("The tokens programs use to reach the portal's API for you: see when each was last used, revoke it."),
                order=90,
            )
        )
        register_demo(DemoSeeder("accounts", demo.seed, order=0))
        register_manage_link(
            DashboardLink(
                _("Record of processing activities"),
                "processing-record-page",
                description=_("Every processing of personal data, its legal basis and retention, as CSV or XLSX."),
                order=90,
                visible=lambda user: user.has_perm("accounts.view_processing_record"),
            )
        )

        from siem_portal.registry import PendingJobKind, register_pending_job

        from .enums import ExportStatus, NotificationStatus

        register_pending_job(
            PendingJobKind(
                "notifications",
                "accounts.Notification",
                {"status": NotificationStatus.PENDING},
                "accounts.send_notification",
            )
        )
        register_pending_job(
            PendingJobKind(
                "privacy exports",
                "accounts.PrivacyExport",
                {"status": ExportStatus.QUEUED},
                "accounts.build_privacy_export",
            )
        )
