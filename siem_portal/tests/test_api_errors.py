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


def test_an_unknown_api_address_answers_json_and_a_page_answers_html(client):
    body = _shape(client.get("/api/v1/no-such-thing/"), 404)
    assert body == {"detail": "Not found.", "errors": {}}
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


def test_the_schema_documents_the_error_shape_and_the_agenda_as_a_list(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail", "errors"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert operation["responses"]["4XX"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }, (method, path)
    agenda = schema["paths"]["/api/v1/events/{slug}/agenda/"]["get"]["responses"]["200"]
    assert agenda["content"]["application/json"]["schema"]["type"] == "array"
    story = schema["components"]["schemas"]["Story"]["properties"]["organisation"]
    assert story["nullable"] is True


@pytest.mark.parametrize("field", ["framework", "organisation"])
def test_a_related_id_no_database_can_hold_is_a_400_on_its_field(api_client, field):
    from impact.models import Assessment
    from impact.tests.factories import framework_make, organisation_with_admin

    framework = framework_make()
    organisation, admin = organisation_with_admin()
    api_client.force_authenticate(admin)
    body = {"framework": framework.pk, "organisation": organisation.pk, "title": "Big", field: 10**30}
    response = api_client.post("/api/v1/impact/assessments/", body, format="json")
    assert list(_shape(response, 400)["errors"]) == [field]
    assert not Assessment.objects.exists()
