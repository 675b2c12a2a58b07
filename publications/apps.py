from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publications")

    def ready(self):
        from auditlog.registry import auditlog

        from siem_portal.registry import (
            DashboardLink,
            DemoSeeder,
            HomeSection,
            NavItem,
            register_demo,
            register_home_section,
            register_manage_link,
            register_nav,
            register_processing,
        )

        from . import demo, models, privacy, selectors

        # every editor change is logged with who and when (shown on the manage pages)
        for model in (models.Publication, models.Author, models.Edition, models.LanguageVersion):
            auditlog.register(model, exclude_fields=["search_text", "text", "download_count", "updated_at"])
        auditlog.register(models.NewsPost, m2m_fields={"publications"}, exclude_fields=["updated_at"])
        auditlog.register(models.SitePage, exclude_fields=["updated_at"])

        register_nav(NavItem(_("Library"), "publications:library", order=60))
        register_nav(NavItem(_("News"), "publications:news", order=70))
        register_manage_link(
            DashboardLink(
                _("Library and news"),
                "publications:manage",
                description=_("Publications, their PDFs and editions, and project news."),
                order=60,
                visible=lambda user: user.has_perm("publications.manage_library"),
            )
        )
        register_manage_link(
            DashboardLink(
                _("Privacy notice and accessibility statement"),
                "publications:manage-pages",
                description=_("The texts of /privacy/ and /accessibility/, in each language."),
                order=61,
                visible=lambda user: user.has_perm("publications.manage_library"),
            )
        )
        register_home_section(
            HomeSection("publications", "publications/_home_featured.html", selectors.home_featured_publications, 50)
        )
        register_home_section(HomeSection("news", "publications/_home_news.html", selectors.home_latest_news, 70))
        register_demo(DemoSeeder("publications", demo.seed, order=60))
        register_processing(*privacy.ACTIVITIES)
