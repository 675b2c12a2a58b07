"""A fixed-window rate limit on Django's cache (locmem here, Redis in production)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_key(request) -> str:
    """The account for signed-in people, a keyed hash of the address for others (never stored raw)."""
    if request.user.is_authenticated:
        return f"u{request.user.pk}"
    address = request.META.get("REMOTE_ADDR", "")
    return "a" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:40]


def rate_limited(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True when ``key`` went over ``limit`` attempts in ``window`` seconds."""
    cache_key = f"rl:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return False
    return count > limit
