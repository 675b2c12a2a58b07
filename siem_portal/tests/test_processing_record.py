"""The record of processing activities (GDPR Art. 30), generated from the privacy registry."""

import io

import openpyxl
import pandas as pd
import pytest
from django.contrib.auth.models import Group

from siem_portal.registry import ProcessingActivity, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def dpo(db):
    from accounts.tests.factories import UserFactory

    person = UserFactory()
    person.groups.add(Group.objects.get_or_create(name="data_protection_officer")[0])
    return person


def test_every_model_with_personal_data_is_in_a_processing_activity():
    """A model that an app declares as holding personal data must appear in the record."""
    in_record = {model for activity in registry.processing for model in activity.models}
    missing = [m._meta.label for handler in registry.privacy for m in handler.models if m not in in_record]
    assert missing == []


def test_every_activity_is_complete():
    assert len(registry.processing) >= 7
    for activity in registry.processing:
        assert isinstance(activity, ProcessingActivity)
        for field in ("name", "purpose", "legal_basis", "data_subjects", "data_categories", "retention", "recipients"):
            assert str(getattr(activity, field)).strip(), f"{activity.code} lacks {field}"
    special = {a.code for a in registry.processing if a.special_categories}
    assert "survey_special_categories" in special
    survey = next(a for a in registry.processing if a.code == "survey_special_categories")
    assert "9(2)(a)" in str(survey.legal_basis)


def test_dpo_downloads_the_record_as_csv_read_by_pandas(client, dpo):
    client.force_login(dpo)
    response = client.get("/manage/processing-record.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    assert len(frame) == len(registry.processing)
    assert list(frame.columns)[:3] == ["Processing", "Purpose", "Legal basis"]
    assert set(frame["Special categories (GDPR Art. 9)"]) == {"yes", "no"}
    assert "surveys_response" in " ".join(frame["Where it is stored (database tables)"])


def test_dpo_downloads_the_record_as_xlsx(client, dpo):
    client.force_login(dpo)
    response = client.get("/manage/processing-record.xlsx")
    assert response.status_code == 200
    frame = pd.read_excel(io.BytesIO(response.content), sheet_name=0)
    assert len(frame) == len(registry.processing)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Processing activities", "About"]


def test_the_record_page_and_its_manage_link(client, dpo):
    client.force_login(dpo)
    manage = client.get("/manage/").content.decode()
    assert "/manage/processing-record/" in manage
    page = client.get("/manage/processing-record/")
    assert page.status_code == 200
    assert "Research surveys: special-category answers" in page.content.decode()


def test_the_record_in_the_requesters_language(client, dpo):
    client.force_login(dpo)
    response = client.get("/manage/processing-record.csv", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200  # the header is translated once the catalogue is


@pytest.mark.parametrize(
    "path", ["/manage/processing-record/", "/manage/processing-record.csv", "/manage/processing-record.xlsx"]
)
def test_others_may_not_read_the_record(client, user, editor, survey_manager, path):
    assert client.get(path).status_code == 302
    for person in (user, editor, survey_manager):
        client.force_login(person)
        assert client.get(path).status_code == 403


def test_superusers_may_read_the_record(client):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/manage/processing-record.csv").status_code == 200


def test_unknown_format_is_a_404(client, dpo):
    client.force_login(dpo)
    assert client.get("/manage/processing-record.pdf").status_code == 404
