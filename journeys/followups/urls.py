from django.urls import path

from journeys.followups import views as followups

urlpatterns = [
    path("afmelden/<str:token>/", followups.unsubscribe, name="followups-unsubscribe"),
    path("enquete/<str:token>/", followups.survey, name="followups-survey"),
    path("medewerkers/opvolging/<int:pk>/annuleren/", followups.followup_cancel, name="followups-cancel"),
]
