from django.urls import path

from journeys.insights import views as insights

urlpatterns = [
    path("medewerkers/inzicht/", insights.dashboard, name="insights"),
    path("medewerkers/inzicht/barrieres/<int:year>/", insights.barrier_report_page, name="insights-barrier-report"),
]
