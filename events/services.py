"""Every write of the events app: events, registrations and the waiting list, check-in, agenda.

Capacity is guarded by locking the event row (``select_for_update``) for every change that takes
or frees a seat, so two people can never get the last seat, whatever the number of web workers.
A seat is held by a confirmed registration or by a waitlisted one with a running offer.
"""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import notification_create
from siem_portal.exceptions import ApplicationError, ConflictError, full_clean_or_raise
from siem_portal.translation_pages import translations_merge

from .enums import ConfirmationMode, EventStatus, ProposalState, QuestionKind, RegistrationState
from .ical import event_ical
from .models import AgendaFeed, AgendaSession, Event, Question, Registration, Room, Star

logger = logging.getLogger(__name__)

ACTIVE_STATES = (RegistrationState.PENDING, RegistrationState.CONFIRMED, RegistrationState.WAITLISTED)
REMINDER_DAYS = 3
TEXT_ANSWER_MAX = 2000
# fields whose change is worth an email to the people registered
NOTIFIED_FIELDS = ("starts_at", "ends_at", "timezone", "venue_name", "address", "online_url")


# --- helpers -----------------------------------------------------------------------------------


def _locked_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _locked_registration(registration: Registration) -> tuple[Event, Registration]:
    """Lock the event row (every seat change goes through it), then read the registration afresh."""
    event = _locked_event(registration.event_id)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    registration.event = event
    return event, registration


def _state_set(registration: Registration, state: str) -> None:
    """Move a registration to a new state; any seat offer it had ends with it."""
    registration.state = state
    registration.offer_expires_at = None
    registration.save(update_fields=["state", "offer_expires_at", "updated_at"])


def _seat_holders(event: Event):
    return Registration.objects.filter(event=event).filter(
        Q(state=RegistrationState.CONFIRMED) | Q(state=RegistrationState.WAITLISTED, offer_expires_at__isnull=False)
    )


