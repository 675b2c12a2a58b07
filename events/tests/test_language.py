"""What the events app sends goes out in the recipient's language, whatever the sender's."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from events import services_cfp
from events.enums import RegistrationState

from .factories import EventFactory, ProposalFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_confirmation_email_is_in_spanish_for_a_spanish_registrant(
    client, event_organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(organisers=[event_organiser], confirmation_mode="manual", title="Summer School")
    student = UserFactory(full_name="Lucía Pérez", preferred_language="es")
    registration = RegistrationFactory(event=event, user=student, state=RegistrationState.PENDING)
    event_organiser.preferred_language = "en"
    event_organiser.save()
    client.force_login(event_organiser)
    url = reverse("events:manage-registrations", kwargs={"slug": event.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"ids": [registration.pk], "decision": "confirm"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Tu plaza está confirmada: Summer School"
    assert message.body.startswith("Hola, Lucía:")
    assert "Tu plaza en Summer School está confirmada." in message.body
    html = message.alternatives[0][0]
    assert "Tu plaza en Summer School está confirmada." in html
    assert '<html lang="es">' in html
    # the organiser's own page stayed English
    page = client.get(url)
    assert '<html lang="en">' in page.content.decode()


def test_co_presenter_invitation_in_the_invited_persons_language(django_capture_on_commit_callbacks):
    submitter = UserFactory(preferred_language="fr")
    UserFactory(email="cora@example.org", preferred_language="nl")
    proposal = ProposalFactory(submitter=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        services_cfp.co_presenter_invite(proposal=proposal, user=submitter, email="cora@example.org", name="Cora")
        services_cfp.co_presenter_invite(proposal=proposal, user=submitter, email="new@example.org", name="Noé")
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    title = proposal.event.title
    assert subjects == {
        "cora@example.org": f"Uitnodiging om samen te presenteren op {title}",
        # no account: the language of the person who invited them
        "new@example.org": f"Invitation à co-présenter lors de {title}",
    }


def test_personal_agenda_feed_is_named_in_the_owners_language(client):
    from events import services

    owner = UserFactory(preferred_language="nl")
    session = SessionFactory(event=EventFactory(), title="Workshop")
    services.star_toggle(user=owner, session=session)
    feed = services.agenda_feed_for(user=owner)
    response = client.get(reverse("events:agenda-feed", kwargs={"token": feed.token}), HTTP_ACCEPT_LANGUAGE="en")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Mijn programma"
