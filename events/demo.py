"""Demo events: the SIEM conference of October 2022 with its agenda, and an upcoming training."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from siem_portal.translatable import translations_add_missing

from . import demo_translations
from .enums import ConfirmationMode, EventKind, EventStatus, ProposalKind, ProposalState, RegistrationState, SessionKind
from .models import AgendaSession, Event, Proposal, ProposalType, Registration, Reviewer, Room

BRUSSELS = ZoneInfo("Europe/Brussels")

CONFERENCE_DESCRIPTION = """\
Two days on **inclusion and engagement in mobility**: the results of the SIEM research, the
students who are not going abroad and why, and the practices that change it.

*Want to share a best practice? Propose a Poster or Ignite session!*

Confirmation of participation is provided on a rolling basis.
"""

# day (0 or 1), start, end, room, kind, title, presenters
CONFERENCE_AGENDA = [
    (0, "09:00", "09:30", "Main hall", SessionKind.BREAK, "Registration and coffee", ""),
    (0, "09:30", "10:30", "Main hall", SessionKind.KEYNOTE, "Who goes abroad, and who does not", "SIEM research team"),
    (0, "10:30", "11:00", "Main hall", SessionKind.BREAK, "Coffee break", ""),
    (0, "11:00", "12:30", "Main hall", SessionKind.PANEL, "Students from every background on mobility", ""),
    (0, "12:30", "13:30", "Foyer", SessionKind.BREAK, "Lunch", ""),
    (
        0,
        "13:30",
        "15:00",
        "Foyer",
        SessionKind.POSTER_SESSION,
        "Poster session: practices that widen participation",
        "Universities and student associations of the SIEM network",
    ),
    (
        0,
        "15:30",
        "16:30",
        "Main hall",
        SessionKind.IGNITE_BLOCK,
        "Ignite: five minutes, twenty slides",
        "ESN sections, youth organisations",
    ),
    (1, "09:30", "10:30", "Main hall", SessionKind.KEYNOTE, "Community engagement of international students", ""),
    (1, "10:30", "11:00", "Main hall", SessionKind.BREAK, "Coffee break", ""),
    (1, "11:00", "12:30", "Workshop room", SessionKind.WORKSHOP, "Designing inclusive mobility support", ""),
    (1, "12:30", "13:30", "Foyer", SessionKind.BREAK, "Lunch", ""),
    (1, "13:30", "15:00", "Main hall", SessionKind.PANEL, "Recommendations for institutions and policy makers", ""),
]


def _at(day, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=BRUSSELS)


def _seed_agenda(event, agenda) -> None:
    """The event's rooms and sessions; ``agenda`` rows as in ``CONFERENCE_AGENDA``."""
    rooms = {}
    for order, name in enumerate(("Main hall", "Foyer", "Workshop room")):
        rooms[name], _c = Room.objects.get_or_create(event=event, name=name, defaults={"order": order})
    first_day = event.starts_at.astimezone(BRUSSELS).date()
    for day, start, end, room, kind, title, presenters in agenda:
        date = first_day + timedelta(days=day)
        AgendaSession.objects.update_or_create(
            event=event,
            title=title,
            starts_at=_at(date, start),
            defaults={"ends_at": _at(date, end), "room": rooms[room], "kind": kind, "presenters": presenters},
        )


def seed(*, stdout=None, **options) -> None:
    from accounts.demo import demo_user

    organiser = demo_user("organiser@example.org")
    conference, _created = Event.objects.update_or_create(
        slug="inclusion-engagement-mobility-2022",
        defaults={
            "kind": EventKind.CONFERENCE,
            "title": "Inclusion & Engagement in Mobility",
            "summary": "The SIEM conference in Brussels: research results, practices, posters and Ignite talks.",
            "description": CONFERENCE_DESCRIPTION,
            "venue_name": "La Tricoterie",
            "address": "Rue Théodore Verhaegen 158, 1060 Bruxelles",
            "map_url": "https://www.openstreetmap.org/search?query=Rue%20Th%C3%A9odore%20Verhaegen%20158%20Bruxelles",
            "starts_at": datetime(2022, 10, 3, 9, 0, tzinfo=BRUSSELS),
            "ends_at": datetime(2022, 10, 4, 15, 0, tzinfo=BRUSSELS),
            "timezone": "Europe/Brussels",
            "registration_closes_at": datetime(2022, 9, 15, 23, 59, tzinfo=BRUSSELS),
            "capacity": 150,
            "confirmation_mode": ConfirmationMode.MANUAL,
            "accessibility_info": "Step-free entrance and accessible toilets on the ground floor.",
            "status": EventStatus.PUBLISHED,
        },
    )
    conference.organisers.add(organiser)
    _seed_agenda(conference, CONFERENCE_AGENDA)

    _seed_conference_programme(conference)

    start = (timezone.now() + timedelta(days=60)).astimezone(BRUSSELS).date()
    training, _created = Event.objects.get_or_create(
        slug="heis-social-inclusion-multiplier-training",
        defaults={
            "kind": EventKind.TRAINING,
            "title": "HEIs Social Inclusion Multiplier Training",
            "summary": "A day for international relations offices on reaching students who do not go abroad.",
            "description": "Methods, data and practices from the SIEM project, with time to plan your own.",
            "venue_name": "Université Libre de Démo",
            "address": "Avenue de la Démo 1, 1050 Bruxelles",
            "starts_at": _at(start, "09:30"),
            "ends_at": _at(start, "17:00"),
            "registration_closes_at": _at(start - timedelta(days=10), "23:59"),
            "capacity": 30,
            "confirmation_mode": ConfirmationMode.AUTOMATIC,
            "waitlist_enabled": True,
            "accessibility_info": "Lift to every floor; quiet room available.",
            "status": EventStatus.PUBLISHED,
        },
    )
    training.organisers.add(organiser)
    student = demo_user("student@example.org")
    Registration.objects.get_or_create(
        event=training,
        user=student,
        defaults={"state": RegistrationState.CONFIRMED, "attendee_list_consent": True, "pronouns": "they/them"},
    )
    upcoming = _seed_upcoming_conference(organiser)
    for event in Event.objects.filter(slug__in=demo_translations.EVENTS):
        merged = translations_add_missing(event.translations, demo_translations.EVENTS[event.slug])
        if merged != event.translations:
            event.translations = merged
            event.save(update_fields=["translations", "updated_at"])
    if stdout:
        stdout.write(
            f"events: 3 events, {conference.sessions.count()} agenda sessions, "
            f"{upcoming.proposals.count()} proposals in the open call, "
            f"{upcoming.sessions.count()} sessions on its agenda"
        )


