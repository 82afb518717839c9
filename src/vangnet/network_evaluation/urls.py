from django.urls import path  # noqa: F401

app_name = "network_evaluation"
urlpatterns: list = []
