from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from events.enums import RegistrationState
from events.models import AgendaFeed, AgendaSession, Event, Proposal, Registration, Star
from events.selectors import home_context
from events.tasks import task_expire_offers, task_send_reminders

from .factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_home_block_shows_next_event_else_latest_past(client, django_assert_max_num_queries):
    assert home_context() is None
    past = EventFactory(
        title="Brussels 2022", starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=8)
    )
    with django_assert_max_num_queries(2):
        assert home_context() == {"event": past, "upcoming": False}
    EventFactory(title="Later one", starts_at=timezone.now() + timedelta(days=90))
    soon = EventFactory(title="Next one")
    with django_assert_max_num_queries(1):
        assert home_context() == {"event": soon, "upcoming": True}
    text = client.get("/").content.decode()
    assert "Next event" in text and "Next one" in text


def test_privacy_export_and_erase(user, event_organiser):
    event = EventFactory(organisers=[user, event_organiser])
    RegistrationFactory(user=user, event=event, support_reason="Train")
    Star.objects.create(user=user, session=SessionFactory(event=event))
    AgendaFeed.objects.create(user=user)
    data = account_services.privacy_data_collect(user=user)["sections"]["events"]
    assert data["registrations"][0]["support_reason"] == "Train"
    assert data["organised_events"] == [event.title]
    assert len(data["starred_sessions"]) == 1
    account_services.account_delete(user=user)
    assert Registration.objects.count() == 0 and Star.objects.count() == 0 and AgendaFeed.objects.count() == 0
    assert list(Event.objects.get().organisers.all()) == [event_organiser]


def test_beat_tasks_run(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, starts_at=timezone.now() + timedelta(days=1))
    RegistrationFactory(event=event)
    RegistrationFactory(
        event=event, state=RegistrationState.WAITLISTED, offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert task_expire_offers.delay().get() == 1
        assert task_send_reminders.delay().get() == 1


def test_beat_schedule_lists_the_events_tasks(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {t for t in tasks if t.startswith("events.")} == {
        "events.expire_offers",
        "events.send_reminders",
        "events.send_confirm_reminders",
    }


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    call_command("seed_demo")
    conference = Event.objects.get(slug="inclusion-engagement-mobility-2022")
    assert conference.venue_name == "La Tricoterie"
    assert conference.is_past
    days = {s.starts_at.astimezone(conference.tz).date().isoformat() for s in conference.sessions.all()}
    assert days == {"2022-10-03", "2022-10-04"}
    assert set(conference.sessions.values_list("kind", flat=True)) >= {"keynote", "poster_session", "ignite_block"}
    assert conference.sessions.count() == 12
    posters = conference.sessions.get(kind="poster_session").proposals.all()
    assert posters.count() == 3 and {p.state for p in posters} == {"confirmed"}
    upcoming = Event.objects.get(slug="inclusion-engagement-mobility-next")
    assert upcoming.anonymous_review and upcoming.registration_is_open()
    assert all(t.is_open() for t in upcoming.proposal_types.all())
    assert upcoming.reviewers.get().user.email == "reviewer@example.org"
    # the upcoming conference's agenda has its sessions, some holding the proposals accepted so far
    assert AgendaSession.objects.count() == 12 + 13
    assert {s.room.name for s in upcoming.sessions.select_related("room")} == {"Main hall", "Foyer", "Workshop room"}
    placed = Proposal.objects.filter(event=upcoming, agenda_sessions__isnull=False)
    assert placed.count() == 2 and {p.state for p in placed} == {"confirmed"}
    assert upcoming.proposals.filter(state="submitted").count() == 2  # still waiting for the reviewer
    agenda = Client().get(reverse("events:agenda", kwargs={"slug": upcoming.slug})).content.decode()
    assert "No sessions to show" not in agenda and "Paid internships abroad for students who work" in agenda
    grid = Client().get(reverse("events:agenda", kwargs={"slug": upcoming.slug}) + "?view=grid").content.decode()
    assert "Mapping the barriers at your institution" in grid and 'scope="col">Workshop room</th>' in grid
    assert Event.objects.get(slug="heis-social-inclusion-multiplier-training").registration_is_open()
