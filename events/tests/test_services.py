from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from events import services
from events.enums import ConfirmationMode, EventStatus, QuestionKind, RegistrationState
from events.models import Registration
from siem_portal.exceptions import ApplicationError, ConflictError

from .factories import EventFactory, QuestionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def register(sent, event, user=None, **kwargs):
    return sent(services.registration_create, event=event, user=user or UserFactory(), **kwargs)


def test_automatic_registration_is_confirmed_with_ics_attached(sent, user):
    event = EventFactory(title="Inclusion & Engagement in Mobility")
    registration = register(sent, event, user)
    assert registration.state == RegistrationState.CONFIRMED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Your place is confirmed: Inclusion & Engagement in Mobility"
    assert "Inclusion & Engagement in Mobility" in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    vevent = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["summary"]) == "Inclusion & Engagement in Mobility"
    assert vevent.decoded("dtstart") == event.starts_at
    assert str(vevent["location"]) == "La Tricoterie, Rue Théodore Verhaegen 158, 1060 Bruxelles"


def test_manual_mode_pending_then_confirmed_or_declined(sent):
    event = EventFactory(confirmation_mode=ConfirmationMode.MANUAL)
    first, second = register(sent, event), register(sent, event)
    assert [first.state, second.state] == [RegistrationState.PENDING, RegistrationState.PENDING]
    assert [m.subject for m in mail.outbox] == [f"We received your registration: {event.title}"] * 2
    mail.outbox.clear()
    sent(services.registration_confirm, registration=first)
    sent(services.registration_decline, registration=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state) == (RegistrationState.CONFIRMED, RegistrationState.DECLINED)
    assert [m.subject for m in mail.outbox] == [
        f"Your place is confirmed: {event.title}",
        f"Your registration: {event.title}",
    ]
    assert len(mail.outbox[0].attachments) == 1
    assert "could not offer you a place" in mail.outbox[1].body


def test_full_event_waitlists_in_order_and_cancellation_offers_the_seat(sent):
    event = EventFactory(capacity=2)
    holders = [register(sent, event) for _ in range(2)]
    waiting = [register(sent, event) for _ in range(3)]
    assert {w.state for w in waiting} == {RegistrationState.WAITLISTED}
    assert mail.outbox[-1].subject == f"You are on the waiting list: {event.title}"
    mail.outbox.clear()

    sent(services.registration_cancel, registration=holders[0])
    assert [m.subject for m in mail.outbox] == [
        f"Your registration is cancelled: {event.title}",
        f"A seat is free for you: {event.title}",
    ]
    assert mail.outbox[1].to == [waiting[0].user.email]
    offered = Registration.objects.get(pk=waiting[0].pk)
    assert offered.has_offer
    assert timedelta(hours=47) < offered.offer_expires_at - timezone.now() <= timedelta(hours=48)
    # the offer holds the seat: a newcomer is waitlisted, not confirmed
    assert register(sent, event).state == RegistrationState.WAITLISTED

    sent(services.registration_accept_offer, registration=offered)
    offered.refresh_from_db()
    assert offered.state == RegistrationState.CONFIRMED
    assert mail.outbox[-1].subject == f"Your place is confirmed: {event.title}"
    assert event.registrations.filter(state=RegistrationState.CONFIRMED).count() == 2


def test_offer_expires_and_passes_to_the_next_person(sent):
    event = EventFactory(capacity=1, offer_hours=24)
    holder = register(sent, event)
    first, second = register(sent, event), register(sent, event)
    sent(services.registration_cancel, registration=holder)
    mail.outbox.clear()
    assert sent(services.offers_expire) == 0  # not yet
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert sent(services.offers_expire) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == RegistrationState.CANCELLED
    assert second.has_offer
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([first.user.email], f"Your registration is cancelled: {event.title}"),
        ([second.user.email], f"A seat is free for you: {event.title}"),
    ]
    assert "was not taken in time" in mail.outbox[0].body
    with pytest.raises(ConflictError):
        services.registration_accept_offer(registration=first)


def test_expired_offer_cannot_be_taken(sent):
    event = EventFactory(capacity=1)
    holder = register(sent, event)
    waiting = register(sent, event)
    sent(services.registration_cancel, registration=holder)
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        with pytest.raises(ConflictError, match="expired"):
            services.registration_accept_offer(registration=waiting)


def test_full_without_waitlist_is_a_conflict_and_stores_nothing(sent):
    event = EventFactory(capacity=1, waitlist_enabled=False)
    register(sent, event)
    with pytest.raises(ConflictError, match="full"):
        register(sent, event)
    assert event.registrations.count() == 1


def test_twice_is_a_conflict(sent, user):
    event = EventFactory()
    register(sent, event, user)
    with pytest.raises(ConflictError, match="already registered"):
        register(sent, event, user)
    assert event.registrations.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"registration_closes_at": timezone.now() - timedelta(days=1)},
        {"registration_opens_at": timezone.now() + timedelta(days=1)},
        {"status": EventStatus.CANCELLED},
        {"status": EventStatus.DRAFT},
    ],
)
def test_closed_or_cancelled_event_refuses_registration(sent, change):
    event = EventFactory(**change)
    with pytest.raises(ApplicationError) as info:
        register(sent, event)
    assert not isinstance(info.value, ConflictError)
    assert event.registrations.count() == 0
    assert mail.outbox == []


def test_after_the_event_registration_is_closed(sent):
    event = EventFactory(starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1))
    with pytest.raises(ApplicationError, match="closed"):
        register(sent, event)