def event_touch(event: Event) -> None:
    """Mark the event's public pages as changed: cached agenda and page fragments are keyed on
    ``updated_at``, so every write that shows on them calls this."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(updated_at=now)
    event.updated_at = now


def seats_left(event: Event) -> int | None:
    """Free seats now (None: no limit). Call inside the event lock when the answer decides a write."""
    if event.capacity is None:
        return None
    return max(event.capacity - _seat_holders(event).count(), 0)


def _registration_link(registration: Registration) -> str:
    return reverse("events:registration", kwargs={"slug": registration.event.slug})


def _notify(registration: Registration, what: str, *, attach_ical: bool = False, **context) -> None:
    event = registration.event
    attachments = None
    if attach_ical:
        with translation.override(registration.user.preferred_language):
            ical = event_ical(event).decode()
        attachments = [{"filename": f"{event.slug}.ics", "content": ical, "mimetype": "text/calendar"}]
    notification_create(
        recipient=registration.user,
        kind="events_reminder" if what == "reminder" else "events_registration",
        template=f"events/registration_{what}",
        context={"event": event, "registration": registration, **context},
        link=_registration_link(registration),
        attachments=attachments,
    )


# --- events ------------------------------------------------------------------------------------

EVENT_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "description",
    "venue_name",
    "address",
    "map_url",
    "online_url",
    "starts_at",
    "ends_at",
    "timezone",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "confirmation_mode",
    "waitlist_enabled",
    "offer_hours",
    "accessibility_info",
    "anonymous_review",
    "status",
)


def event_create(*, by: User, **data) -> Event:
    """Create an event; the person creating it becomes its first organiser."""
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        event = Event(**data)
        full_clean_or_raise(event)
        event.save()
        event.organisers.add(by)
    return event


def event_translations_save(*, event: Event, language: str, texts: dict[str, str]) -> Event:
    """One language's texts of an event (an empty text shows the original). Nobody is notified:
    the time and place do not change."""
    with transaction.atomic():
        locked = _locked_event(event.pk)
        translations = translations_merge(locked, language, texts)
        if translations != (locked.translations or {}):
            locked.translations = translations
            locked.save(update_fields=["translations", "updated_at"])
    return locked


def event_update(*, event: Event, by: User, **data) -> Event:
    """Change an event. Registered people are told when the time or place changes, or when it is
    cancelled; a capacity raised frees seats for the waiting list."""
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    with transaction.atomic():
        event = _locked_event(event.pk)
        before = {f: getattr(event, f) for f in EVENT_FIELDS}
        for field, value in data.items():
            setattr(event, field, value)
        full_clean_or_raise(event)
        if event.capacity is not None and before["capacity"] != event.capacity:
            held = _seat_holders(event).count()
            if event.capacity < held:
                raise ApplicationError(
                    ngettext(
                        "%(held)d person already holds a seat: the capacity cannot go below that.",
                        "%(held)d people already hold a seat: the capacity cannot go below that.",
                        held,
                    )
                    % {"held": held},
                    field="capacity",
                )
        event.save()
        changed = [f for f in NOTIFIED_FIELDS if before[f] != getattr(event, f)]
        if event.status == EventStatus.CANCELLED and before["status"] != EventStatus.CANCELLED:
            _event_cancelled_notify(event)
        elif changed and event.status == EventStatus.PUBLISHED:
            for registration in event.registrations.filter(state__in=ACTIVE_STATES).select_related("user"):
                notification_create(
                    recipient=registration.user,
                    kind="events_update",
                    template="events/event_changed",
                    context={"event": event, "registration": registration},
                    link=event.get_absolute_url(),
                )
        if event.status == EventStatus.PUBLISHED:
            waitlist_promote(event=event)
    return event


def event_organiser_add(*, event: Event, email: str) -> User:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ApplicationError(_("Nobody has an account with this email address."), field="email")
    event.organisers.add(user)
    return user


def event_organiser_remove(*, event: Event, user_id: int) -> None:
    if not event.organisers.exclude(pk=user_id).exists():
        raise ConflictError(_("An event keeps at least one organiser."))
    event.organisers.remove(user_id)


def event_cancel(*, event: Event, by: User) -> Event:
    return event_update(event=event, by=by, status=EventStatus.CANCELLED)


def _event_cancelled_notify(event: Event) -> None:
    registrations = list(event.registrations.filter(state__in=ACTIVE_STATES).select_related("user"))
    for registration in registrations:
        notification_create(
            recipient=registration.user,
            kind="events_update",
            template="events/event_cancelled",
            context={"event": event, "registration": registration},
            link=event.get_absolute_url(),
        )
    event.registrations.filter(pk__in=[r.pk for r in registrations]).update(
        state=RegistrationState.CANCELLED, offer_expires_at=None, updated_at=timezone.now()
    )


def event_message_send(*, event: Event, by: User, subject: str, body: str) -> int:
    """Send a message from the organisers to every confirmed person; returns how many got it."""
    subject, body = subject.strip(), body.strip()
    errors = {}
    if not subject:
        errors["subject"] = [_("Write a subject.")]
    elif len(subject) > 200:
        errors["subject"] = [_("Keep the subject under 200 characters.")]
    if not body:
        errors["body"] = [_("Write a message.")]
    elif len(body) > 10000:
        errors["body"] = [_("Keep the message under 10,000 characters.")]
    if errors:
        raise ApplicationError(_("The message cannot be sent."), errors=errors)
    with transaction.atomic():
        registrations = event.registrations.filter(state=RegistrationState.CONFIRMED).select_related("user")
        count = 0
        for registration in registrations:
            notification_create(
                recipient=registration.user,
                kind="events_message",
                template="events/organiser_message",
                context={"event": event, "message_subject": subject, "message_body": body},
                link=event.get_absolute_url(),
            )
            count += 1
    return count


# --- registration ------------------------------------------------------------------------------


def _answers_of(kind: str, choices: list[str]) -> list[str]:
    """The answers a question of this kind can receive (none to compare with for free text)."""
    if kind == QuestionKind.YES_NO:
        return ["yes", "no"]
    if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        return choices
    return []


def question_save(
    *,
    event: Event,
    question: Question | None = None,
    label: str,
    kind: str,
    choices: list[str] | None = None,
    help_text: str = "",
    required: bool = False,
    order: int = 0,
    show_if_question: Question | None = None,
    show_if_value: str = "",
) -> Question:
    """Add a registration question or change one.

    Answers already given are stored by the question's id, which never changes, so they stay
    exactly as they were given, even when the text, kind or choices change. A question shown only
    for a certain answer must come after the question it depends on (answers are checked in order)
    and cannot depend on itself or on a question that depends on it."""
    if question is not None and question.event_id != event.pk:
        raise ApplicationError(_("Choose a question of this event."))
    errors: dict = {}
    cleaned_choices: list[str] = []
    for choice in choices or []:
        choice = choice.strip()
        if choice and choice not in cleaned_choices:
            cleaned_choices.append(choice)
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Choose a kind of question from the list.")]
    elif kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE):
        if len(cleaned_choices) < 2:
            errors["choices_text"] = [_("Give at least two choices.")]
    else:
        cleaned_choices = []
    label = label.strip()
    if not label:
        errors["label"] = [_("Write the question.")]
    show_if_value = show_if_value.strip()
    parent = show_if_question
    if parent is None:
        show_if_value = ""
    elif parent.event_id != event.pk:
        errors["show_if_question"] = [_("Choose a question of this event.")]
    elif question is not None and question.pk and _depends_on(parent, question):
        errors["show_if_question"] = [
            _("A question cannot depend on itself or on a question that is shown because of it.")
        ]
    elif parent.kind == QuestionKind.TEXT:
        errors["show_if_question"] = [_("Choose a question with choices or a yes or no answer.")]
    else:
        allowed = _answers_of(parent.kind, parent.choices)
        if show_if_value not in allowed:
            errors["show_if_value"] = [
                _("Choose one of the answers to “%(question)s”: %(answers)s.")
                % {"question": parent.label, "answers": ", ".join(allowed)}
            ]
        elif (order, question.pk if question and question.pk else float("inf")) <= (parent.order, parent.pk):
            errors["order"] = [
                _("Put this question after “%(question)s”, which decides whether it shows: give it a higher order.")
                % {"question": parent.label}
            ]
    if question is not None and question.pk and "kind" not in errors:
        allowed = _answers_of(kind, cleaned_choices)
        for dependant in Question.objects.filter(show_if_question_id=question.pk):
            if dependant.show_if_value not in allowed:
                errors.setdefault(
                    "choices_text" if kind in (QuestionKind.CHOICE, QuestionKind.MULTIPLE) else "kind", []
                ).append(
                    _(
                        "“%(question)s” is shown when this question is answered “%(answer)s”: "
                        "keep that answer, or change that question first."
                    )
                    % {"question": dependant.label, "answer": dependant.show_if_value}
                )
            elif (dependant.order, dependant.pk) <= (order, question.pk):
                errors.setdefault("order", []).append(
                    _(
                        "“%(question)s” depends on this question and must stay after it: "
                        "give this question an order lower than %(order)d."
                    )
                    % {"question": dependant.label, "order": dependant.order}
                )
    if errors:
        raise ApplicationError(_("The question needs your attention."), errors=errors)
    question = question or Question(event=event)
    question.label = label
    question.help_text = help_text.strip()
    question.kind = kind
    question.choices = cleaned_choices
    question.required = required
    question.order = order
    question.show_if_question = parent
    question.show_if_value = show_if_value
    full_clean_or_raise(
        question, exclude=["event", "show_if_question"], message=_("The question needs your attention.")
    )
    question.save()
    return question


def _depends_on(candidate: Question, question: Question) -> bool:
    """Whether ``candidate`` is ``question`` or is shown only because of it (directly or not)."""
    seen = set()
    current = candidate
    while current is not None and current.pk not in seen:
        if current.pk == question.pk:
            return True
        seen.add(current.pk)
        current = current.show_if_question
    return False


def question_is_visible(question: Question, answers: dict) -> bool:
    parent = question.show_if_question
    if parent is None:
        return True
    value = answers.get(parent.code)
    if isinstance(value, list):
        return question.show_if_value in value
    return value == question.show_if_value


def answers_clean(*, questions: list[Question], raw: dict) -> dict:
    """Check the answers to an event's questions; hidden questions' answers are dropped.

    ``raw`` maps question codes (``q<id>``) to a string, or a list for multiple choice. Raises
    ApplicationError with one message per question code.
    """
    answers: dict = {}
    errors: dict = {}
    # parents come before their dependants (ordered by "order"), so visibility sees cleaned values
    for question in questions:
        if not question_is_visible(question, answers):
            continue
        value = raw.get(question.code)
        if question.kind == QuestionKind.MULTIPLE:
            values = [v for v in (value or []) if v] if isinstance(value, list) else ([value] if value else [])
            wrong = [v for v in values if v not in question.choices]
            if wrong:
                errors[question.code] = [_("Choose from the options given.")]
            elif question.required and not values:
                errors[question.code] = [_("Answer this question.")]
            elif values:
                answers[question.code] = values
            continue
        value = (value[0] if isinstance(value, list) and value else value) or ""
        value = str(value).strip()
        if not value:
            if question.required:
                errors[question.code] = [_("Answer this question.")]
            continue
        if question.kind == QuestionKind.CHOICE and value not in question.choices:
            errors[question.code] = [_("Choose from the options given.")]
        elif question.kind == QuestionKind.YES_NO and value not in ("yes", "no"):
            errors[question.code] = [_("Answer yes or no.")]
        elif len(value) > TEXT_ANSWER_MAX:
            errors[question.code] = [_("Keep the answer under %d characters.") % TEXT_ANSWER_MAX]
        else:
            answers[question.code] = value
    if errors:
        raise ApplicationError(_("Some answers need your attention."), errors=errors)
    return answers


def _registration_details_clean(
    *,
    event: Event,
    answers: dict | None,
    accessibility_needs: str,
    dietary_requirements: str,
    pronouns: str,
    support_requested: bool,
    support_reason: str,
) -> dict:
    """The checked answers; ApplicationError with one message per field for what is wrong."""
    errors = {}
    if support_requested and not support_reason.strip():
        errors["support_reason"] = [_("Tell the organisers what support you need.")]
    for field, value, limit in (
        ("accessibility_needs", accessibility_needs, 2000),
        ("dietary_requirements", dietary_requirements, 500),
        ("pronouns", pronouns, 50),
        ("support_reason", support_reason, 2000),
    ):
        if len(value) > limit:
            errors[field] = [_("Keep this under %d characters.") % limit]
    cleaned = {}
    try:
        cleaned = answers_clean(questions=list(event.questions.select_related("show_if_question")), raw=answers or {})
    except ApplicationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ApplicationError(_("Some answers need your attention."), errors=errors)
    return cleaned


def registration_can_change(registration: Registration, now=None) -> bool:
    """People change what they sent while their registration is active and registration is open."""
    return registration.state in ACTIVE_STATES and registration.event.registration_is_open(now)


def registration_update(
    *,
    registration: Registration,
    answers: dict | None = None,
    accessibility_needs: str = "",
    dietary_requirements: str = "",
    pronouns: str = "",
    support_requested: bool = False,
    support_reason: str = "",
    attendee_list_consent: bool = False,
) -> Registration:
    """Change what a person sent with their registration (not its state). Raises ApplicationError
    when registration has closed, the registration is no longer active, or an answer is wrong."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        registration.event = event
        if not registration_can_change(registration):
            raise ApplicationError(_("Registration has closed: what you sent can no longer be changed."))
        cleaned = _registration_details_clean(
            event=event,
            answers=answers,
            accessibility_needs=accessibility_needs,
            dietary_requirements=dietary_requirements,
            pronouns=pronouns,
            support_requested=support_requested,
            support_reason=support_reason,
        )
        registration.answers = cleaned
        registration.accessibility_needs = accessibility_needs.strip()
        registration.dietary_requirements = dietary_requirements.strip()
        registration.pronouns = pronouns.strip()
        registration.support_requested = support_requested
        registration.support_reason = support_reason.strip() if support_requested else ""
        registration.attendee_list_consent = attendee_list_consent
        full_clean_or_raise(registration, exclude=["event", "user"])
        registration.save()
        event_touch(event)
    return registration


