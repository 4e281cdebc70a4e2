from django.urls import path

from journeys.privacy import views

urlpatterns = [
    path("medewerkers/privacy/", views.privacy_lookup, name="privacy"),
    path("medewerkers/privacy/export/", views.privacy_export, name="privacy-export"),
    path("medewerkers/privacy/wissen/", views.privacy_erase, name="privacy-erase"),
]
