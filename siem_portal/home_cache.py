"""Which rendered home blocks are out of date: one counter per app, bumped when its rows change.

Writes are rare next to home page views, so any saved or deleted row of an app that draws a home
block moves that app's counter on, and the next home page redraws that block alone.
"""

import logging

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .registry import registry

KEY = "home-generation:{}"
logger = logging.getLogger(__name__)


def _home_apps() -> set[str]:
    return {section.app_label for section in registry.home}


def generations() -> dict[str, int]:
    labels = sorted(_home_apps())
    found = cache.get_many([KEY.format(label) for label in labels])
    return {label: found.get(KEY.format(label), 0) for label in labels}


def bump(app_label: str) -> None:
    """Move the app's counter on; a cache that is down (a Redis restart) never fails the write
    that changed the rows: the block is redrawn at the app's next change."""
    key = KEY.format(app_label)
    try:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache yet (or evicted)
            cache.set(key, 1, None)
    except Exception:  # the cache backend's connection errors vary (redis, memcached...)
        logger.warning("Could not mark the %s home block as changed.", app_label, exc_info=True)


def _changed(sender, **kwargs):
    label = sender._meta.app_label
    if label in _home_apps():
        bump(label)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"home-cache-{signal!r}")
