"""One error shape for every 4xx of the API: ``{"detail": "...", "errors": {field: [messages]}}``.

``detail`` is one sentence a person can read; ``errors`` names each field with its messages (empty
when the error is about the request as a whole: 401, 403, 404, 405, 429...). Nested fields are named
by their path (``ids.1``, ``ratings.0.score``); errors about no field in particular are under
``non_field_errors``, as DRF names them. Domain errors (``ApplicationError``), Django's and DRF's
validation errors and DRF's other exceptions all come through here; ``ERROR_SCHEMA`` in
siem_portal/api_schema.py documents the shape in the schema.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ApplicationError


def _flatten(data, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"path.to.field": [messages]}."""
    out: dict[str, list[str]] = {}
    if isinstance(data, dict):
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in _flatten(value, name).items():
                out.setdefault(field, []).extend(messages)
    elif isinstance(data, list) and any(isinstance(item, (dict, list)) for item in data):
        for index, value in enumerate(data):
            for field, messages in _flatten(value, f"{prefix}.{index}" if prefix else str(index)).items():
                out.setdefault(field, []).extend(messages)
    elif isinstance(data, list):
        out[prefix or "non_field_errors"] = [str(item) for item in data]
    elif data is not None and data != "":
        out[prefix or "non_field_errors"] = [str(data)]
    return {field: messages for field, messages in out.items() if messages}


def _summary(errors: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join(messages) if field == "non_field_errors" else f"{field}: {' '.join(messages)}"
        for field, messages in errors.items()
    )


def _body(detail: str, errors: dict | None = None) -> dict:
    errors = {("non_field_errors" if k == NON_FIELD_ERRORS else str(k)): v for k, v in (errors or {}).items()}
    return {"detail": detail, "errors": {k: [str(m) for m in v] for k, v in errors.items()}}


def exception_handler(exc, context):
    """Every error the API answers, as ``{"detail", "errors"}``: never a 500 for bad input."""
    if isinstance(exc, ApplicationError):
        errors = exc.errors or {}
        return Response(_body(exc.message, _flatten(errors) if errors else {}), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        errors = exc.message_dict if hasattr(exc, "message_dict") else {"non_field_errors": exc.messages}
        return Response(_body(_summary(errors), errors), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()  # the generic sentence, not Django's "No <model> matches the given query."
    response = drf_exception_handler(exc, context)  # also turns Django's PermissionDenied into a 403
    if response is None:
        return None  # not an API exception: a server error, left to Django to log and answer
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = _body(_summary(errors), errors)
    else:
        data = response.data  # {"detail": ...} as DRF wrote it, also for Django's PermissionDenied
        detail = data["detail"] if isinstance(data, dict) and "detail" in data else _summary(_flatten(data))
        errors = data.get("errors") if isinstance(data, dict) else None  # an exception raised in this shape
        response.data = _body(str(detail), _flatten(errors) if isinstance(errors, dict) else {})
    return response
