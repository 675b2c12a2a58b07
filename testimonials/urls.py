from django.urls import path

from . import views
from .feeds import StoryFeed

app_name = "testimonials"

urlpatterns = [
    path("stories/", views.story_list, name="list"),
    path("stories/feed/", StoryFeed(), name="feed"),
    path("stories/write/", views.story_create, name="create"),
    path("stories/mine/", views.story_mine, name="mine"),
    path("stories/questions/", views.questions_inbox, name="questions"),
    path("stories/questions/<int:pk>/answer/", views.question_answer, name="question-answer"),
    path("stories/questions/<int:pk>/block/", views.question_block, name="question-block"),
    path("stories/cover-files/<str:name>", views.cover_file, name="cover-file"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    path("stories/<slug:slug>/edit/", views.story_edit, name="edit"),
    path("stories/<slug:slug>/cover/", views.story_cover, name="cover"),
    path("stories/<slug:slug>/withdraw/", views.story_withdraw, name="withdraw"),
    path("stories/<slug:slug>/flag/", views.story_flag, name="flag"),
    path("stories/<slug:slug>/ask/", views.story_ask, name="ask"),
    path("manage/stories/", views.manage_queue, name="manage"),
    path("manage/stories/<slug:slug>/", views.manage_review, name="manage-review"),
]
