"""Where library files live: public media for published publications, private files for the rest.

The PDFs and thumbnails of a publication that is not published have names starting with
``private/``: they are in ``library/`` on the private storage (never below MEDIA_URL) and their URL
is the ``publications:private-file`` view, for editors only. Publishing moves them to public media
under the same name without ``private/``; unpublishing moves them back
(``siem_portal.storage.PublishableStorage``, shared with the story covers).
"""

from django.db import transaction
from django.utils.deconstruct import deconstructible

from siem_portal.storage import PRIVATE_PREFIX, PublishableStorage, files_move

FIELDS = ["file", "thumbnail"]


@deconstructible
class LibraryStorage(PublishableStorage):
    def __init__(self):
        super().__init__(private_folder="library", url_name="publications:private-file")


library_storage = LibraryStorage()


def private_prefix(publication) -> str:
    """What an upload's name starts with: ``private/`` while the publication is not published."""
    return "" if publication.is_published else PRIVATE_PREFIX


def library_files_move(publication, *, to_private: bool) -> None:
    """Move every file of every edition of ``publication`` to the private or the public side."""
    from .models import LanguageVersion

    with transaction.atomic():
        for version in LanguageVersion.objects.select_for_update().filter(edition__publication=publication):
            files_move(version, FIELDS, to_private=to_private)
            version.save(update_fields=FIELDS)
