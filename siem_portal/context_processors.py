from django.urls import NoReverseMatch, reverse

from .registry import registry


def portal(request):
    nav = []
    for item in registry.nav:
        if item.visible and not item.visible(request.user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        nav.append({"label": item.label, "url": url, "current": request.path.startswith(url) and url != "/"})
    return {"portal_nav": nav}