def _seed_upcoming_conference(organiser):
    from accounts.demo import demo_user

    start = (timezone.now() + timedelta(days=120)).astimezone(BRUSSELS).date()
    event, _created = Event.objects.get_or_create(
        slug="inclusion-engagement-mobility-next",
        defaults={
            "kind": EventKind.CONFERENCE,
            "title": "Inclusion & Engagement in Mobility: the next steps",
            "summary": "Two days of practices that open mobility to every student. The call for posters and "
            "Ignite talks is open.",
            "description": CONFERENCE_DESCRIPTION,
            "venue_name": "La Tricoterie",
            "address": "Rue Théodore Verhaegen 158, 1060 Bruxelles",
            "starts_at": _at(start, "09:00"),
            "ends_at": _at(start + timedelta(days=1), "16:00"),
            "registration_closes_at": _at(start - timedelta(days=20), "23:59"),
            "capacity": 150,
            "confirmation_mode": ConfirmationMode.MANUAL,
            "anonymous_review": True,
            "accessibility_info": "Step-free entrance and accessible toilets on the ground floor.",
            "status": EventStatus.PUBLISHED,
        },
    )
    event.organisers.add(organiser)
    deadline = _at(start - timedelta(days=60), "23:59")
    types = {}
    for kind, description in (
        (ProposalKind.POSTER, "A poster on a practice that widens participation in mobility."),
        (ProposalKind.IGNITE, "Five minutes, twenty slides: one practice, told fast."),
    ):
        types[kind], _c = ProposalType.objects.get_or_create(
            event=event, kind=kind, defaults={"deadline": deadline, "description": description}
        )
    Reviewer.objects.get_or_create(event=event, user=demo_user("reviewer@example.org"))
    Proposal.objects.get_or_create(
        event=event,
        title="Buddy programmes for first-generation students",
        defaults={
            "proposal_type": types[ProposalKind.POSTER],
            "submitter": demo_user("student@example.org"),
            "abstract": "How pairing first-generation students with returning Erasmus students raised applications.",
            "practice": "A buddy programme run by the local ESN section with the international office.",
            "audience": "International relations offices, student associations",
            "topics": ["widening_participation", "peer_to_peer"],
            "state": ProposalState.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )
    Proposal.objects.get_or_create(
        event=event,
        title="Short mobilities for students with caring duties",
        defaults={
            "proposal_type": types[ProposalKind.IGNITE],
            "submitter": demo_user("staff@example.org"),
            "abstract": "Blended short-term mobility as a first step abroad.",
            "outline": "Twenty slides: the barrier, the format, three stories, the numbers, how to start.",
            "topics": ["widening_participation"],
            "state": ProposalState.SUBMITTED,
            "submitted_at": timezone.now(),
        },
    )
    _seed_upcoming_programme(event, types)
    return event


# the next conference: parallel sessions in three rooms, so its agenda's grid shows them side by side
UPCOMING_AGENDA = [
    (0, "09:00", "09:30", "Main hall", SessionKind.BREAK, "Registration and coffee", ""),
    (0, "09:30", "10:30", "Main hall", SessionKind.KEYNOTE, "What changed since 2022: who goes abroad now", ""),
    (0, "10:30", "11:00", "Foyer", SessionKind.BREAK, "Coffee break", ""),
    (0, "11:00", "12:30", "Main hall", SessionKind.PANEL, "Students who went abroad for the first time", ""),
    (0, "11:00", "12:30", "Workshop room", SessionKind.WORKSHOP, "Mapping the barriers at your institution", ""),
    (0, "12:30", "13:30", "Foyer", SessionKind.BREAK, "Lunch", ""),
    (0, "13:30", "15:00", "Foyer", SessionKind.POSTER_SESSION, "Poster session: practices that open mobility", ""),
    (0, "15:00", "16:00", "Main hall", SessionKind.IGNITE_BLOCK, "Ignite: five minutes, twenty slides", ""),
    (1, "09:30", "10:30", "Main hall", SessionKind.KEYNOTE, "Local communities and international students", ""),
    (1, "10:30", "12:00", "Workshop room", SessionKind.WORKSHOP, "Writing an inclusion plan that works", ""),
    (1, "10:30", "12:00", "Main hall", SessionKind.PANEL, "Funding short and blended mobility", ""),
    (1, "12:00", "13:00", "Foyer", SessionKind.BREAK, "Lunch", ""),
    (1, "13:00", "14:30", "Main hall", SessionKind.PANEL, "Next steps for institutions and policy makers", ""),
]

# kind, title, submitter, session title: proposals of the open call already accepted and placed
UPCOMING_PROGRAMME = [
    (
        ProposalKind.POSTER,
        "A mobility fair that comes to the students' faculties",
        "iro@example.org",
        "Poster session: practices that open mobility",
    ),
    (
        ProposalKind.IGNITE,
        "Paid internships abroad for students who work",
        "org@example.org",
        "Ignite: five minutes, twenty slides",
    ),
]


def _seed_upcoming_programme(event, types) -> None:
    """The upcoming conference's agenda, with the proposals accepted so far placed in their sessions."""
    from accounts.demo import demo_user

    _seed_agenda(event, UPCOMING_AGENDA)
    for kind, title, email, session_title in UPCOMING_PROGRAMME:
        proposal, _c = Proposal.objects.get_or_create(
            event=event,
            title=title,
            defaults={
                "proposal_type": types[kind],
                "submitter": demo_user(email),
                "abstract": f"{title}: what we did, what changed, and how others can do it.",
                "outline": "Twenty slides." if kind == ProposalKind.IGNITE else "",
                "topics": ["widening_participation"],
                "state": ProposalState.CONFIRMED,
                "submitted_at": timezone.now() - timedelta(days=20),
                "decided_at": timezone.now() - timedelta(days=10),
                "confirmed_at": timezone.now() - timedelta(days=8),
            },
        )
        session = event.sessions.get(title=session_title)
        session.proposals.add(proposal)


# kind, title, submitter, session title
PROGRAMME_2022 = [
    (
        ProposalKind.POSTER,
        "Mentoring first-generation students before they apply",
        "student@example.org",
        "Poster session: practices that widen participation",
    ),
    (
        ProposalKind.POSTER,
        "Erasmus+ top-ups explained in plain language",
        "staff@example.org",
        "Poster session: practices that widen participation",
    ),
    (
        ProposalKind.POSTER,
        "Rural students' barriers: what our survey found",
        "iro@example.org",
        "Poster session: practices that widen participation",
    ),
    (
        ProposalKind.IGNITE,
        "Buddies who stay: local students as hosts",
        "org@example.org",
        "Ignite: five minutes, twenty slides",
    ),
    (
        ProposalKind.IGNITE,
        "Accessible mobility fairs in one afternoon",
        "student@example.org",
        "Ignite: five minutes, twenty slides",
    ),
]


def _seed_conference_programme(conference):
    """The 2022 call (closed): confirmed posters and Ignite talks, grouped on the agenda."""
    from accounts.demo import demo_user

    types = {}
    for kind in (ProposalKind.POSTER, ProposalKind.IGNITE):
        types[kind], _c = ProposalType.objects.get_or_create(
            event=conference, kind=kind, defaults={"deadline": datetime(2022, 7, 15, 23, 59, tzinfo=BRUSSELS)}
        )
    for kind, title, email, session_title in PROGRAMME_2022:
        user = demo_user(email)
        proposal, _c = Proposal.objects.get_or_create(
            event=conference,
            title=title,
            defaults={
                "proposal_type": types[kind],
                "submitter": user,
                "abstract": f"{title}: what we did, what changed, and how others can do it.",
                "outline": "Twenty slides." if kind == ProposalKind.IGNITE else "",
                "topics": ["widening_participation"],
                "state": ProposalState.CONFIRMED,
                "submitted_at": datetime(2022, 7, 1, 12, 0, tzinfo=BRUSSELS),
                "decided_at": datetime(2022, 8, 1, 12, 0, tzinfo=BRUSSELS),
                "confirmed_at": datetime(2022, 8, 3, 12, 0, tzinfo=BRUSSELS),
            },
        )
        session = conference.sessions.get(title=session_title)
        session.proposals.add(proposal)
