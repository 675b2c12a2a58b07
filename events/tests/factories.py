from datetime import timedelta

import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from events.enums import (
    ConfirmationMode,
    EventKind,
    EventStatus,
    ProposalKind,
    ProposalState,
    RegistrationState,
    SessionKind,
)
from events.models import AgendaSession, Event, Proposal, ProposalType, Question, Registration, Reviewer, Room


class EventFactory(factory.django.DjangoModelFactory):
    """A published conference in 30 days, open for registration, 10 seats, waiting list on."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.CONFERENCE
    title = factory.Sequence(lambda n: f"Conference {n}")
    slug = factory.Sequence(lambda n: f"conference-{n}")
    summary = "A day on inclusion in mobility."
    venue_name = "La Tricoterie"
    address = "Rue Théodore Verhaegen 158, 1060 Bruxelles"
    starts_at = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=30)).replace(second=0, microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=8))
    capacity = 10
    confirmation_mode = ConfirmationMode.AUTOMATIC
    waitlist_enabled = True
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.add(*extracted)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    label = factory.Sequence(lambda n: f"Question {n}")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    state = RegistrationState.CONFIRMED


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession

    event = factory.SubFactory(EventFactory)
    room = factory.SubFactory(RoomFactory, event=factory.SelfAttribute("..event"))
    kind = SessionKind.KEYNOTE
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class ProposalTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalType

    event = factory.SubFactory(EventFactory)
    kind = ProposalKind.POSTER
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))


class ProposalFactory(factory.django.DjangoModelFactory):
    """A submitted poster proposal."""

    class Meta:
        model = Proposal

    proposal_type = factory.SubFactory(ProposalTypeFactory)
    event = factory.SelfAttribute("proposal_type.event")
    submitter = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    abstract = "A practice that widens participation."
    topics = ["widening_participation"]
    state = ProposalState.SUBMITTED


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
