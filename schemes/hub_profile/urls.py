from django.urls import path

from schemes.hub_profile import views

urlpatterns = [
    path("medewerkers/loket/<slug:slug>/gegevens/", views.hub_profile, name="hub-profile"),
]
