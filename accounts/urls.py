from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications-read"),
    path("notifications/preferences/", views.email_preferences, name="email-preferences"),
    path("tokens/", views.api_tokens, name="api-tokens"),
    path("tokens/<str:token_id>/revoke/", views.api_token_revoke, name="api-token-revoke"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/export/", views.privacy_export_request, name="privacy-export"),
    path("privacy/export/<int:pk>/", views.privacy_export_download, name="privacy-export-download"),
    path("privacy/delete/", views.account_delete, name="delete"),
]
