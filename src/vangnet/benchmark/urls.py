from django.urls import path

from vangnet.benchmark import views

app_name = "benchmark"
urlpatterns = [
    path("", views.index, name="index"),
    path("deelname/", views.participation, name="participation"),
]
