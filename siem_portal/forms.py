"""What every app's views share about forms."""

from django.core.exceptions import NON_FIELD_ERRORS

from .exceptions import ApplicationError


def form_add_application_error(form, exc: ApplicationError, *, name_unknown_fields: bool = False) -> None:
    """Show a service's ApplicationError on a form: each message on its field when the form has
    that field, otherwise at the top of the form (in the error summary).

    With ``name_unknown_fields`` a message for a field the form does not have starts with the field's
    name, for errors keyed by something the reader knows (a survey question's code).
    """
    if not exc.errors:
        form.add_error(None, exc.message)
        return
    for field, messages in exc.errors.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
            elif field == NON_FIELD_ERRORS:
                form.add_error(None, message)
            else:
                form.add_error(None, f"{field}: {message}" if name_unknown_fields else message)
