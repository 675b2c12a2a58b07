from django.urls import path

from .api import ReportCreateView, ReportDetailView, ReportDownloadView, ResultsView

urlpatterns = [
    path("surveys/<slug:slug>/results/", ResultsView.as_view(), name="surveys-api-results"),
    path("surveys/<slug:slug>/reports/", ReportCreateView.as_view(), name="surveys-api-report-create"),
    path("reports/<int:pk>/", ReportDetailView.as_view(), name="surveys-api-report-detail"),
    path("reports/<int:pk>/download/", ReportDownloadView.as_view(), name="surveys-api-report-download"),
]
