from django.urls import path

from . import views

app_name = "survey_reports"

urlpatterns = [
    path("manage/survey-results/", views.manager_index, name="manager-index"),
    path("manage/surveys/<slug:slug>/results/", views.manager_results, name="manager-results"),
    path("manage/surveys/<slug:slug>/results/reports/", views.manager_request, name="manager-request"),
    path("iro/", views.iro_index, name="iro-index"),
    path("iro/surveys/<slug:slug>/", views.iro_results, name="iro-results"),
    path("iro/surveys/<slug:slug>/reports/", views.iro_request, name="iro-request"),
    path("reports/<int:pk>/", views.job_detail, name="job"),
    path("reports/<int:pk>/download/", views.job_download, name="job-download"),
]
