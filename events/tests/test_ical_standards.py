"""Every .ics the portal gives out, read by independent parsers (vobject and ics) and checked against
RFC 5545: a VTIMEZONE for each TZID used (3.2.19) and at least one component (3.6)."""

import ics
import pytest
import vobject
from django.urls import reverse
from icalendar import Calendar

from events.models import AgendaFeed

from .factories import EventFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _tzids_used(cal: Calendar) -> set:
    used = set()
    for component in cal.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            tzid = component[name].params.get("TZID")
            if tzid:
                used.add(tzid)
    return used


def _check(content: bytes, *, events: int) -> Calendar:
    cal = Calendar.from_ical(content)
    assert cal.subcomponents, "RFC 5545 3.6: a calendar has at least one component"
    declared = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert _tzids_used(cal) <= declared, "RFC 5545 3.2.19: every TZID has its VTIMEZONE"
    parsed = vobject.readOne(content.decode())
    assert len(getattr(parsed, "vevent_list", [])) == events
    assert len(ics.Calendar(content.decode()).events) == events
    return cal


def test_event_ics_has_its_time_zone(client):
    event = EventFactory(timezone="Europe/Riga")
    response = client.get(reverse("events:ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    cal = _check(response.content, events=1)
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"Europe/Riga"}
    parsed = vobject.readOne(response.content.decode())
    assert parsed.vevent.dtstart.value.utcoffset() is not None  # a real zone, not a floating time


def test_agenda_ics_with_sessions(client):
    event = EventFactory()
    SessionFactory(event=event, title="Opening")
    SessionFactory(event=event, title="Posters")
    response = client.get(reverse("events:agenda-ics", kwargs={"slug": event.slug}))
    cal = _check(response.content, events=2)
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == ["Opening", "Posters"]


def test_empty_agenda_is_still_a_valid_calendar(client):
    event = EventFactory(timezone="Europe/Prague")
    response = client.get(reverse("events:agenda-ics", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    cal = _check(response.content, events=0)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Prague"]


def test_personal_feed_with_nothing_starred(client, user):
    feed = AgendaFeed.objects.create(user=user)
    response = client.get(reverse("events:agenda-feed", kwargs={"token": feed.token}))
    assert response.status_code == 200
    _check(response.content, events=0)
