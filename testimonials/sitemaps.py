from django.contrib.sitemaps import Sitemap

from . import selectors


class StorySitemap(Sitemap):
    """Published stories: only their address and date, never their author."""

    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return selectors.stories_public().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at
