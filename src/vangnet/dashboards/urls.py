from django.urls import path

from vangnet.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.organisation, name="organisation"),
    path("rapport/", views.report, name="report"),
    path("rapport/pdf/", views.report_pdf, name="report_pdf"),
]
