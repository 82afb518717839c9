from django.urls import path

from vangnet.calendars import views

app_name = "calendars"
urlpatterns = [
    path("account/agenda/", views.page, name="page"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
