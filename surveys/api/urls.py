from django.urls import path

from . import views

urlpatterns = [
    path("surveys/", views.SurveyListView.as_view(), name="surveys-api-list"),
    path("surveys/import/", views.ImportView.as_view(), name="surveys-api-import"),
    path("surveys/<slug:slug>/", views.SurveyDetailView.as_view(), name="surveys-api-detail"),
    path("surveys/<slug:slug>/questions/", views.QuestionAddView.as_view(), name="surveys-api-questions"),
    path("surveys/<slug:slug>/responses/", views.ResponseCreateView.as_view(), name="surveys-api-responses"),
    path("surveys/<slug:slug>/xlsform/", views.XLSFormView.as_view(), name="surveys-api-xlsform"),
]
