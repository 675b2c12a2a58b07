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
