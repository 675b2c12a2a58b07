from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.enums import EventStatus, RegistrationState
from events.models import Event, Registration

from .factories import EventFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_list_upcoming_by_default_past_and_all(api_client):
    EventFactory(slug="soon")
    EventFactory(slug="draft", status=EventStatus.DRAFT)
    EventFactory(slug="old", starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=8))
    slugs = lambda url: [e["slug"] for e in api_client.get(url).json()["results"]]  # noqa: E731
    assert slugs("/api/v1/events/") == ["soon"]
    assert slugs("/api/v1/events/?when=past") == ["old"]
    assert sorted(slugs("/api/v1/events/?when=all")) == ["old", "soon"]
    response = api_client.get("/api/v1/events/?when=tomorrow")
    assert response.status_code == 400
    assert response.json()["errors"] == {"when": ["when must be upcoming, past or all."]}


@pytest.mark.parametrize("count", [1, 5])
def test_list_query_count(api_client, django_assert_max_num_queries, count):
    for _ in range(count):
        EventFactory()
    with django_assert_max_num_queries(2):
        assert api_client.get("/api/v1/events/").status_code == 200


def test_draft_is_404_except_for_its_organiser(api_client, user, event_organiser):
    event = EventFactory(status=EventStatus.DRAFT, organisers=[event_organiser])
    assert api_client.get(f"/api/v1/events/{event.slug}/").status_code == 404
    api_client.force_authenticate(user)
    assert api_client.get(f"/api/v1/events/{event.slug}/").status_code == 404
    api_client.force_authenticate(event_organiser)
    assert api_client.get(f"/api/v1/events/{event.slug}/").json()["slug"] == event.slug


def test_create_and_patch_for_organisers_only(api_client, user, event_organiser, other_user):
    data = {
        "title": "Webinar",
        "slug": "webinar",
        "kind": "webinar",
        "starts_at": "2031-01-01T10:00:00Z",
        "ends_at": "2031-01-01T11:00:00Z",
        "status": "published",
    }
    assert api_client.post("/api/v1/events/", data, format="json").status_code == 403
    api_client.force_authenticate(user)
    assert api_client.post("/api/v1/events/", data, format="json").status_code == 403
    api_client.force_authenticate(event_organiser)
    bad = api_client.post("/api/v1/events/", {**data, "ends_at": "2030-01-01T10:00:00Z"}, format="json")
    assert bad.status_code == 400
    assert "ends_at" in bad.json()["errors"]
    response = api_client.post("/api/v1/events/", data, format="json")
    assert response.status_code == 201
    assert list(Event.objects.get(slug="webinar").organisers.all()) == [event_organiser]
    assert api_client.patch("/api/v1/events/webinar/", {"title": "Webinar 2"}, format="json").json()["title"] == (
        "Webinar 2"
    )
    api_client.force_authenticate(other_user)
    assert api_client.patch("/api/v1/events/webinar/", {"title": "Hijack"}, format="json").status_code == 403
    assert Event.objects.get(slug="webinar").title == "Webinar 2"


def test_register_states_and_errors(api_client, user, other_user):
    event = EventFactory(capacity=1, waitlist_enabled=False)
    url = f"/api/v1/events/{event.slug}/registrations/"
    assert api_client.post(url, {}, format="json").status_code == 403
    api_client.force_authenticate(user)
    response = api_client.post(url, {"pronouns": "she/her"}, format="json")
    assert response.status_code == 201
    assert response.json()["state"] == "confirmed"
    again = api_client.post(url, {}, format="json")
    assert again.status_code == 409
    assert again.json()["detail"] == "You are already registered for this event."
    api_client.force_authenticate(other_user)
    assert api_client.post(url, {}, format="json").status_code == 409  # full, no waiting list
    closed = EventFactory(registration_closes_at=timezone.now() - timedelta(days=1))
    response = api_client.post(f"/api/v1/events/{closed.slug}/registrations/", {}, format="json")
    assert response.status_code == 400
    invalid = api_client.post(
        f"/api/v1/events/{EventFactory().slug}/registrations/", {"support_requested": True}, format="json"
    )
    assert invalid.status_code == 400
    assert "support_reason" in invalid.json()["errors"]
    assert Registration.objects.count() == 1


