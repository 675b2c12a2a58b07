"""Files through Django's storage API: public media (``storages["default"]``) and private files
(``storages["private"]``: reports, exports, drafts, unpublished covers and library files).

- ``private_storage`` is the callable the models' private ``FileField``s name: it returns a lazy
  handle on ``storages["private"]`` (a folder under ``PRIVATE_MEDIA_ROOT`` by default, an S3 bucket
  in production), so changing ``STORAGES`` (tests, settings) takes effect without a restart.
- ``private_file_response`` serves one private file from a view that has checked the person: a
  stream from ``storage.open`` (or an nginx ``X-Accel-Redirect``), or, on S3, a redirect to a
  signed URL that lives ``PRIVATE_MEDIA_URL_SECONDS``.
- ``file_save`` stores a file built on the local disk (a report, an export) under a fixed name.
- ``PublishableStorage`` is the one storage of files that are private until published (story
  covers, library PDFs and thumbnails): a name starting with ``private/`` is on the private storage
  and its URL is a view that checks the person; any other name is public media. ``files_move``
  moves a row's files from one side to the other when it is published or taken offline.
"""

import os
import posixpath
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.encoding import iri_to_uri
from django.utils.functional import LazyObject, cached_property, empty
from django.utils.http import content_disposition_header

PRIVATE_PREFIX = "private/"


@deconstructible(path="siem_portal.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT`` (read when first used, so a test's setting applies).
    Writing a name again replaces the file, as S3 does: a task run twice leaves one file."""

    def __init__(self, location=None, **kwargs):
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(location=location, **kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("A private file has no public URL: serve it through a view that checks the person.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


def private_storage() -> Storage:
    """The private storage (the ``storage=`` callable of private ``FileField``s)."""
    return _private


def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


setting_changed.connect(_storages_changed)


def _storage_errors() -> tuple[type[Exception], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # django-storages is a production option
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


# what a storage raises when it is full or unreachable: a task retries later
STORAGE_ERRORS = _storage_errors()


def is_s3(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # django-storages is a production option
        return False
    return isinstance(storage, S3Storage)


def private_file_response(
    storage: Storage, name: str, *, filename: str, content_type: str, as_attachment: bool = True
) -> HttpResponse:
    """The answer of a view that has checked who may read ``name``: 404 when the file is missing,
    a redirect to a short-lived signed URL on S3, an ``X-Accel-Redirect`` to nginx when
    ``PRIVATE_MEDIA_ACCEL_PREFIX`` is set, else the file streamed from the storage."""
    from django.http import Http404

    if not name or not storage.exists(name):
        raise Http404
    disposition = content_disposition_header(as_attachment, filename)
    if is_s3(storage):
        url = storage.url(
            name,
            parameters={"ResponseContentDisposition": disposition, "ResponseContentType": content_type},
            expire=settings.PRIVATE_MEDIA_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
    elif settings.PRIVATE_MEDIA_ACCEL_PREFIX and isinstance(storage, FileSystemStorage):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = iri_to_uri(settings.PRIVATE_MEDIA_ACCEL_PREFIX.rstrip("/") + "/" + name)
        response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            storage.open(name, "rb"), as_attachment=as_attachment, filename=filename, content_type=content_type
        )
    response["Cache-Control"] = "private, no-store"
    return response


class _LocalFile(File):
    """A finished file on the local disk: FileSystemStorage moves it into place (one rename, so
    nobody reads half a file); other storages upload its content."""

    def temporary_file_path(self):
        return self.file.name


def file_save(storage: Storage, name: str, path: Path) -> str:
    """Store the local file at ``path`` as ``name`` (replacing an earlier file of that name) and
    remove the local copy; returns the stored name."""
    try:
        with open(path, "rb") as handle:
            saved = storage.save(name, _LocalFile(handle, name=posixpath.basename(name)))
    finally:
        if os.path.exists(path):
            os.unlink(path)
    return saved


# --- files private until published ---------------------------------------------------------------


def is_private(name: str) -> bool:
    return bool(name) and name.startswith(PRIVATE_PREFIX)


@deconstructible
class PublishableStorage(Storage):
    """Routes by name: ``private/<rest>`` is ``<private_folder>/<rest>`` on the private storage,
    whose URL is the view ``url_name`` (given ``<rest>``); any other name is public media.

    ``public_folder`` set: private names are flat (``private/<file>``) and public ones
    ``<public_folder><file>``; unset: a public name is its private name without ``private/``."""

    def __init__(self, *, private_folder: str, url_name: str, public_folder: str = ""):
        self.private_folder = private_folder.strip("/")
        self.url_name = url_name
        self.public_folder = public_folder

    def _route(self, name: str) -> tuple[Storage, str]:
        if is_private(name):
            return private_storage(), f"{self.private_folder}/{name[len(PRIVATE_PREFIX) :]}"
        return storages["default"], name

    def private_location(self, name: str) -> tuple[Storage, str]:
        """The private storage and its name for a ``private/`` name (for the serving view)."""
        assert is_private(name)
        return self._route(name)

    def _open(self, name, mode="rb"):
        storage, inner = self._route(name)
        return storage.open(inner, mode)

    def _save(self, name, content):
        storage, inner = self._route(name)
        saved = storage.save(inner, content)
        if is_private(name):
            return PRIVATE_PREFIX + saved[len(self.private_folder) + 1 :]
        return saved

    def get_available_name(self, name, max_length=None):
        return name  # the routed storage picks the name in _save

    def delete(self, name):
        storage, inner = self._route(name)
        storage.delete(inner)

    def exists(self, name):
        storage, inner = self._route(name)
        return storage.exists(inner)

    def size(self, name):
        storage, inner = self._route(name)
        return storage.size(inner)

    def path(self, name):
        storage, inner = self._route(name)
        return storage.path(inner)

    def url(self, name):
        if is_private(name):
            return reverse(self.url_name, args=[name[len(PRIVATE_PREFIX) :]])
        return storages["default"].url(name)

    def target_name(self, name: str, *, to_private: bool) -> str:
        if self.public_folder:
            base = posixpath.basename(name)
            return (PRIVATE_PREFIX + base) if to_private else (self.public_folder + base)
        return (PRIVATE_PREFIX + name) if to_private else name[len(PRIVATE_PREFIX) :]


def _move(fieldfile, *, to_private: bool) -> str | None:
    """Copy one file to the other side; return the old name, to delete after commit."""
    name = fieldfile.name
    storage = fieldfile.storage
    if not name or is_private(name) == to_private:
        return None
    target = storage.target_name(name, to_private=to_private)
    with storage.open(name, "rb") as source:
        fieldfile.name = storage.save(target, File(source, name=posixpath.basename(name)))
    return name


def files_move(obj, fields: list[str], *, to_private: bool) -> None:
    """Move the files of ``obj``'s ``fields`` (on a ``PublishableStorage``) to the private or the
    public side; the caller saves ``obj``. The old files go once the transaction commits."""
    old = []
    for field in fields:
        fieldfile = getattr(obj, field)
        name = _move(fieldfile, to_private=to_private)
        if name:
            old.append((fieldfile.storage, name))
    if old:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in old])
