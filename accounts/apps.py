from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from siem_portal.registry import (
            DemoSeeder,
            NotificationKind,
            register_demo,
            register_notification_kind,
            register_privacy,
        )

        from . import demo, privacy

        register_notification_kind(
            NotificationKind("privacy_export_ready", _("Your data download is ready"), mandatory=True)
        )
        register_notification_kind(NotificationKind("account", _("Account and security"), mandatory=True))
        register_privacy(privacy.HANDLER)
        register_demo(DemoSeeder("accounts", demo.seed, order=0))

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
