"""iCalendar files for an event, its agenda and a person's starred sessions (icalendar library).

Every file is RFC 5545 clean: each TZID used has its VTIMEZONE (section 3.2.19), and a calendar always
has a component (section 3.6): an agenda with no session yet carries the event's time zone.
"""

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Timezone
from icalendar import Event as ICalEvent

from .models import AgendaSession, Event


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//SIEM//Erasmus Impact Portal//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal


def _finish(cal: Calendar, tzid: str) -> bytes:
    cal.add_missing_timezones()
    if not cal.subcomponents:
        cal.add_component(Timezone.from_tzid(tzid))
    return cal.to_ical()


def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def _host() -> str:
    return _site().split("://", 1)[-1].split("/")[0].split(":")[0] or "siem"


def _location(event: Event) -> str:
    return ", ".join(p for p in (event.venue_name, event.address) if p)


def event_ical(event: Event) -> bytes:
    cal = _calendar(event.title)
    item = ICalEvent()
    item.add("uid", f"event-{event.pk}@{_host()}")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(event.tz))
    item.add("dtend", event.ends_at.astimezone(event.tz))
    item.add("dtstamp", event.updated_at)
    item.add("url", _site() + event.get_absolute_url())
    if event.summary:
        item.add("description", event.summary)
    location = _location(event)
    if location:
        item.add("location", location)
    if event.status == "cancelled":
        item.add("status", "CANCELLED")
    cal.add_component(item)
    return _finish(cal, str(event.tz))


def sessions_ical(name: str, sessions: Iterable[AgendaSession], *, tzid: str | None = None) -> bytes:
    """``tzid``: the time zone an empty calendar carries (the event's; the portal's by default)."""
    cal = _calendar(name)
    for session in sessions:
        event = session.event
        item = ICalEvent()
        item.add("uid", f"session-{session.pk}@{_host()}")
        item.add("summary", session.title)
        item.add("dtstart", session.starts_at.astimezone(event.tz))
        item.add("dtend", session.ends_at.astimezone(event.tz))
        item.add("dtstamp", event.updated_at)
        item.add("categories", [session.get_kind_display()])
        description = "\n".join(p for p in (session.presenters, session.description) if p)
        if description:
            item.add("description", description)
        location = ", ".join(p for p in ((session.room.name if session.room else ""), event.venue_name) if p)
        if location:
            item.add("location", location)
        item.add("url", _site() + event.get_absolute_url() + "agenda/")
        cal.add_component(item)
    return _finish(cal, tzid or settings.TIME_ZONE)
