"""The client's address, read the one way every part of the portal reads it.

`SIEM_TRUSTED_PROXY_COUNT` says how many proxies append to X-Forwarded-For; the client is the entry
that many places from the right. With 0 the header is ignored (anyone can send one). DRF
(`NUM_PROXIES`) and allauth (`ALLAUTH_TRUSTED_PROXY_COUNT`) are given the same number in settings;
django-axes calls this function (`AXES_CLIENT_IP_CALLABLE`).
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.SIEM_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        addresses = [part.strip() for part in forwarded.split(",")]
        candidate = addresses[-min(count, len(addresses))]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote
