"""The API's one router, mounted at /api/v1/. Apps register their viewsets and views here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, TokenView
from events.api.views import EventViewSet

router = DefaultRouter()
router.register("events", EventViewSet, basename="events")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]

urlpatterns += router.urls
