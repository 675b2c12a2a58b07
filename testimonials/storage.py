"""Where cover images live: public media for published stories, private files for the rest.

One storage for the cover fields, routing by name: a name starting with ``private/`` is a file
under ``PRIVATE_MEDIA_ROOT`` (never below MEDIA_URL) whose URL is the ``testimonials:cover-file``
view, which shows it to the author and moderators only; any other name is in the public media
storage as before. Publishing a story (or its revision) moves its cover to the public storage;
taking it offline moves it back.
"""

import posixpath
import re
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.urls import reverse
from django.utils.deconstruct import deconstructible

PRIVATE_PREFIX = "private/"
PUBLIC_FOLDER = "stories/covers/"
# the only names the private view serves: what story_cover_set writes
PRIVATE_NAME = re.compile(r"^[0-9a-f]{32}-(large|card)\.jpg$")


def private_storage() -> FileSystemStorage:
    # built per call: the setting changes per test
    return FileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / "testimonials" / "covers")


def is_private(name: str) -> bool:
    return bool(name) and name.startswith(PRIVATE_PREFIX)


@deconstructible
class CoverStorage(Storage):
    def _route(self, name: str) -> tuple[Storage, str]:
        if is_private(name):
            return private_storage(), name[len(PRIVATE_PREFIX) :]
        return storages["default"], name

    def _open(self, name, mode="rb"):
        storage, inner = self._route(name)
        return storage.open(inner, mode)

    def _save(self, name, content):
        storage, inner = self._route(name)
        saved = storage.save(inner, content)
        return PRIVATE_PREFIX + saved if is_private(name) else saved

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
            return reverse("testimonials:cover-file", args=[name[len(PRIVATE_PREFIX) :]])
        return storages["default"].url(name)


cover_storage = CoverStorage()


def _move(fieldfile, *, to_private: bool) -> str | None:
    """Copy one cover file to the other side; return the old name to delete after commit."""
    name = fieldfile.name
    if not name or is_private(name) == to_private:
        return None
    base = posixpath.basename(name)
    target = (PRIVATE_PREFIX if to_private else PUBLIC_FOLDER) + base
    with cover_storage.open(name, "rb") as source:
        new_name = cover_storage.save(target, File(source, name=base))
    fieldfile.name = new_name
    return name


def covers_move(obj, *, to_private: bool) -> None:
    """Move the cover files of a story or revision to the private or the public side; the caller
    saves ``obj``. The old files go once the transaction commits."""
    old = [_move(obj.cover_large, to_private=to_private), _move(obj.cover_card, to_private=to_private)]
    old = [n for n in old if n]
    if old:
        transaction.on_commit(lambda: [cover_storage.delete(n) for n in old])
