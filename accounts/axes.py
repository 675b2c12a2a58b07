def axes_username(request, credentials):
    """The login identifier for lockouts, from allauth's form, the token API or the admin."""
    credentials = credentials or {}
    for key in ("email", "login", "username"):
        value = credentials.get(key)
        if value:
            return str(value).strip().lower()
    if request is not None and hasattr(request, "POST"):
        for key in ("login", "email", "username"):
            value = request.POST.get(key)
            if value:
                return str(value).strip().lower()
    return ""


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer once a login is locked from this address: JSON for the API (the token
    endpoint answers JSON), the lockout page otherwise. 429 with Retry-After either way."""
    from django.conf import settings
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    content_type = original_response.get("Content-Type", "") if original_response is not None else ""
    if content_type.startswith("application/json"):
        message = _(
            "Too many failed attempts: signing in to this account from your address is blocked for a "
            "while. Wait, or reset your password on the website."
        )
        response = JsonResponse({"detail": message, "errors": {"non_field_errors": [message]}}, status=429)
    else:
        response = render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
    response["Retry-After"] = retry_after
    return response
