"""Reports API: results shape with null for suppressed counts, jobs, IRO scoping and refusals."""

import pytest

from surveys.disclosure import published_values
from surveys.models import Answer
from surveys.reports.models import ReportJob

pytestmark = pytest.mark.django_db


def results_url(survey):
    return f"/api/v1/surveys/{survey.slug}/results/"


def reports_url(survey):
    return f"/api/v1/surveys/{survey.slug}/reports/"


def test_results_shape_for_a_manager(survey, survey_manager, api_client):
    api_client.force_authenticate(survey_manager)
    body = api_client.get(results_url(survey), {"breakdown": "went"}).json()
    assert (body["responses"], body["k"], body["institution"]) == (65, 5, None)
    went = next(q for q in body["questions"] if q["code"] == "went")
    assert went == {
        "code": "went",
        "type": "yes_no",
        "n": 65,
        "counts": {
            "yes": Answer.objects.filter(question__code="went", choice__code="yes").count(),
            "no": Answer.objects.filter(question__code="went", choice__code="no").count(),
        },
    }
    groups = body["breakdown"]["groups"]
    assert body["breakdown"]["question"] == "went"
    assert set(groups) == {"yes", "no"}
    income = next(q for q in groups["yes"]["questions"] if q["code"] == "income")
    assert set(income["counts"]) == {"low", "high", "prefer_not_to_say"}


def test_results_null_means_suppressed(uni_a, survey_manager, api_client):
    from surveys.tests.factories import make_survey

    from .helpers import add_response

    survey = make_survey(k=5, slug="nulls")
    for i in range(8):
        add_response(survey, went="yes" if i < 6 else "no")
    api_client.force_authenticate(survey_manager)
    body = api_client.get(results_url(survey)).json()
    assert next(q for q in body["questions"] if q["code"] == "went")["counts"] == {"yes": None, "no": None}


def test_results_for_iro_officers_are_scoped(survey, officer_a, officer_b, uni_a, uni_b, api_client):
    api_client.force_authenticate(officer_a)
    body = api_client.get(results_url(survey)).json()
    assert body["institution"] == "uni-a"
    assert body["responses"] in published_values(40, 5)  # protected: near 40, never exact by rule
    assert api_client.get(results_url(survey), {"institution": "uni-b"}).status_code == 404
    api_client.force_authenticate(officer_b)
    assert api_client.get(results_url(survey)).json()["responses"] in published_values(25, 5)


def test_results_refused_to_others_and_bad_input(survey, user, survey_manager, api_client):
    assert api_client.get(results_url(survey)).status_code in (401, 403)
    api_client.force_authenticate(user)
    assert api_client.get(results_url(survey)).status_code == 403
    api_client.force_authenticate(survey_manager)
    assert api_client.get("/api/v1/surveys/nope/results/").status_code == 404
    bad = api_client.get(results_url(survey), {"breakdown": "comment"})
    assert bad.status_code == 400 and "breakdown" in bad.json()["errors"]
    assert api_client.get(results_url(survey), {"date_from": "yesterday"}).status_code == 400
    assert api_client.get(results_url(survey), {"answer": "went:maybe"}).status_code == 400


def test_post_report_gives_202_and_get_follows_it(
    survey, survey_manager, api_client, django_capture_on_commit_callbacks
):
    api_client.force_authenticate(survey_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            reports_url(survey), {"format": "csv", "breakdown": None, "filters": {"language": "fr"}}, format="json"
        )
    assert response.status_code == 202
    job_id = response.json()["id"]
    body = api_client.get(f"/api/v1/reports/{job_id}/").json()
    assert (body["status"], body["progress"], body["format"]) == ("done", 100, "csv")
    assert body["download_url"].endswith(f"/reports/{job_id}/download/")
    assert body["filters"] == {"language": "fr"}


def test_same_request_while_running_returns_the_same_job(survey, survey_manager, api_client):
    api_client.force_authenticate(survey_manager)
    first = api_client.post(reports_url(survey), {"format": "pdf"}, format="json").json()
    second = api_client.post(reports_url(survey), {"format": "pdf"}, format="json").json()
    assert first["id"] == second["id"]
    assert first["status"] == "queued"
    assert ReportJob.objects.count() == 1


