from django.urls import path

from vangnet.practice import views

app_name = "practice"
urlpatterns = [
    path("", views.index, name="index"),
    path("bijeenkomsten/nieuw/", views.meeting_create, name="meeting_create"),
    path("bijeenkomsten/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("bijeenkomsten/<int:meeting_id>/wijzigen/", views.meeting_edit, name="meeting_edit"),
    path("lessen/nieuw/", views.lesson_create, name="lesson_create"),
    path("lessen/<int:lesson_id>/", views.lesson_detail, name="lesson_detail"),
    path("lessen/<int:lesson_id>/wijzigen/", views.lesson_edit, name="lesson_edit"),
    path("werkbezoeken/nieuw/", views.visit_create, name="visit_create"),
    path("werkbezoeken/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("werkbezoeken/<int:visit_id>/wijzigen/", views.visit_edit, name="visit_edit"),
]
