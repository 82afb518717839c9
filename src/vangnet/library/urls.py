from django.urls import path

from vangnet.library import meeting_views, views

app_name = "library"
urlpatterns = [
    path("", views.index, name="index"),
    path("publiceren/", views.publish, name="publish"),
    path("<int:publication_id>/", views.detail, name="detail"),
    path("<int:publication_id>/overnemen/", views.adopt, name="adopt"),
    path("<int:publication_id>/intrekken/", views.withdraw, name="withdraw"),
    path("overgenomen/<int:adoption_id>/", views.adopted, name="adopted"),
    path("samen/", meeting_views.meeting_list, name="meeting_list"),
    path("samen/nieuw/", meeting_views.meeting_create, name="meeting_create"),
    path("samen/<int:shared_meeting_id>/", meeting_views.meeting_detail, name="meeting_detail"),
    path(
        "samen/<int:shared_meeting_id>/antwoord/",
        meeting_views.meeting_answer,
        name="meeting_answer",
    ),
    path(
        "samen/<int:shared_meeting_id>/aanmelden/",
        meeting_views.meeting_register,
        name="meeting_register",
    ),
    path(
        "samen/<int:shared_meeting_id>/aanwezig/",
        meeting_views.meeting_attendance,
        name="meeting_attendance",
    ),
]
