from django.urls import path

from vangnet.reports import views

app_name = "reports"
urlpatterns = [
    path("gemeente/", views.municipality, name="municipality"),
    path("gemeente/pdf/", views.municipality_pdf, name="municipality_pdf"),
    path("netwerk/<int:network_id>/jaarverslag/", views.annual, name="annual"),
    path("netwerk/<int:network_id>/jaarverslag/pdf/", views.annual_pdf, name="annual_pdf"),
]
