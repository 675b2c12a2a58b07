"""The one page gate: signed out -> sign-in page, refused -> 403 (or 404 when hidden), allowed -> the view."""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from accounts.models import User
from siem_portal.permissions import rule_required

rules.add_perm("siem_test.see_thing", rules.predicate(lambda user, obj: obj is None or obj == user.email))
rules.add_perm("siem_test.see_all", rules.always_deny)


def _view(request, *args, **kwargs):
    return HttpResponse(repr((args, kwargs)))


def _request(user):
    request = RequestFactory().get("/thing/x/?a=1")
    request.user = user
    return request


@pytest.mark.django_db
def test_signed_out_goes_to_sign_in_with_the_page_to_come_back_to():
    response = rule_required("siem_test.see_thing")(_view)(_request(AnonymousUser()))
    assert response.status_code == 302
    assert "next=/thing/x/%3Fa%3D1" in response["Location"]


@pytest.mark.django_db
def test_refused_is_403_or_404_when_hidden():
    user = User.objects.create_user(email="a@example.org", password="x")
    with pytest.raises(PermissionDenied):
        rule_required("siem_test.see_all")(_view)(_request(user))
    with pytest.raises(Http404):
        rule_required("siem_test.see_all", hide=True)(_view)(_request(user))


@pytest.mark.django_db
def test_the_object_is_checked_and_handed_to_the_view():
    user = User.objects.create_user(email="a@example.org", password="x")
    gate = rule_required("siem_test.see_thing", lambda request, slug: slug if slug != "none" else None, hide=True)
    response = gate(_view)(_request(user), slug="a@example.org")
    assert response.content == b"(('a@example.org',), {'slug': 'a@example.org'})"
    with pytest.raises(Http404):  # another person's object
        gate(_view)(_request(user), slug="b@example.org")
    with pytest.raises(Http404):  # no such object
        gate(_view)(_request(user), slug="none")
