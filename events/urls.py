from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/feed/<str:token>.ics", views.agenda_feed, name="agenda-feed"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="ics"),
    path("events/<slug:slug>/register/", views.event_register, name="register"),
    path("events/<slug:slug>/registration/", views.registration_detail, name="registration"),
    path("events/<slug:slug>/registration/accept/", views.registration_accept, name="registration-accept"),
    path("events/<slug:slug>/registration/cancel/", views.registration_cancel, name="registration-cancel"),
    path("events/<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("events/<slug:slug>/agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("events/<slug:slug>/agenda/feed/", views.agenda_feed_create, name="agenda-feed-create"),
    path("events/<slug:slug>/agenda/<int:pk>/star/", views.session_star, name="session-star"),
    path("me/events/", views.my_registrations, name="mine"),
    path("manage/events/", views.manage_list, name="manage-list"),
    path("manage/events/new/", views.manage_create, name="manage-create"),
    path("manage/events/<slug:slug>/", views.manage_detail, name="manage-detail"),
    path("manage/events/<slug:slug>/edit/", views.manage_edit, name="manage-edit"),
    path("manage/events/<slug:slug>/questions/", views.manage_questions, name="manage-questions"),
    path("manage/events/<slug:slug>/registrations/", views.manage_registrations, name="manage-registrations"),
    path("manage/events/<slug:slug>/export.<str:fmt>", views.manage_export, name="manage-export"),
    path("manage/events/<slug:slug>/message/", views.manage_message, name="manage-message"),
    path("manage/events/<slug:slug>/checkin/", views.manage_checkin, name="manage-checkin"),
    path("manage/events/<slug:slug>/checkin/counts/", views.manage_checkin_counts, name="manage-checkin-counts"),
    path("manage/events/<slug:slug>/checkin/<str:token>/", views.manage_checkin_token, name="manage-checkin-token"),
    path("manage/events/<slug:slug>/agenda/", views.manage_agenda, name="manage-agenda"),
    path("manage/events/<slug:slug>/agenda/new/", views.manage_session, name="manage-session-new"),
    path("manage/events/<slug:slug>/agenda/<int:pk>/", views.manage_session, name="manage-session"),
]
