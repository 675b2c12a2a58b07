import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import UserFactory, give_role, give_totp, totp_code

pytestmark = pytest.mark.django_db


def test_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "moderator",
        "event_organiser",
        "survey_manager",
        "editor",
    }


def test_student_cannot_open_manage(client, user):
    client.force_login(user)
    assert client.get("/manage/").status_code == 403


def test_anonymous_is_sent_to_login_from_manage(client):
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_moderator_opens_manage(client, moderator):
    client.force_login(moderator)
    assert client.get("/manage/").status_code == 200


def test_staff_role_without_second_factor_is_sent_to_set_one_up(client, settings):
    settings.SIEM_REQUIRE_MFA_FOR_STAFF = True
    editor = give_role(UserFactory(), "editor")
    client.force_login(editor)
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_staff_role_with_totp_must_enter_the_code_in_this_session(client, settings):
    settings.SIEM_REQUIRE_MFA_FOR_STAFF = True
    editor = give_role(UserFactory(), "editor")
    secret = give_totp(editor)
    client.force_login(editor)  # a session that passed the password only
    response = client.get("/manage/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fmanage%2F"
    response = client.post("/accounts/2fa/reauthenticate/?next=/manage/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/manage/").status_code == 200


def test_student_is_not_asked_for_a_second_factor(client, settings, user):
    settings.SIEM_REQUIRE_MFA_FOR_STAFF = True
    client.force_login(user)
    assert client.get("/me/").status_code == 200
