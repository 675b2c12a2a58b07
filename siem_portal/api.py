"""The API's one router, mounted at /api/v1/. Apps register their viewsets and views here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, TokenDetailView, TokenListView, TokenView
from events.api.views import EventViewSet
from impact.api.views import AssessmentViewSet, FrameworkViewSet
from publications.api.views import NewsViewSet, PublicationViewSet
from surveys.api.urls import urlpatterns as survey_api_urls
from surveys.reports.api_urls import urlpatterns as survey_report_api_urls
from testimonials.api.views import StoryViewSet

router = DefaultRouter()
router.register("impact/frameworks", FrameworkViewSet, basename="impact-framework")
router.register("impact/assessments", AssessmentViewSet, basename="impact-assessment")
router.register("stories", StoryViewSet, basename="story")
router.register("publications", PublicationViewSet, basename="publication")
router.register("news", NewsViewSet, basename="news")
router.register("events", EventViewSet, basename="events")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("auth/tokens/", TokenListView.as_view(), name="auth-tokens"),
    path("auth/tokens/<str:token_id>/", TokenDetailView.as_view(), name="auth-token-detail"),
    path("me/", MeView.as_view(), name="me"),
]
urlpatterns += survey_api_urls
urlpatterns += survey_report_api_urls

urlpatterns += router.urls
