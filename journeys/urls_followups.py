from django.urls import path

from journeys.views import followups

urlpatterns = [
    path("afmelden/<str:token>/", followups.unsubscribe, name="followups-unsubscribe"),
    path("enquete/<str:token>/", followups.survey, name="followups-survey"),
    path("medewerkers/opvolging/<int:pk>/annuleren/", followups.cancel_followup, name="followups-cancel"),
]
