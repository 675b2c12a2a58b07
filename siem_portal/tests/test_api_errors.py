"""Every 4xx of the API has one shape: {"detail": str, "errors": {field: [messages]}}."""

import pytest

from events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _shape(response, *statuses):
    assert response.status_code in statuses
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body["errors"].values())
    return body


def test_each_kind_of_error_has_the_one_shape(api_client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    url = f"/api/v1/events/{event.slug}/registrations/decisions/"
    assert _shape(api_client.get("/api/v1/me/"), 401, 403)["errors"] == {}
    assert _shape(api_client.get("/api/v1/events/no-such-event/"), 404)["errors"] == {}
    api_client.force_authenticate(event_organiser)
    assert _shape(api_client.put("/api/v1/me/", {}, format="json"), 405)["errors"] == {}
    malformed = api_client.post(url, "{not json", content_type="application/json")
    assert _shape(malformed, 400)["errors"] == {}
    body = _shape(api_client.post(url, {"ids": ["x"], "decision": "maybe"}, format="json"), 400)
    assert body["errors"] == {
        "ids.0": ["A valid integer is required."],
        "decision": ['"maybe" is not a valid choice.'],
    }
    assert body["detail"] == 'ids.0: A valid integer is required.; decision: "maybe" is not a valid choice.'


def test_forbidden_has_the_one_shape(api_client, user, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    api_client.force_authenticate(user)
    body = _shape(api_client.get(f"/api/v1/events/{event.slug}/registrations/"), 403)
    assert body["errors"] == {}


def test_a_section_number_no_integer_can_hold_is_a_400(api_client, survey_manager):
    from surveys.tests.factories import make_survey

    make_survey(slug="numbers")
    api_client.force_authenticate(survey_manager)
    body = '{"section": 1e400, "code": "zz", "type": "integer", "text": "Z?"}'
    response = api_client.post("/api/v1/surveys/numbers/questions/", body, content_type="application/json")
    assert _shape(response, 400)["errors"] == {"section": ["There is no such section."]}
