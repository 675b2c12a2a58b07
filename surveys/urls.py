from django.urls import path

from . import manage_views, views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/invitation/<str:token>/", views.invited, name="invited"),
    path("surveys/<slug:slug>/", views.survey_take, name="take"),
    path("surveys/<slug:slug>/start/", views.survey_start, name="start"),
    path("surveys/<slug:slug>/resume/", views.survey_resume, name="resume"),
    path("surveys/<slug:slug>/page/<int:step>/", views.survey_step, name="step"),
    path("surveys/<slug:slug>/consent/", views.survey_consent, name="consent"),
    path("surveys/<slug:slug>/review/", views.survey_review, name="review"),
    path("surveys/<slug:slug>/thanks/", views.survey_thanks, name="thanks"),
    path("me/surveys/", views.my_surveys, name="mine"),
    path("me/surveys/<int:pk>/", views.my_response, name="my-response"),
    path("me/surveys/<int:pk>/withdraw/", views.my_response_withdraw, name="my-response-withdraw"),
    path("manage/surveys/", manage_views.survey_list, name="manage-list"),
    path("manage/surveys/new/", manage_views.survey_new, name="manage-new"),
    path("manage/surveys/import/", manage_views.survey_import, name="manage-import"),
    path("manage/surveys/<slug:slug>/", manage_views.survey_edit, name="manage-edit"),
    path("manage/surveys/<slug:slug>/status/", manage_views.survey_status, name="manage-status"),
    path("manage/surveys/<slug:slug>/duplicate/", manage_views.survey_duplicate, name="manage-duplicate"),
    path("manage/surveys/<slug:slug>/preview/", manage_views.survey_preview, name="manage-preview"),
    path("manage/surveys/<slug:slug>/xlsform/", manage_views.survey_xlsform, name="manage-xlsform"),
    path("manage/surveys/<slug:slug>/sections/new/", manage_views.section_edit, name="manage-section-new"),
    path("manage/surveys/<slug:slug>/sections/<int:pk>/", manage_views.section_edit, name="manage-section-edit"),
    path(
        "manage/surveys/<slug:slug>/sections/<int:section>/questions/new/",
        manage_views.question_new,
        name="manage-question-new",
    ),
    path("manage/surveys/<slug:slug>/questions/<int:pk>/", manage_views.question_edit, name="manage-question-edit"),
    path(
        "manage/surveys/<slug:slug>/questions/<int:pk>/delete/",
        manage_views.question_delete,
        name="manage-question-delete",
    ),
    path("manage/surveys/<slug:slug>/questions/<int:pk>/choices/", manage_views.choice_add, name="manage-choice-add"),
    path("manage/surveys/<slug:slug>/choices/<int:pk>/", manage_views.choice_edit, name="manage-choice-edit"),
    path(
        "manage/surveys/<slug:slug>/choices/<int:pk>/delete/", manage_views.choice_delete, name="manage-choice-delete"
    ),
    path("manage/surveys/<slug:slug>/move/<str:kind>/<int:pk>/", manage_views.move, name="manage-move"),
    path("manage/surveys/<slug:slug>/invitations/", manage_views.invitations, name="manage-invitations"),
]
