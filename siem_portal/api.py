"""The API's one router, mounted at /api/v1/. Apps register their viewsets and views here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from accounts.api.views import MeView, TokenView
from publications.api.views import NewsViewSet, PublicationViewSet

router = DefaultRouter()
router.register("publications", PublicationViewSet, basename="publication")
router.register("news", NewsViewSet, basename="news")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]

urlpatterns += router.urls
