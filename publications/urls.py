from django.urls import path

from . import pages, views

app_name = "publications"

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/<slug:slug>/", views.detail, name="detail"),
    path("library/<slug:slug>/files/<int:version_id>/", views.download, name="download"),
    path("library-files/<path:name>", views.private_file, name="private-file"),
    path("library/<slug:slug>/cite.bib", views.cite_bibtex, name="cite-bibtex"),
    path("library/<slug:slug>/cite.ris", views.cite_ris, name="cite-ris"),
    path("library/<slug:slug>/cite.json", views.cite_csl, name="cite-csl"),
    path("news/", views.news_list, name="news"),
    path("news/feed/", views.NewsFeed(), name="news-feed"),
    path("news/<slug:slug>/", views.news_detail, name="news-detail"),
    path("privacy/", pages.site_page, {"kind": "privacy"}, name="privacy"),
    path("accessibility/", pages.site_page, {"kind": "accessibility"}, name="accessibility"),
    path("manage/library/", views.manage_index, name="manage"),
    path("manage/library/pages/", pages.manage_pages, name="manage-pages"),
    path("manage/library/pages/<slug:kind>/<str:language>/", pages.manage_page_edit, name="manage-page-edit"),
    path("manage/library/publications/new/", views.manage_publication_create, name="manage-publication-create"),
    path("manage/library/publications/<int:pk>/", views.manage_publication_edit, name="manage-publication-edit"),
    path(
        "manage/library/publications/<int:pk>/translations/<str:language>/",
        views.manage_publication_translations,
        name="manage-publication-translations",
    ),
    path("manage/library/publications/<int:pk>/upload/", views.manage_version_upload, name="manage-version-upload"),
    path("manage/library/publications/<int:pk>/edition/", views.manage_edition_create, name="manage-edition-create"),
    path(
        "manage/library/publications/<int:pk>/delete/",
        views.manage_publication_delete,
        name="manage-publication-delete",
    ),
    path("manage/library/news/new/", views.manage_news_edit, name="manage-news-create"),
    path("manage/library/news/<int:pk>/", views.manage_news_edit, name="manage-news-edit"),
    path(
        "manage/library/news/<int:pk>/translations/<str:language>/",
        views.manage_news_translations,
        name="manage-news-translations",
    ),
    path("manage/library/news/<int:pk>/delete/", views.manage_news_delete, name="manage-news-delete"),
]
