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
    path("impact/assessments/<int:pk>/actions/<int:item_pk>/", views.action_edit, name="action-edit"),
    path("impact/assessments/<int:pk>/actions/<int:item_pk>/delete/", views.action_delete, name="action-delete"),
    path("impact/assessments/<int:pk>/report/", views.report_request, name="report-request"),
    path("impact/assessments/<int:pk>/report/<int:report_pk>/", views.report_download, name="report-download"),
    path("impact/shared/<str:token>/", views.shared_results, name="shared"),
    path("manage/impact/", views.manage_frameworks, name="manage-frameworks"),
    path("manage/impact/frameworks/<int:pk>/", views.manage_framework_detail, name="manage-framework"),
    path("manage/impact/frameworks/<int:pk>/publish/", views.manage_framework_publish, name="manage-publish"),
    path("manage/impact/frameworks/<int:pk>/new-version/", views.manage_framework_new_version, name="manage-version"),
    path("manage/impact/indicators/<int:pk>/", views.manage_indicator_edit, name="manage-indicator"),
    path("manage/impact/recommendations/<int:pk>/", views.manage_recommendation_edit, name="manage-recommendation"),
]
