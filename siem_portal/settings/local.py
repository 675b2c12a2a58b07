"""`make run`: the embedded defaults, debug on, demo staff accounts without a second factor."""

from .base import *  # noqa: F403 (settings modules extend the base namespace)

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
SIEM_REQUIRE_MFA_FOR_STAFF = False
