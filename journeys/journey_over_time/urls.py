from django.urls import path

from journeys.journey_over_time import views

urlpatterns = [
    path("regelingen/<slug:slug>/op-de-hoogte/", views.subscribe, name="round-subscribe"),
    path("regelingen/<slug:slug>/op-de-hoogte/verstuurd/", views.subscribe_sent, name="round-subscribe-sent"),
    path("op-de-hoogte/bevestigen/<str:token>/", views.confirm, name="round-confirm"),
    path("op-de-hoogte/afmelden/<str:token>/", views.unsubscribe, name="round-unsubscribe"),
    path("medewerkers/uitkomsten/<str:reference>/", views.request_outcome, name="request-outcome"),
    path("waar-staat-u-nu/<str:token>/", views.reassessment, name="reassessment"),
    path("medewerkers/inzicht/cohorten/", views.insight_cohorts, name="insights-cohorts"),
]
