"""The consent texts people agree to; a change of wording gets a new version string."""

from django.utils.translation import gettext_lazy as _

PUBLISH_CONSENT_VERSION = "stories-publish-2026-01"
PUBLISH_CONSENT_TEXT = _(
    "I agree that the SIEM portal publishes this story under the name I chose, after review by a "
    "moderator. I can withdraw this consent at any time and the story goes offline at once."
)

BACKGROUND_CONSENT_VERSION = "stories-backgrounds-2026-01"
BACKGROUND_CONSENT_TEXT = _(
    "I agree that the backgrounds I ticked are shown publicly with this story and used to group "
    "stories. This is sensitive information; leave this unticked to keep them private."
)
