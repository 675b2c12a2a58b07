"""Pages at /impact/ and the survey managers' pages at /manage/impact/ (mounted at the root)."""

from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("impact/", views.index, name="index"),
    path("impact/assessments/new/", views.assessment_start, name="assessment-start"),
    path("impact/assessments/personal/new/", views.personal_start, name="personal-start"),
    path("impact/assessments/<int:pk>/", views.assessment_detail, name="assessment-detail"),
    path("impact/assessments/<int:pk>/rate/", views.assessment_rate, name="assessment-rate"),
    path("impact/assessments/<int:pk>/invite/", views.respondent_invite, name="respondent-invite"),
    path("impact/assessments/<int:pk>/close/", views.assessment_close, name="assessment-close"),
    path("impact/assessments/<int:pk>/share/", views.share_create, name="share-create"),
    path("impact/assessments/<int:pk>/share/revoke/", views.share_revoke, name="share-revoke"),
    path("impact/assessments/<int:pk>/actions/new/", views.action_edit, name="action-create"),
    path("impact/assessments/<int:pk>/actions/add/", views.action_add, name="action-add"),
    path("impact/assessments/<int:pk>/actions/<int:item_pk>/", views.action_edit, name="action-edit"),
    path("impact/assessments/<int:pk>/actions/<int:item_pk>/delete/", views.action_delete, name="action-delete"),
    path("impact/assessments/<int:pk>/report/", views.report_request, name="report-request"),
    path("impact/assessments/<int:pk>/report/<int:report_pk>/", views.report_download, name="report-download"),
    path("impact/shared/<str:token>/", views.shared_results, name="shared"),
    path("manage/impact/", views.manage_frameworks, name="manage-frameworks"),
    path("manage/impact/frameworks/new/", views.manage_framework_create, name="manage-framework-create"),
    path("manage/impact/frameworks/<int:pk>/", views.manage_framework_detail, name="manage-framework"),
    path("manage/impact/frameworks/<int:pk>/edit/", views.manage_framework_edit, name="manage-framework-edit"),
    path("manage/impact/frameworks/<int:pk>/publish/", views.manage_framework_publish, name="manage-publish"),
    path("manage/impact/frameworks/<int:pk>/new-version/", views.manage_framework_new_version, name="manage-version"),
    path(
        "manage/impact/frameworks/<int:pk>/translations/<str:language>/",
        views.manage_framework_translations,
        name="manage-translations",
    ),
    path(
        "manage/impact/frameworks/<int:pk>/dimensions/new/",
        views.manage_dimension_create,
        name="manage-dimension-create",
    ),
    path("manage/impact/dimensions/<int:pk>/", views.manage_dimension_edit, name="manage-dimension"),
    path("manage/impact/dimensions/<int:pk>/delete/", views.manage_dimension_delete, name="manage-dimension-delete"),
    path("manage/impact/dimensions/<int:pk>/move/", views.manage_dimension_move, name="manage-dimension-move"),
    path(
        "manage/impact/dimensions/<int:pk>/indicators/new/",
        views.manage_indicator_create,
        name="manage-indicator-create",
    ),
    path("manage/impact/indicators/<int:pk>/", views.manage_indicator_edit, name="manage-indicator"),
    path("manage/impact/indicators/<int:pk>/delete/", views.manage_indicator_delete, name="manage-indicator-delete"),
    path("manage/impact/indicators/<int:pk>/move/", views.manage_indicator_move, name="manage-indicator-move"),
    path(
        "manage/impact/indicators/<int:pk>/recommendations/new/",
        views.manage_recommendation_create,
        name="manage-recommendation-create",
    ),
    path("manage/impact/recommendations/<int:pk>/", views.manage_recommendation_edit, name="manage-recommendation"),
    path(
        "manage/impact/recommendations/<int:pk>/delete/",
        views.manage_recommendation_delete,
        name="manage-recommendation-delete",
    ),
]
