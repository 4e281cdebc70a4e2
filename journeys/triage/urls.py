from django.urls import path

from journeys.triage import status_page as status
from journeys.triage import views as triage

urlpatterns = [
    path("medewerkers/hulpvragen/", triage.queue_view, name="queue"),
    path("medewerkers/hulpvragen/<str:reference>/", triage.request_detail, name="request-detail"),
    path("medewerkers/hulpvragen/<str:reference>/<slug:action>/", triage.request_action, name="request-action"),
    path("status/<str:status_token>/", status.request_status, name="request-status"),
]
