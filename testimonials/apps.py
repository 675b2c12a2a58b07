from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    verbose_name = _("Stories")

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

        register_nav(NavItem(_("Stories"), "testimonials:list", order=30))
        register_dashboard_link(
            DashboardLink(
                _("My stories"),
                "testimonials:mine",
                description=_("Write your mobility story, follow its review, answer readers' questions."),
                order=30,
            )
        )
        register_manage_link(
            DashboardLink(
                _("Stories to review"),
                "testimonials:manage",
                description=_("Submitted stories, edits of published ones and readers' reports."),
                order=30,
                visible=lambda u: u.has_perm("testimonials.moderate_story"),
            )
        )
        register_notification_kind(NotificationKind("stories_decision", _("Decisions on my stories")))
        register_notification_kind(NotificationKind("stories_review", _("Stories waiting for moderation")))
        register_privacy(privacy.HANDLER)
        register_processing(*privacy.ACTIVITIES)
        register_demo(DemoSeeder("testimonials", demo.seed, order=30))
        register_home_section(HomeSection("testimonials", "testimonials/_home.html", selectors.home_context, order=30))

        from siem_portal.registry import PendingJobKind, register_pending_job

        from .enums import MessageStatus

        register_pending_job(
            PendingJobKind(
                "story questions",
                "testimonials.AuthorQuestion",
                {"status": MessageStatus.PENDING},
                "testimonials.relay_question",
            )
        )
        register_pending_job(
            PendingJobKind(
                "story answers",
                "testimonials.AuthorQuestion",
                {"reply_status": MessageStatus.PENDING},
                "testimonials.relay_answer",
                since="replied_at",
            )
        )
