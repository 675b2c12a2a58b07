from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as accounts_views
from publications.oai import oai_endpoint

from . import health, languages, views
from .sitemaps import SITEMAPS

# The admin signs in through allauth's login (and so its second factor), as allauth documents.
admin.site.login = secure_admin_login(admin.site.login)

handler403 = "siem_portal.views.error_403"
handler404 = "siem_portal.views.error_404"
handler500 = "siem_portal.views.error_500"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("oai", oai_endpoint, name="oai"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", languages.set_language, name="set_language"),
    path("i18n/<str:code>/", languages.language_choose, name="language-choose"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/verification/send-again/", accounts_views.verification_resend, name="verification-resend"),
    path("accounts/", include("allauth.urls")),
    # the emails sent, on a local machine only (404 unless local settings turn it on)
    path("local-inbox/", accounts_views.local_inbox, name="local-inbox"),
    path("local-inbox/<str:key>/", accounts_views.local_inbox_message, name="local-inbox-message"),
    path("me/", include("accounts.urls")),
    path("manage/", views.ManageIndexView.as_view(), name="manage-index"),
    path("manage/processing-record/", views.processing_record_page, name="processing-record-page"),
    re_path(r"^manage/processing-record\.(?P<fmt>csv|xlsx)$", views.processing_record, name="processing-record"),
    path("", include("surveys.urls")),
    path("", include("testimonials.urls")),
    path("admin/", admin.site.urls),
    path("", include("publications.urls")),
    path("api/v1/", include("siem_portal.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("impact.urls")),
    path("", include("events.urls")),
    path("", include("surveys.reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
