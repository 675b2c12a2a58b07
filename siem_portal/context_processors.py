from django.urls import NoReverseMatch, reverse

from .languages import language_links
from .registry import registry


def portal(request):
    nav = []
    # requests built outside the middleware (a sitemap rendered in a test, a feed) have no user
    user = getattr(request, "user", None)
    for item in registry.nav:
        if item.visible and (user is None or not item.visible(user)):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        count = item.badge(user) if item.badge and user is not None else 0
        nav.append(
            {"label": item.label, "url": url, "current": request.path.startswith(url) and url != "/", "count": count}
        )
    return {"portal_nav": nav, "portal_languages": language_links(request)}
