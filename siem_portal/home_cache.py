"""Which rendered home blocks are out of date: one counter per app, bumped when its rows change.

Writes are rare next to home page views, so any saved or deleted row of an app that draws a home
block moves that app's counter on, and the next home page redraws that block alone.
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .registry import registry

KEY = "home-generation:{}"


def _home_apps() -> set[str]:
    return {section.app_label for section in registry.home}


def generations() -> dict[str, int]:
    labels = sorted(_home_apps())
    found = cache.get_many([KEY.format(label) for label in labels])
    return {label: found.get(KEY.format(label), 0) for label in labels}


def bump(app_label: str) -> None:
    key = KEY.format(app_label)
    try:
        cache.incr(key)
    except ValueError:  # not in the cache yet (or evicted)
        cache.set(key, 1, None)


def _changed(sender, **kwargs):
    label = sender._meta.app_label
    if label in _home_apps():
        bump(label)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"home-cache-{signal!r}")
