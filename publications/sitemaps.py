from django.contrib.sitemaps import Sitemap

from . import selectors


class PublicationSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return selectors.publications_public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(Sitemap):
    changefreq = "yearly"
    priority = 0.5

    def items(self):
        return selectors.news_public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