def test_custom_questions_conditional_and_validated(sent):
    event = EventFactory()
    travel = QuestionFactory(event=event, label="Do you travel by train?", kind=QuestionKind.YES_NO, required=True)
    station = QuestionFactory(
        event=event, label="From which station?", required=True, show_if_question=travel, show_if_value="yes", order=1
    )
    topics = QuestionFactory(event=event, label="Topics", kind=QuestionKind.MULTIPLE, choices=["A", "B"], order=2)
    with pytest.raises(ApplicationError) as info:
        register(sent, event, answers={travel.code: "yes", topics.code: ["C"]})
    assert info.value.errors == {
        station.code: ["Answer this question."],
        topics.code: ["Choose from the options given."],
    }
    assert event.registrations.count() == 0
    # a hidden question's answer is not required, and not kept
    registration = register(sent, event, answers={travel.code: "no", station.code: "Gent", topics.code: ["A", "B"]})
    assert registration.answers == {travel.code: "no", topics.code: ["A", "B"]}


def test_support_request_needs_a_reason_and_texts_have_limits(sent):
    event = EventFactory()
    with pytest.raises(ApplicationError) as info:
        register(sent, event, support_requested=True, pronouns="x" * 51)
    assert set(info.value.errors) == {"support_reason", "pronouns"}
    assert event.registrations.count() == 0


def test_cancelled_person_may_register_again_at_the_back_of_the_queue(sent, user):
    event = EventFactory()
    registration = register(sent, event, user)
    sent(services.registration_cancel, registration=registration)
    again = register(sent, event, user)
    assert again.pk == registration.pk
    assert again.state == RegistrationState.CONFIRMED


def test_confirm_refused_when_full(sent):
    event = EventFactory(capacity=1, confirmation_mode=ConfirmationMode.MANUAL)
    first, second = register(sent, event), register(sent, event)
    sent(services.registration_confirm, registration=first)
    # the event is now full: the next newcomer waits, and the pending person cannot be confirmed
    with pytest.raises(ConflictError, match="No seat is left"):
        services.registration_confirm(registration=second)
    second.refresh_from_db()
    assert second.state == RegistrationState.PENDING


def test_bulk_decide_reports_problems(sent, user):
    event = EventFactory(capacity=1, confirmation_mode=ConfirmationMode.MANUAL)
    regs = [register(sent, event) for _ in range(3)]
    done, problems = sent(services.registrations_decide, event=event, ids=[r.pk for r in regs], decision="confirm")
    assert done == 1
    assert len(problems) == 2
    with pytest.raises(ApplicationError):
        services.registrations_decide(event=event, ids=[regs[0].pk], decision="maybe")


def test_reminder_three_days_before_once(sent):
    soon = EventFactory(starts_at=timezone.now() + timedelta(days=2))
    later = EventFactory(starts_at=timezone.now() + timedelta(days=10))
    reg = RegistrationFactory(event=soon)
    RegistrationFactory(event=later)
    RegistrationFactory(event=soon, state=RegistrationState.WAITLISTED)
    assert sent(services.reminders_send) == 1
    assert sent(services.reminders_send) == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [([reg.user.email], f"Reminder: {soon.title} starts soon")]


def test_event_change_and_cancellation_emails(sent, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    confirmed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, state=RegistrationState.CANCELLED)
    sent(services.event_update, event=event, by=event_organiser, summary="New summary")
    assert mail.outbox == []  # a summary is not worth an email
    sent(services.event_update, event=event, by=event_organiser, venue_name="Another venue")
    assert [(m.to, m.subject) for m in mail.outbox] == [([confirmed.user.email], f"Changed: {event.title}")]
    mail.outbox.clear()
    sent(services.event_cancel, event=event, by=event_organiser)
    assert [(m.to, m.subject) for m in mail.outbox] == [([confirmed.user.email], f"Cancelled: {event.title}")]
    confirmed.refresh_from_db()
    assert confirmed.state == RegistrationState.CANCELLED


def test_raising_capacity_offers_seats(sent, event_organiser):
    event = EventFactory(capacity=1, organisers=[event_organiser])
    register(sent, event)
    waiting = register(sent, event)
    sent(services.event_update, event=event, by=event_organiser, capacity=2)
    waiting.refresh_from_db()
    assert waiting.has_offer
    with pytest.raises(ApplicationError, match="hold a seat"):
        services.event_update(event=event, by=event_organiser, capacity=1)


def test_message_to_confirmed_people_only(sent, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    confirmed = RegistrationFactory(event=event)
    RegistrationFactory(event=event, state=RegistrationState.WAITLISTED)
    count = sent(services.event_message_send, event=event, by=event_organiser, subject="Bring ID", body="At the door.")
    assert count == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [([confirmed.user.email], f"{event.title}: Bring ID")]
    with pytest.raises(ApplicationError):
        services.event_message_send(event=event, by=event_organiser, subject="", body="")


def test_check_in_once_and_only_confirmed(sent):
    event = EventFactory()
    reg = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, state=RegistrationState.WAITLISTED)
    services.registration_check_in(event=event, registration=reg)
    reg.refresh_from_db()
    assert reg.checked_in_at is not None
    with pytest.raises(ConflictError, match="already checked in"):
        services.registration_check_in(event=event, registration=reg)
    with pytest.raises(ConflictError, match="not confirmed"):
        services.registration_check_in(event=event, registration=waiting)
    with pytest.raises(ApplicationError):
        services.registration_check_in(event=EventFactory(), registration=reg)