def test_waitlisted_through_api_then_cancel_mine(api_client, user, other_user, django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, user=user)
    api_client.force_authenticate(other_user)
    response = api_client.post(f"/api/v1/events/{event.slug}/registrations/", {}, format="json")
    assert response.json()["state"] == "waitlisted"
    api_client.force_authenticate(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.delete(f"/api/v1/events/{event.slug}/registrations/mine/")
    assert response.json()["state"] == "cancelled"
    assert Registration.objects.get(user=other_user).has_offer
    assert mail.outbox[-1].to == [other_user.email]
    assert api_client.delete(f"/api/v1/events/{EventFactory().slug}/registrations/mine/").status_code == 404


def test_organiser_registrations_and_decisions(api_client, user, event_organiser, django_capture_on_commit_callbacks):
    event = EventFactory(organisers=[event_organiser], confirmation_mode="manual")
    pending = RegistrationFactory(event=event, state=RegistrationState.PENDING, support_reason="Train")
    RegistrationFactory(event=event)
    url = f"/api/v1/events/{event.slug}/registrations/"
    api_client.force_authenticate(user)
    assert api_client.get(url).status_code == 403
    assert (
        api_client.post(url + "decisions/", {"ids": [pending.pk], "decision": "confirm"}, format="json").status_code
        == 403
    )
    api_client.force_authenticate(event_organiser)
    body = api_client.get(url + "?state=pending").json()
    assert [r["id"] for r in body["results"]] == [pending.pk]
    assert body["results"][0]["support_reason"] == "Train"
    other = RegistrationFactory()
    bad = api_client.post(url + "decisions/", {"ids": [other.pk], "decision": "confirm"}, format="json")
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        ok = api_client.post(url + "decisions/", {"ids": [pending.pk], "decision": "confirm"}, format="json")
    assert ok.json() == {"updated": 1, "problems": []}
    pending.refresh_from_db()
    assert pending.state == RegistrationState.CONFIRMED


@pytest.mark.parametrize("count", [5, 50])
def test_agenda_endpoint(api_client, django_assert_max_num_queries, count):
    event = EventFactory()
    for i in range(count):
        SessionFactory(event=event, presenters="Ana, Ben", starts_at=event.starts_at + timedelta(minutes=i))
    with django_assert_max_num_queries(3):
        body = api_client.get(f"/api/v1/events/{event.slug}/agenda/").json()
    assert len(body) == count
    assert body[0]["presenters"] == ["Ana", "Ben"]


def test_the_event_detail_lists_its_call_with_kinds_codes_and_deadlines(api_client, django_assert_max_num_queries):
    from .factories import ProposalTypeFactory

    event = EventFactory(slug="conf")
    now = timezone.now()
    ProposalTypeFactory(event=event, kind="poster", deadline=now + timedelta(days=3))
    ProposalTypeFactory(event=event, kind="ignite", deadline=now - timedelta(days=1))
    with django_assert_max_num_queries(3):
        body = api_client.get("/api/v1/events/conf/").json()
    call = body["call_for_proposals"]
    assert call["open"] is True
    assert datetime.fromisoformat(call["closes_at"]) == now + timedelta(days=3)
    assert [(k["proposal_kind"], k["label"], k["open"]) for k in call["kinds"]] == [
        ("ignite", "Ignite (5 minutes, 20 slides)", False),
        ("poster", "Poster", True),
    ]
    # the list stays light: the call is in the detail only
    assert "call_for_proposals" not in api_client.get("/api/v1/events/").json()["results"][0]


def test_an_event_without_a_call_says_null_and_a_closed_call_says_closed(api_client):
    from .factories import ProposalTypeFactory

    EventFactory(slug="no-call")
    assert api_client.get("/api/v1/events/no-call/").json()["call_for_proposals"] is None
    event = EventFactory(slug="closed-call")
    ProposalTypeFactory(event=event, kind="panel", deadline=timezone.now() - timedelta(hours=1))
    call = api_client.get("/api/v1/events/closed-call/").json()["call_for_proposals"]
    assert call["open"] is False
    assert [k["proposal_kind"] for k in call["kinds"]] == ["panel"]


def test_proposal_kind_is_a_named_enum_and_an_unknown_kind_is_a_400(api_client):
    from accounts.tests.factories import UserFactory

    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]
    assert components["ProposalKindEnum"]["enum"] == ["poster", "ignite", "workshop", "panel"]
    assert components["ProposalCreate"]["properties"]["proposal_kind"] == {
        "allOf": [{"$ref": "#/components/schemas/ProposalKindEnum"}],
        "description": components["ProposalCreate"]["properties"]["proposal_kind"]["description"],
    }
    assert "call_for_proposals" in components["EventDetail"]["properties"]
    EventFactory(slug="conf")
    api_client.force_authenticate(UserFactory())
    response = api_client.post(
        "/api/v1/events/conf/proposals/", {"proposal_kind": "keynote", "title": "T"}, format="json"
    )
    assert response.status_code == 400
    assert "proposal_kind" in response.json()["errors"]
