"""What the events app holds on a person: registrations, starred sessions, the agenda feed."""

from siem_portal.registry import PrivacyHandler

from .models import AgendaFeed, Event, Registration, Star


def export_events(user) -> dict:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "state": r.state,
                "registered_at": r.created_at.isoformat(),
                "answers": r.answers,
                "accessibility_needs": r.accessibility_needs,
                "dietary_requirements": r.dietary_requirements,
                "pronouns": r.pronouns,
                "support_requested": r.support_requested,
                "support_reason": r.support_reason,
                "attendee_list_consent": r.attendee_list_consent,
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "starred_sessions": [
            {"event": s.session.event.title, "session": s.session.title}
            for s in Star.objects.filter(user=user).select_related("session__event")
        ],
        "organised_events": list(Event.objects.filter(organisers=user).values_list("title", flat=True)),
        "has_agenda_feed": AgendaFeed.objects.filter(user=user).exists(),
    }


def erase_events(user) -> None:
    # Registrations, stars and the feed go; the events they organised stay for the other organisers.
    Registration.objects.filter(user=user).delete()
    Star.objects.filter(user=user).delete()
    AgendaFeed.objects.filter(user=user).delete()
    for event in Event.objects.filter(organisers=user):
        event.organisers.remove(user)


HANDLER = PrivacyHandler(
    label="events",
    models=(Registration, Star, AgendaFeed, Event),
    export=export_events,
    erase=erase_events,
)
