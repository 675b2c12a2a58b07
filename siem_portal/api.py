"""The API's one router, mounted at /api/v1/. Apps register their viewsets and views here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, TokenView
from impact.api.views import AssessmentViewSet, FrameworkViewSet
from surveys.api.urls import urlpatterns as survey_api_urls
from surveys.reports.api_urls import urlpatterns as survey_report_api_urls

router = DefaultRouter()
router.register("impact/frameworks", FrameworkViewSet, basename="impact-framework")
router.register("impact/assessments", AssessmentViewSet, basename="impact-assessment")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]
urlpatterns += survey_api_urls
urlpatterns += survey_report_api_urls

urlpatterns += router.urls
