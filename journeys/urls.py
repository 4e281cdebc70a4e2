"""Each area of the journey has its own URL module; all share the "journeys" namespace."""

from django.urls import include, path

app_name = "journeys"
urlpatterns = [
    path("", include("journeys.intake.urls")),
    path("", include("journeys.triage.urls")),
    path("", include("journeys.followups.urls")),
    path("", include("journeys.insights.urls")),
    path("", include("journeys.privacy.urls")),
    path("", include("journeys.referrals.urls")),
    path("", include("journeys.consortia.urls")),
    path("", include("journeys.journey_over_time.urls")),
    path("", include("journeys.referrers.urls")),
]
