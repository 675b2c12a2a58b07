"""The one set of errors (siem_portal/exceptions.py): what a person sees for each, on a page and in the API."""

import pytest
from django import forms
from django.core.handlers.exception import response_for_exception
from django.test import RequestFactory

from accounts.models import EmailOptOut
from siem_portal.api_errors import exception_handler
from siem_portal.exceptions import ApplicationError, ForbiddenError, full_clean_or_raise
from siem_portal.forms import form_add_application_error
from surveys.models import Invitation
from surveys.tests.factories import make_survey
from surveys.tests.test_services import GOOD

pytestmark = pytest.mark.django_db


class OptOutForm(forms.Form):
    kind = forms.CharField()


def test_full_clean_or_raise_gives_each_field_its_messages(user):
    with pytest.raises(ApplicationError) as caught:
        full_clean_or_raise(EmailOptOut(user=user, kind="x" * 65))
    assert caught.value.status_code == 400
    assert caught.value.field == "kind"
    assert caught.value.errors == {"kind": ["Ensure this value has at most 64 characters (it has 65)."]}
    assert caught.value.message == "Ensure this value has at most 64 characters (it has 65)."
    full_clean_or_raise(EmailOptOut(user=user, kind="x" * 65), exclude=["kind"])  # nothing left to refuse


def test_full_clean_or_raise_keeps_the_callers_sentence(user):
    with pytest.raises(ApplicationError) as caught:
        full_clean_or_raise(EmailOptOut(user=user, kind=""), message="Please correct the opt-out.")
    assert caught.value.message == "Please correct the opt-out."
    assert caught.value.errors == {"kind": ["This field cannot be blank."]}


def test_a_model_error_lands_on_its_form_field_and_a_constraint_at_the_top(user):
    form = OptOutForm(data={"kind": "x"})
    assert form.is_valid()
    with pytest.raises(ApplicationError) as caught:
        full_clean_or_raise(EmailOptOut(user=user, kind="x" * 65))
    form_add_application_error(form, caught.value)
    assert form.errors["kind"] == ["Ensure this value has at most 64 characters (it has 65)."]

    EmailOptOut.objects.create(user=user, kind="digest")
    form = OptOutForm(data={"kind": "digest"})
    assert form.is_valid()
    with pytest.raises(ApplicationError) as caught:
        full_clean_or_raise(EmailOptOut(user=user, kind="digest"))
    assert list(caught.value.errors) == ["__all__"]
    form_add_application_error(form, caught.value, name_unknown_fields=True)
    assert form.non_field_errors() == caught.value.errors["__all__"]  # no "__all__: " before the sentence
    assert "kind" not in form.errors


def test_the_api_names_a_constraint_error_non_field_errors(user):
    EmailOptOut.objects.create(user=user, kind="digest")
    with pytest.raises(ApplicationError) as caught:
        full_clean_or_raise(EmailOptOut(user=user, kind="digest"))
    response = exception_handler(caught.value, {})
    assert response.status_code == 400
    assert list(response.data["errors"]) == ["non_field_errors"]
    assert response.data["detail"] == response.data["errors"]["non_field_errors"][0]


def test_forbidden_in_the_api_is_403_with_its_sentence(api_client):
    survey = make_survey(access="invitation")
    Invitation.objects.create(survey=survey, email="a@example.org")
    url = f"/api/v1/surveys/{survey.slug}/responses/"
    response = api_client.post(url, {"answers": GOOD, "consent": True, "token": "nope"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "This invitation link is not valid.", "errors": {}}


def test_forbidden_on_a_page_says_why_with_403(client):
    survey = make_survey(access="invitation")
    response = client.get(f"/surveys/{survey.slug}/")
    assert response.status_code == 403
    assert "by invitation only" in response.content.decode()


def test_forbidden_escaping_a_view_is_the_403_page_or_the_api_shape():
    page = response_for_exception(RequestFactory().get("/manage/"), ForbiddenError("Not yours."))
    assert page.status_code == 403
    assert "<html" in page.content.decode()
    api = response_for_exception(RequestFactory().get("/api/v1/me/"), ForbiddenError("Not yours."))
    assert api.status_code == 403
    assert api["Content-Type"] == "application/json"


def test_services_validate_models_only_through_full_clean_or_raise():
    """A service calling ``full_clean()`` itself would let Django's ValidationError escape (a 500 on a page)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in root.glob("*/services*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ".full_clean(" in line
    ]
    offenders += [
        f"{path.relative_to(root)}:{number}"
        for path in root.glob("*/*/services*.py")
        if ".venv" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ".full_clean(" in line
    ]
    assert offenders == []