def registration_create(
    *,
    event: Event,
    user: User,
    answers: dict | None = None,
    accessibility_needs: str = "",
    dietary_requirements: str = "",
    pronouns: str = "",
    support_requested: bool = False,
    support_reason: str = "",
    attendee_list_consent: bool = False,
) -> Registration:
    """Register a person: confirmed (automatic mode) or pending (manual mode) while seats are left,
    waitlisted when full and the waiting list is on. Raises ConflictError when the person is
    already registered or the event is full without a waiting list, ApplicationError when
    registration is closed or an answer is wrong. Nothing is stored when it raises."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        if event.status == EventStatus.CANCELLED:
            raise ApplicationError(_("This event is cancelled."))
        if not event.registration_is_open():
            raise ApplicationError(_("Registration for this event is closed."))
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing and existing.state in ACTIVE_STATES:
            raise ConflictError(_("You are already registered for this event."))
        if existing and existing.state == RegistrationState.DECLINED:
            raise ConflictError(_("The organisers declined your registration for this event."))
        cleaned = _registration_details_clean(
            event=event,
            answers=answers,
            accessibility_needs=accessibility_needs,
            dietary_requirements=dietary_requirements,
            pronouns=pronouns,
            support_requested=support_requested,
            support_reason=support_reason,
        )

        left = seats_left(event)
        if left == 0 or (left is not None and _waitlist_exists(event)):
            if not event.waitlist_enabled:
                raise ConflictError(_("This event is full."))
            state = RegistrationState.WAITLISTED
        elif event.confirmation_mode == ConfirmationMode.MANUAL:
            state = RegistrationState.PENDING
        else:
            state = RegistrationState.CONFIRMED
        registration = existing or Registration(event=event, user=user)
        registration.state = state
        registration.answers = cleaned
        registration.accessibility_needs = accessibility_needs.strip()
        registration.dietary_requirements = dietary_requirements.strip()
        registration.pronouns = pronouns.strip()
        registration.support_requested = support_requested
        registration.support_reason = support_reason.strip() if support_requested else ""
        registration.attendee_list_consent = attendee_list_consent
        registration.offer_expires_at = None
        registration.created_at = timezone.now()
        registration.checked_in_at = None
        full_clean_or_raise(registration, exclude=["event", "user"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:
            raise ConflictError(_("You are already registered for this event.")) from exc
        what = {
            RegistrationState.CONFIRMED: "confirmed",
            RegistrationState.PENDING: "received",
            RegistrationState.WAITLISTED: "waitlisted",
        }[state]
        _notify(registration, what, attach_ical=state == RegistrationState.CONFIRMED)
        event_touch(event)
    return registration


def _waitlist_exists(event: Event) -> bool:
    """People already waiting without an offer keep their place in front of newcomers."""
    return event.registrations.filter(state=RegistrationState.WAITLISTED, offer_expires_at__isnull=True).exists()


def waitlist_promote(*, event: Event, now: datetime | None = None) -> list[Registration]:
    """Offer every free seat to the first people waiting, in the order they registered.

    Must run inside a transaction holding the event lock."""
    if event.status != EventStatus.PUBLISHED:
        return []
    left = seats_left(event)
    if left is None:  # the limit was lifted: everyone waiting gets an offer
        left = event.registrations.filter(state=RegistrationState.WAITLISTED).count()
    if left == 0:
        return []
    now = now or timezone.now()
    expires = now + timedelta(hours=event.offer_hours)
    offered = list(
        event.registrations.filter(state=RegistrationState.WAITLISTED, offer_expires_at__isnull=True)
        .select_related("user", "event")
        .order_by("created_at", "pk")[:left]
    )
    for registration in offered:
        registration.offer_expires_at = expires
        registration.save(update_fields=["offer_expires_at", "updated_at"])
        _notify(registration, "offered")
    return offered


def registration_accept_offer(*, registration: Registration) -> Registration:
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if not registration.has_offer:
            raise ConflictError(_("There is no seat offered to you for this event."))
        if registration.offer_expires_at < timezone.now():
            raise ConflictError(_("The offer has expired."))
        _state_set(registration, RegistrationState.CONFIRMED)
        _notify(registration, "confirmed", attach_ical=True)
        event_touch(event)
    return registration


def registration_cancel(*, registration: Registration) -> Registration:
    """The person cancels; a seat they held goes to the waiting list."""
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.state not in ACTIVE_STATES:
            raise ConflictError(_("This registration is not active."))
        freed = registration.holds_seat
        _state_set(registration, RegistrationState.CANCELLED)
        _notify(registration, "cancelled")
        if freed:
            waitlist_promote(event=event)
        event_touch(event)
    return registration


def registration_confirm(*, registration: Registration) -> Registration:
    """An organiser confirms a pending or waitlisted registration, if a seat is free."""
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.state == RegistrationState.CONFIRMED:
            raise ConflictError(_("%(name)s is already confirmed.") % {"name": registration.user.full_name})
        if registration.state not in (RegistrationState.PENDING, RegistrationState.WAITLISTED):
            raise ConflictError(_("Only pending or waitlisted registrations can be confirmed."))
        left = seats_left(event)
        if left is not None and not registration.has_offer and left == 0:
            raise ConflictError(
                _("No seat is left: %(name)s stays where they are.") % {"name": registration.user.full_name}
            )
        _state_set(registration, RegistrationState.CONFIRMED)
        _notify(registration, "confirmed", attach_ical=True)
        event_touch(event)
    return registration


def registration_decline(*, registration: Registration) -> Registration:
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.state not in (RegistrationState.PENDING, RegistrationState.WAITLISTED):
            raise ConflictError(_("Only pending or waitlisted registrations can be declined."))
        freed = registration.has_offer
        _state_set(registration, RegistrationState.DECLINED)
        _notify(registration, "declined")
        if freed:
            waitlist_promote(event=event)
        event_touch(event)
    return registration


def registrations_decide(*, event: Event, ids: list[int], decision: str) -> tuple[int, list[str]]:
    """Bulk confirm or decline; each registration is its own transaction. Returns (done, problems)."""
    action = {"confirm": registration_confirm, "decline": registration_decline}.get(decision)
    if action is None:
        raise ApplicationError(_("Choose confirm or decline."), field="decision")
    done, problems = 0, []
    for registration in event.registrations.filter(pk__in=ids).order_by("created_at", "pk"):
        try:
            action(registration=registration)
            done += 1
        except ApplicationError as exc:
            problems.append(exc.message)
    return done, problems


def offers_expire(*, now: datetime | None = None) -> int:
    """Cancel offers not taken in time and pass the seats on; returns how many expired."""
    now = now or timezone.now()
    event_ids = set(
        Registration.objects.filter(state=RegistrationState.WAITLISTED, offer_expires_at__lt=now).values_list(
            "event_id", flat=True
        )
    )
    expired = 0
    for event_id in event_ids:
        with transaction.atomic():
            event = _locked_event(event_id)
            registrations = list(
                event.registrations.filter(state=RegistrationState.WAITLISTED, offer_expires_at__lt=now).select_related(
                    "user"
                )
            )
            for registration in registrations:
                _state_set(registration, RegistrationState.CANCELLED)
                registration.event = event
                _notify(registration, "cancelled", offer_expired=True)
                expired += 1
            waitlist_promote(event=event, now=now)
            event_touch(event)
    return expired


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind confirmed people of an event starting within three days, once each."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(
        state=RegistrationState.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(days=REMINDER_DAYS),
    ).select_related("user", "event")
    sent = 0
    for registration in registrations:
        with transaction.atomic():
            # the guarded update makes a second sweep (or a second worker) skip it
            if Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                _notify(registration, "reminder")
                sent += 1
    return sent


def registration_check_in(*, event: Event, registration: Registration) -> Registration:
    if registration.event_id != event.pk:
        raise ApplicationError(_("This registration is for another event."))
    if registration.state != RegistrationState.CONFIRMED:
        raise ConflictError(
            _("%(name)s is not confirmed (%(state)s).")
            % {"name": registration.user.full_name, "state": registration.get_state_display()}
        )
    updated = Registration.objects.filter(pk=registration.pk, checked_in_at__isnull=True).update(
        checked_in_at=timezone.now()
    )
    if not updated:
        raise ConflictError(_("%(name)s is already checked in.") % {"name": registration.user.full_name})
    registration.refresh_from_db()
    return registration


# --- agenda ------------------------------------------------------------------------------------


def session_save(*, event: Event, session: AgendaSession | None = None, proposals=None, **data) -> AgendaSession:
    """Save an agenda session; presenters default to those of the confirmed proposals it shows."""
    room = data.get("room")
    if room is not None and room.event_id != event.pk:
        raise ApplicationError(_("Choose a room of this event."), field="room")
    proposals = list(proposals or [])
    if any(p.event_id != event.pk or p.state != ProposalState.CONFIRMED for p in proposals):
        raise ApplicationError(_("Only confirmed proposals of this event can go on the agenda."), field="proposals")
    session = session or AgendaSession(event=event)
    for field, value in data.items():
        setattr(session, field, value)
    if proposals and not session.presenters.strip():
        names = []
        for proposal in proposals:
            names.append(proposal.submitter.full_name)
            names += [c.name for c in proposal.co_presenters.all() if c.accepted_at]
        session.presenters = ", ".join(dict.fromkeys(names))[:500]
    with transaction.atomic():
        full_clean_or_raise(session)
        session.save()
        session.proposals.set(proposals)
        event_touch(event)
    return session


def session_delete(*, session: AgendaSession) -> None:
    with transaction.atomic():
        session.delete()
        event_touch(session.event)


def room_create(*, event: Event, name: str, capacity: int | None = None) -> Room:
    room = Room(event=event, name=name.strip(), capacity=capacity, order=event.rooms.count())
    full_clean_or_raise(room)
    room.save()
    event_touch(event)
    return room


def star_toggle(*, user: User, session: AgendaSession) -> bool:
    """Add a session to the person's agenda, or take it out; returns True when it is now starred."""
    deleted, _unused = Star.objects.filter(user=user, session=session).delete()
    if deleted:
        return False
    Star.objects.get_or_create(user=user, session=session)
    return True


def agenda_feed_for(*, user: User) -> AgendaFeed:
    feed, _created = AgendaFeed.objects.get_or_create(user=user)
    return feed


def agenda_feed_reset(*, user: User) -> AgendaFeed:
    AgendaFeed.objects.filter(user=user).delete()
    return AgendaFeed.objects.create(user=user)
