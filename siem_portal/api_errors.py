from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ApplicationError


def exception_handler(exc, context):
    """One place that turns domain errors into JSON: never a 500 for bad input."""
    if isinstance(exc, ApplicationError):
        body = {"detail": exc.message}
        if exc.errors:
            body["errors"] = exc.errors
        return Response(body, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            errors = exc.message_dict
            detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
            return Response({"detail": detail, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (Http404, PermissionDenied)):
        return drf_exception_handler(exc, context)
    return drf_exception_handler(exc, context)
