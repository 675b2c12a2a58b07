"""Numbers no database can hold, and other odd ids, are a 400 on their field, never a server error."""

import pytest

from events.enums import ProposalState, RegistrationState
from events.models import Proposal, Registration

from .factories import EventFactory, ProposalFactory, ProposalTypeFactory, RegistrationFactory

ODD_IDS = [99999999999999999999999, 2**63, -1, 0, "seven", 1.5, True, None, [1], {"id": 1}]


@pytest.mark.parametrize("odd", ODD_IDS)
def test_registration_decisions_refuse_odd_ids(api_client, event_organiser, odd):
    event = EventFactory(organisers=[event_organiser], confirmation_mode="manual")
    pending = RegistrationFactory(event=event, state=RegistrationState.PENDING)
    api_client.force_authenticate(event_organiser)
    url = f"/api/v1/events/{event.slug}/registrations/decisions/"
    response = api_client.post(url, {"ids": [pending.pk, odd], "decision": "confirm"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["ids.1"]
    assert body["detail"].startswith("ids.1: ")
    assert Registration.objects.get(pk=pending.pk).state == RegistrationState.PENDING


@pytest.mark.parametrize("odd", ODD_IDS)
def test_proposal_decisions_refuse_odd_ids(api_client, event_organiser, odd):
    event = EventFactory(organisers=[event_organiser])
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event))
    api_client.force_authenticate(event_organiser)
    url = f"/api/v1/events/{event.slug}/proposals/decisions/"
    response = api_client.post(url, {"ids": [odd], "decision": "accept"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ids.0"]
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.SUBMITTED


def test_an_event_before_1970_is_refused_rather_than_given_back_with_an_offset_in_seconds(api_client, event_organiser):
    from events.models import Event

    api_client.force_authenticate(event_organiser)
    body = {
        "slug": "ancient",
        "kind": "conference",
        "title": "Ancient",
        "starts_at": "0245-05-19T04:48:54Z",
        "ends_at": "0245-05-19T06:48:54Z",
        "timezone": "Europe/Brussels",
    }
    response = api_client.post("/api/v1/events/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["starts_at"] == ["Enter a date between 1970 and 2199."]
    assert not Event.objects.filter(slug="ancient").exists()
