"""Errors raised by services when a domain rule is broken: the one set every app uses.

Views turn them into form errors or messages; the API exception handler (``siem_portal/api_errors.py``)
turns them into JSON bodies with status 400, 403 (``ForbiddenError``) or 409 (``ConflictError``).
``full_clean_or_raise`` is the one way a service validates a model: Django's ValidationError never
leaves a service.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError


class ApplicationError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.message = str(message)
        self.field = field
        # errors maps a field (or a question code) to a list of messages
        self.errors = errors or ({field: [self.message]} if field else {})


class ConflictError(ApplicationError):
    """The request is valid but clashes with what already exists (already registered, closed...)."""

    status_code = 409


class ForbiddenError(ApplicationError, PermissionDenied):
    """This person may not do this (not signed in, not invited, not theirs).

    A view may catch it like any ApplicationError to say why on its page; when it escapes a view it is
    Django's PermissionDenied, answered by the 403 page; the API answers 403 with its message.
    """

    status_code = 403


def full_clean_or_raise(instance, *, exclude=None, message: str | None = None, validate_constraints=True) -> None:
    """``instance.full_clean()``, with Django's ValidationError turned into an ApplicationError whose
    ``errors`` name each field (errors about no field in particular under ``__all__``).

    ``message`` is the error's sentence; by default the messages themselves, joined.
    """
    try:
        instance.full_clean(exclude=exclude, validate_constraints=validate_constraints)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        field = next((name for name in errors if name != NON_FIELD_ERRORS), None)
        text = message or " ".join(m for messages in errors.values() for m in messages)
        raise ApplicationError(text, field=field, errors=errors) from exc
