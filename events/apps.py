from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

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

        from . import demo, privacy, rules, selectors, selectors_cfp, signals  # noqa: F401 (rules registers the permissions)

        register_nav(NavItem(_("Events"), "events:list", order=40))
        register_nav(
            NavItem(
                _("Proposals to review"),
                "events:my-reviews",
                order=45,
                visible=selectors_cfp.is_reviewer,
                badge=lambda user: selectors_cfp.proposals_to_review_count(user=user),
            )
        )
        register_dashboard_link(
            DashboardLink(
                _("Proposals to review"),
                "events:my-reviews",
                _("The session proposals of the events you review, and how many wait for your scores."),
                order=41,
                visible=selectors_cfp.is_reviewer,
            )
        )
        register_dashboard_link(
            DashboardLink(
                _("My event registrations"),
                "events:mine",
                _("Your registrations, seat offers and tickets; cancel if you cannot come."),
                order=40,
            )
        )
        register_manage_link(
            DashboardLink(
                _("Events"),
                "events:manage-list",
                _("Registrations, waiting lists, exports, check-in and agendas of the events you organise."),
                order=40,
                visible=lambda u: u.has_perm("events.manage_events"),
            )
        )
        register_notification_kind(
            NotificationKind("events_registration", _("My event registrations (confirmations, offers)"), mandatory=True)
        )
        register_notification_kind(
            NotificationKind("events_update", _("Changes to events I registered for"), mandatory=True)
        )
        register_notification_kind(
            NotificationKind("events_proposal", _("My proposals (received, decisions, confirmation)"), mandatory=True)
        )
        register_notification_kind(
            NotificationKind("events_organiser", _("Events I organise (proposals withdrawn by their presenters)"))
        )
        register_notification_kind(NotificationKind("events_review", _("Proposals given to me to review")))
        register_notification_kind(NotificationKind("events_reminder", _("Reminders before an event")))
        register_notification_kind(NotificationKind("events_message", _("Messages from event organisers")))
        register_privacy(privacy.HANDLER)
        register_processing(*privacy.ACTIVITIES)
        register_demo(DemoSeeder("events", demo.seed, order=40))
        register_home_section(HomeSection("events", "events/_home.html", context=selectors.home_context, order=30))
