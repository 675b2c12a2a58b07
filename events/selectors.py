"""Every non-trivial read of the events app, already filtered for the person asking."""

from collections import defaultdict
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .enums import EventStatus, RegistrationState
from .models import AgendaSession, Event, Proposal, Registration, Star


def events_public(*, when: str = "upcoming", now: datetime | None = None) -> QuerySet[Event]:
    """Published or cancelled events: ``upcoming`` (not yet ended), ``past`` (newest first), ``all``."""
    now = now or timezone.now()
    qs = Event.objects.exclude(status=EventStatus.DRAFT)
    if when == "upcoming":
        return qs.filter(ends_at__gte=now).order_by("starts_at")
    if when == "past":
        return qs.filter(ends_at__lt=now).order_by("-starts_at")
    return qs.order_by("-starts_at")


def event_for_user(*, slug: str, user) -> Event | None:
    event = Event.objects.filter(slug=slug).first()
    if event is None or not user.has_perm("events.view_event", event):
        return None
    return event


def events_organised_by(*, user) -> QuerySet[Event]:
    qs = Event.objects.all() if user.is_superuser else Event.objects.filter(organisers=user)
    return qs.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__state=RegistrationState.CONFIRMED)),
        pending_count=Count("registrations", filter=Q(registrations__state=RegistrationState.PENDING)),
        waitlisted_count=Count("registrations", filter=Q(registrations__state=RegistrationState.WAITLISTED)),
    ).order_by("-starts_at")


def registrations_for_user(*, user) -> QuerySet[Registration]:
    return Registration.objects.filter(user=user).select_related("event").order_by("-event__starts_at")


def registration_counts(*, event: Event) -> dict:
    rows = event.registrations.values("state").annotate(n=Count("pk"))
    counts = dict.fromkeys(RegistrationState.values, 0)
    counts.update({row["state"]: row["n"] for row in rows})
    offers = event.registrations.filter(state=RegistrationState.WAITLISTED, offer_expires_at__isnull=False).count()
    checked_in = event.registrations.filter(checked_in_at__isnull=False).count()
    seats_left = None
    if event.capacity is not None:
        seats_left = max(event.capacity - counts[RegistrationState.CONFIRMED] - offers, 0)
    return {
        "by_state": [(label, counts[value], value) for value, label in RegistrationState.choices],
        "confirmed": counts[RegistrationState.CONFIRMED],
        "offers": offers,
        "checked_in": checked_in,
        "seats_left": seats_left,
        "support_requests": event.registrations.filter(support_requested=True).count(),
    }


def registrations_for_organiser(*, event: Event, state: str = "", q: str = "", support: bool = False):
    qs = event.registrations.select_related("user").order_by("created_at", "pk")
    if state in RegistrationState.values:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(user__full_name__icontains=q) | Q(user__email__icontains=q))
    if support:
        qs = qs.filter(support_requested=True)
    return qs


def attendee_list(*, event: Event) -> QuerySet[Registration]:
    """Confirmed people who agreed to appear on the attendee list."""
    return (
        event.registrations.filter(state=RegistrationState.CONFIRMED, attendee_list_consent=True)
        .select_related("user")
        .order_by("user__full_name")
    )


def agenda_sessions(*, event: Event) -> QuerySet[AgendaSession]:
    return (
        event.sessions.select_related("room")
        .prefetch_related(Prefetch("proposals", queryset=Proposal.objects.only("pk", "title").order_by("title")))
        .order_by("starts_at", "room__order", "pk")
    )


def agenda_by_day(*, event: Event, kind: str = "", starred_only_for=None) -> list[tuple]:
    """[(date, [sessions])] in the event's time zone; one query whatever the number of sessions."""
    qs = agenda_sessions(event=event)
    if kind:
        qs = qs.filter(kind=kind)
    if starred_only_for is not None:
        qs = qs.filter(stars__user=starred_only_for)
    days = defaultdict(list)
    for session in qs:
        days[session.starts_at.astimezone(event.tz).date()].append(session)
    return sorted(days.items())


def starred_session_ids(*, user, event: Event) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(Star.objects.filter(user=user, session__event=event).values_list("session_id", flat=True))


def session_overlaps(*, session: AgendaSession) -> list[str]:
    """Warnings: another session in the same room, or the same presenter, at an overlapping time."""
    from django.utils.translation import gettext as _

    warnings = []
    others = session.event.sessions.filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at).exclude(
        pk=session.pk
    )
    if session.room_id:
        for other in others.filter(room_id=session.room_id):
            warnings.append(_("“%(other)s” is in the same room at an overlapping time.") % {"other": other.title})
    names = {n.lower(): n for n in session.presenter_names}
    if names:
        for other in others:
            shared = set(names) & {n.lower() for n in other.presenter_names}
            for name in sorted(shared):
                warnings.append(
                    _("%(name)s also presents “%(other)s” at an overlapping time.")
                    % {"name": names[name], "other": other.title}
                )
    return warnings


def starred_sessions_for_feed(*, user) -> QuerySet[AgendaSession]:
    return (
        AgendaSession.objects.filter(stars__user=user)
        .exclude(event__status=EventStatus.DRAFT)
        .select_related("room", "event")
        .order_by("starts_at")
    )


def home_context() -> dict | None:
    """The home page block: the next event, or the latest past one. At most two queries."""
    now = timezone.now()
    published = Event.objects.filter(status=EventStatus.PUBLISHED)
    event = published.filter(ends_at__gte=now).order_by("starts_at").first()
    if event is not None:
        return {"event": event, "upcoming": True}
    event = published.filter(ends_at__lt=now).order_by("-starts_at").first()
    if event is not None:
        return {"event": event, "upcoming": False}
    return None


def agenda_grid(days: list[tuple], *, other_room_label: str) -> list[dict]:
    """Each day of ``agenda_by_day`` as a grid: rooms as columns, time slots as rows.

    The slots are cut at every start and end of a session that day; a session fills its room's column
    from its first slot down ``rowspan`` slots. Sessions that overlap in one room share a cell (the
    organisers' screen warns about them). Sessions without a room get a last column. No query.
    """
    grid_days = []
    for day, sessions in days:
        rooms, seen = [], set()
        for session in sorted(sessions, key=lambda s: (s.room.order, s.room.name) if s.room else (1 << 30, "")):
            key = session.room_id
            if key not in seen:
                seen.add(key)
                rooms.append((key, session.room.name if session.room else other_room_label))
        times = sorted({s.starts_at for s in sessions} | {s.ends_at for s in sessions})
        index = {t: i for i, t in enumerate(times)}
        slots = len(times) - 1
        # each slot of a column holds the cell that covers it; the cell is drawn in its first slot
        columns = {key: [None] * slots for key, _label in rooms}
        for session in sessions:
            column = columns[session.room_id]
            first, last = index[session.starts_at], index[session.ends_at]
            taken = next((column[i] for i in range(first, last) if column[i] is not None), None)
            if taken is not None:
                taken["sessions"].append(session)
                continue
            cell = {"sessions": [session], "rowspan": last - first, "first": first}
            for i in range(first, last):
                column[i] = cell
        rows = []
        for i in range(slots):
            cells = []
            for key, _label in rooms:
                cell = columns[key][i]
                if cell is None:
                    cells.append({"sessions": [], "rowspan": 1})
                elif cell["first"] == i:
                    cells.append(cell)
            rows.append({"starts_at": times[i], "ends_at": times[i + 1], "cells": cells})
        grid_days.append({"day": day, "rooms": [label for _key, label in rooms], "rows": rows})
    return grid_days
