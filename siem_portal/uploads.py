"""Bounds on what people upload: a size cap per kind of file, and .xlsx archives checked before they are opened.

Every upload is capped twice: the whole request by ``RequestSizeLimitMiddleware``
(``SIEM_MAX_REQUEST_BYTES``, answered 413 before Django reads the body), and each file by the cap of
its kind, checked on the size the upload declares and again on what is read
(``upload_read``/``validate_upload_size``). An .xlsx is a zip archive: ``xlsx_check_archive`` reads
only its table of contents (``zipfile.infolist``) and refuses an archive whose members would unpack
to too much, or too much for their packed size, before any XML parser sees them. Python's zipfile
never returns more than a member's declared size, so the declared sizes are the real bound.
"""

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from .exceptions import ApplicationError

MB = 1024 * 1024
XLSFORM_MAX_BYTES = 5 * MB
ADDRESS_FILE_MAX_BYTES = 1 * MB
NEWS_IMAGE_MAX_BYTES = 5 * MB
# An .xlsx whose members unpack to more than this is refused before it is opened.
XLSX_MAX_UNPACKED_BYTES = 25 * MB
XLSX_MAX_MEMBERS = 1000
# Real workbooks compress their XML 5 to 30 times; a bomb far more. Small members are exempt
# (an empty sheet of 2 KB may well pack into 20 bytes).
XLSX_MAX_RATIO = 100
XLSX_RATIO_EXEMPT_BYTES = 1 * MB


def _megabytes(size: int) -> str:
    return _("%(n)s MB") % {"n": f"{size / MB:g}"}


def _too_large(max_bytes: int) -> str:
    return _("The file is larger than %(size)s.") % {"size": _megabytes(max_bytes)}


@deconstructible
class MaxSizeValidator:
    """A form field validator: refuses an uploaded file over ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes

    def __call__(self, upload):
        size = getattr(upload, "size", None)
        if size is not None and size > self.max_bytes:
            raise ValidationError(_too_large(self.max_bytes), code="file_too_large")

    def __eq__(self, other):
        return isinstance(other, MaxSizeValidator) and other.max_bytes == self.max_bytes


def upload_read(upload, max_bytes: int, *, field: str = "file") -> bytes:
    """The bytes of an upload, or ApplicationError when it is larger than ``max_bytes``.

    Checks the declared size first, then reads at most one byte more than the cap, so a client that
    lies about the size cannot make the server hold more than the cap in memory.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ApplicationError(_too_large(max_bytes), field=field)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ApplicationError(_too_large(max_bytes), field=field)
    return data


def xlsx_check_archive(data: bytes, *, field: str = "file") -> None:
    """Refuse an .xlsx (a zip archive) that would unpack to too much, before anything opens it."""
    not_xlsx = _("This file is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ApplicationError(not_xlsx, field=field) from None
    if len(members) > XLSX_MAX_MEMBERS:
        raise ApplicationError(not_xlsx, field=field)
    bomb = _(
        "This workbook would unpack to more than %(size)s or is compressed suspiciously well: "
        "save it again from a spreadsheet program, without empty formatted rows."
    ) % {"size": _megabytes(XLSX_MAX_UNPACKED_BYTES)}
    total = 0
    for member in members:
        total += member.file_size
        if total > XLSX_MAX_UNPACKED_BYTES:
            raise ApplicationError(bomb, field=field)
        if member.file_size > XLSX_RATIO_EXEMPT_BYTES and member.file_size > XLSX_MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise ApplicationError(bomb, field=field)


class RequestSizeLimitMiddleware:
    """Answer 413 to a request whose declared body is over ``SIEM_MAX_REQUEST_BYTES``, before it is read.

    Django caps form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but not files, which it streams to disk;
    this bounds every upload, the admin's included, whatever the view does. The proxy in front
    should have the same limit (nginx ``client_max_body_size 55m``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "SIEM_MAX_REQUEST_BYTES", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            message = _("The upload is larger than %(size)s.") % {"size": _megabytes(limit)}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": {}}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