def test_iro_officer_gets_403_for_record_level_formats(survey, officer_a, api_client):
    api_client.force_authenticate(officer_a)
    for fmt in ("csv", "sav", "dta"):
        assert api_client.post(reports_url(survey), {"format": fmt}, format="json").status_code == 403
    for fmt in ("pdf", "json", "xlsx"):
        response = api_client.post(reports_url(survey), {"format": fmt}, format="json")
        assert response.status_code == 202
        assert response.json()["institution"] == "uni-a"
    assert set(ReportJob.objects.values_list("format", flat=True)) == {"pdf", "json", "xlsx"}


def test_report_job_visible_to_requester_and_managers_only(survey, officer_a, officer_b, survey_manager, api_client):
    api_client.force_authenticate(officer_a)
    job_id = api_client.post(reports_url(survey), {"format": "json"}, format="json").json()["id"]
    api_client.force_authenticate(officer_b)
    assert api_client.get(f"/api/v1/reports/{job_id}/").status_code == 404
    api_client.force_authenticate(survey_manager)
    assert api_client.get(f"/api/v1/reports/{job_id}/").status_code == 200
    api_client.force_authenticate(None)
    assert api_client.get(f"/api/v1/reports/{job_id}/").status_code in (401, 403)


def test_bad_report_requests(survey, survey_manager, user, api_client):
    api_client.force_authenticate(survey_manager)
    assert api_client.post(reports_url(survey), {"format": "docx"}, format="json").status_code == 400
    assert (
        api_client.post(reports_url(survey), {"format": "csv", "breakdown": "nope"}, format="json").status_code == 400
    )
    assert api_client.post(reports_url(survey), {"format": "csv", "filters": []}, format="json").status_code == 400
    bad_date = api_client.post(reports_url(survey), {"format": "csv", "filters": {"date_from": "x"}}, format="json")
    assert bad_date.status_code == 400 and "detail" in bad_date.json()
    api_client.force_authenticate(user)
    assert api_client.post(reports_url(survey), {"format": "pdf"}, format="json").status_code == 403
    assert ReportJob.objects.count() == 0


def test_breakdown_by_country_hides_groups_below_k(survey, survey_manager, api_client):
    from .helpers import add_response

    for _ in range(2):
        add_response(survey, went="yes", country="LV", income="low")
    api_client.force_authenticate(survey_manager)
    response = api_client.get(results_url(survey), {"breakdown": "country"})
    assert response.status_code == 200, response.json()
    groups = response.json()["breakdown"]["groups"]
    assert set(groups) == {"FR", "DE", "LV"}
    country_of = dict(Answer.objects.filter(question__code="country").values_list("response_id", "value_text"))
    went_yes = Answer.objects.filter(question__code="went", choice__code="yes").values_list("response_id", flat=True)
    for code in ("FR", "DE"):
        # exact when shown; one of them may be hidden too, so that Latvia's is not the total minus the rest
        assert groups[code]["n"] in (None, list(country_of.values()).count(code))
        went = next(q for q in groups[code]["questions"] if q["code"] == "went")
        assert went["counts"]["yes"] in (None, sum(1 for r in went_yes if country_of.get(r) == code))
    assert [groups[code]["n"] for code in ("FR", "DE")].count(None) <= 1
    # two respondents from Latvia: the group and every non-empty cell of it are suppressed
    assert groups["LV"]["n"] is None
    assert {count for q in groups["LV"]["questions"] for count in q["counts"].values()} <= {None, 0}
    assert next(q for q in groups["LV"]["questions"] if q["code"] == "went")["counts"]["yes"] is None


