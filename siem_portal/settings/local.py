"""`make run`: the embedded defaults, debug on, demo staff accounts without a second factor."""

from .base import *  # noqa: F403 (settings modules extend the base namespace)

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
SIEM_REQUIRE_MFA_FOR_STAFF = False

# The local inbox: every email is printed to the console and kept in a folder that /local-inbox/
# lists (linked from the "verify your email" pages), unless EMAIL_URL sends them somewhere real.
# Local settings only: production and the tests leave SIEM_LOCAL_INBOX_DIR unset (the pages are 404).
if not env("EMAIL_URL", default=""):  # noqa: F405
    EMAIL_BACKEND = "accounts.local_inbox.LocalInboxBackend"
    SIEM_LOCAL_INBOX_DIR = env.path("SIEM_LOCAL_INBOX_DIR", default=PRIVATE_MEDIA_ROOT / "local-inbox")  # noqa: F405
