"""Where cover images live: public media for published stories, private files for the rest.

One storage for the cover fields (``siem_portal.storage.PublishableStorage``): a name starting with
``private/`` is a file in ``testimonials/covers/`` on the private storage (never below MEDIA_URL)
whose URL is the ``testimonials:cover-file`` view, which shows it to the author and moderators
only; any other name is in the public media storage as before. Publishing a story (or its
revision) moves its cover to the public storage; taking it offline moves it back.
"""

import re

from django.utils.deconstruct import deconstructible

from siem_portal.storage import PRIVATE_PREFIX, PublishableStorage, files_move, is_private

__all__ = ["CoverStorage", "PRIVATE_NAME", "PRIVATE_PREFIX", "cover_storage", "covers_move", "is_private"]

PUBLIC_FOLDER = "stories/covers/"
# the only names the private view serves: what story_cover_set writes
PRIVATE_NAME = re.compile(r"^[0-9a-f]{32}-(large|card)\.jpg$")


@deconstructible
class CoverStorage(PublishableStorage):
    def __init__(self):
        super().__init__(
            private_folder="testimonials/covers", url_name="testimonials:cover-file", public_folder=PUBLIC_FOLDER
        )


cover_storage = CoverStorage()


def covers_move(obj, *, to_private: bool) -> None:
    """Move the cover files of a story or revision to the private or the public side; the caller
    saves ``obj``. The old files go once the transaction commits."""
    files_move(obj, ["cover_large", "cover_card"], to_private=to_private)