def test_breakdown_by_institution_names_the_institutions_and_suppresses_small_ones(
    uni_a, uni_b, survey_manager, api_client
):
    from surveys.tests.factories import make_survey

    from .helpers import add_response

    survey = make_survey(
        k=5,
        slug="by-uni",
        sections=[
            {
                "title": "Only",
                "questions": [
                    {"code": "uni", "type": "institution", "text": "Your institution?"},
                    {
                        "code": "went",
                        "type": "single",
                        "text": "Went?",
                        "choices": [{"code": "yes", "label": "Yes"}, {"code": "no", "label": "No"}],
                    },
                ],
            }
        ],
    )
    for i in range(7):
        add_response(survey, uni="uni-a", went="yes" if i < 5 else "no")
    for _ in range(2):
        add_response(survey, uni="uni-b", went="yes")
    for _ in range(6):
        add_response(survey, uni="other", went="no")
    api_client.force_authenticate(survey_manager)
    body = api_client.get(results_url(survey), {"breakdown": "uni"}).json()
    groups = body["breakdown"]["groups"]
    assert set(groups) == {"uni-a", "uni-b", "other"}
    # uni-b (2) is hidden, and the next smallest with it so that it cannot be worked out from the total
    assert (groups["uni-a"]["n"], groups["uni-b"]["n"], groups["other"]["n"]) == (7, None, None)
    assert groups["uni-a"]["questions"][0]["counts"]["yes"] in (5, None)
    assert groups["uni-a"]["questions"][0]["counts"]["no"] is None
    assert groups["uni-b"]["questions"] == [{"code": "went", "counts": {"yes": None, "no": 0}}]
    # a date or text question still cannot group
    bad = api_client.get(results_url(survey), {"breakdown": "went-nope"})
    assert bad.status_code == 400 and "breakdown" in bad.json()["errors"]


def test_an_institution_officer_breaks_down_by_country_with_protected_figures(survey, officer_a, api_client):
    api_client.force_authenticate(officer_a)
    response = api_client.get(results_url(survey), {"breakdown": "country"})
    assert response.status_code == 200, response.json()
    groups = response.json()["breakdown"]["groups"]
    assert set(groups) <= {"FR", "DE"}
    for code, group in groups.items():
        true_n = Answer.objects.filter(
            question__code="country", value_text=code, response__institution__slug="uni-a"
        ).count()
        assert group["n"] is None or group["n"] in published_values(true_n, 5)


def test_the_schema_documents_the_results_parameters_and_a_surveys_sections(api_client):
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {
        p["name"]: p
        for p in schema["paths"]["/api/v1/surveys/{slug}/results/"]["get"]["parameters"]
        if p["in"] == "query"
    }
    assert set(parameters) == {
        "institution",
        "period",
        "date_from",
        "date_to",
        "language",
        "verified_only",
        "answer",
        "breakdown",
    }
    assert parameters["date_from"]["schema"]["format"] == "date"
    assert parameters["verified_only"]["schema"]["type"] == "boolean"
    assert parameters["answer"]["schema"]["type"] == "array"
    create = schema["paths"]["/api/v1/surveys/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    spec = schema["components"]["schemas"][create["$ref"].rsplit("/", 1)[1]]
    assert set(spec["required"]) == {"title", "sections"}
    assert spec["properties"]["sections"]["minItems"] == 1


def test_a_survey_without_sections_is_refused_as_the_schema_says(survey_manager, api_client):
    api_client.force_authenticate(survey_manager)
    response = api_client.post("/api/v1/surveys/", {"title": "No sections"}, format="json")
    assert response.status_code == 400
    assert "sections" in response.json()["errors"]


def test_a_report_downloads_with_the_api_token_that_asked_for_it_and_not_with_another(
    survey, survey_manager, officer_a, officer_b, uni_a, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    from accounts.services import api_token_create

    def token_client(user):
        _token, secret = api_token_create(user=user, second_factor=True)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client

    owner = token_client(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(reports_url(survey), {"format": "json", "filters": {}}, format="json")
    assert response.status_code == 202, response.json()
    job_id = response.json()["id"]
    download_url = owner.get(f"/api/v1/reports/{job_id}/").json()["download_url"]
    assert download_url.endswith(f"/api/v1/reports/{job_id}/download/")
    download = owner.get(download_url, HTTP_ACCEPT="application/json, */*")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"{")
    # another person's token: the job does not exist for them
    refused = token_client(officer_b).get(download_url)
    assert refused.status_code == 404
    assert refused.json()["errors"] == {}
    assert APIClient().get(download_url).status_code in (401, 403)
    assert owner.get("/api/v1/reports/999999/download/").status_code == 404
