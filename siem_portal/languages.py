"""Choosing the portal's language: a link per language, the signed-in person's saved preference.

Anonymous visitors get the language of their cookie, else of their browser's Accept-Language
(Django's LocaleMiddleware). A signed-in person always gets their account's ``preferred_language``
(from the moment they sign in, on every device); picking a language while signed in saves it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.i18n import set_language as django_set_language


def _save_preference(request, language: str) -> None:
    from accounts.services import user_language_set

    # A link followed from another site (Sec-Fetch-Site: cross-site) changes this browser's
    # language only, never the account: an outside page cannot switch someone's emails.
    if request.user.is_authenticated and request.headers.get("Sec-Fetch-Site", "same-origin") != "cross-site":
        user_language_set(user=request.user, language=language)


def _set_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@never_cache
def language_choose(request, code):
    """GET /i18n/<code>/?next=/path: the header's link for one language; back to ``next``."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    _set_cookie(response, code)
    _save_preference(request, code)
    return response


def set_language(request):
    """Django's POST /i18n/setlang/, which also saves a signed-in person's preference."""
    response = django_set_language(request)
    language = request.POST.get("language") if request.method == "POST" else None
    if language in dict(settings.LANGUAGES):
        _save_preference(request, language)
    return response


class UserLanguageMiddleware:
    """After AuthenticationMiddleware: a signed-in person sees the portal in their saved language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = user.preferred_language
            if language in dict(settings.LANGUAGES) and language != request.LANGUAGE_CODE:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def language_links(request) -> list[dict]:
    """The header's links: one per language, in its own name."""
    current = translation.get_language()
    next_url = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{reverse('language-choose', args=[code])}?{urlencode({'next': next_url})}",
                "current": code == current,
            }
        )
    return links
