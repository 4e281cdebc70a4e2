from django.urls import path

from schemes.catalogue_health import views

urlpatterns = [
    path("medewerkers/catalogus/gezondheid/", views.health_page, name="catalogue-health"),
    path("medewerkers/catalogus/gezondheid.json", views.health_json, name="catalogue-health-json"),
]
