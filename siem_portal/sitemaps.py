"""/sitemap.xml: the portal's public pages. Each app's sitemap is listed here explicitly."""

from django.contrib.sitemaps import Sitemap
from django.urls import Resolver404, resolve

from publications.sitemaps import NewsSitemap, PublicationSitemap
from testimonials.sitemaps import StorySitemap

# the public list pages; those whose app has no pages yet are left out
STATIC_PATHS = ["/", "/about/", "/library/", "/news/", "/surveys/", "/impact/", "/stories/", "/events/"]


def path_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class StaticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [path for path in STATIC_PATHS if path_exists(path)]

    def location(self, item):
        return item


SITEMAPS = {
    "pages": StaticSitemap,
    "publications": PublicationSitemap,
    "news": NewsSitemap,
    "stories": StorySitemap,
}
