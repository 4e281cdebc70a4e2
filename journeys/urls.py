"""Each part of the journey has its own URL module; all share the "journeys" namespace."""

from django.urls import include, path

app_name = "journeys"
urlpatterns = [
    path("", include("journeys.urls_intake")),
    path("", include("journeys.urls_triage")),
    path("", include("journeys.urls_followups")),
    path("", include("journeys.urls_insights")),
    path("", include("journeys.urls_privacy")),
]
