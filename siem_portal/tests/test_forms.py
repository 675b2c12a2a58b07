from django import forms

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error


class NameForm(forms.Form):
    name = forms.CharField()


def _form():
    form = NameForm({"name": "x"})
    assert form.is_valid()
    return form


def test_error_lands_on_its_field():
    form = _form()
    form_add_application_error(form, ApplicationError("Taken.", field="name"))
    assert form.errors == {"name": ["Taken."]}


def test_error_of_an_unknown_field_goes_to_the_top_named_when_asked():
    form = _form()
    form_add_application_error(form, ApplicationError("Bad", errors={"q7": ["Out of range."]}))
    assert form.non_field_errors() == ["Out of range."]
    form = _form()
    form_add_application_error(
        form, ApplicationError("Bad", errors={"q7": ["Out of range."]}), name_unknown_fields=True
    )
    assert form.non_field_errors() == ["q7: Out of range."]


def test_plain_error_goes_to_the_top():
    form = _form()
    form_add_application_error(form, ApplicationError("The survey is closed."))
    assert form.non_field_errors() == ["The survey is closed."]
