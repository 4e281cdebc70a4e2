from django.urls import path

from journeys.intake import views as intake
from journeys.intake.partner_api import views as partner_api

urlpatterns = [
    path("intake/", intake.intake_start, name="intake-start"),
    path("intake/controleren/", intake.intake_check, name="intake-check"),
    path("intake/bewaren/", intake.intake_save, name="intake-save"),
    path("intake/verder/<str:token>/", intake.intake_resume, name="intake-resume"),
    path("intake/route/<uuid:public_id>/", intake.intake_result, name="intake-result"),
    path("intake/route/<uuid:public_id>/contact/", intake.intake_request_contact, name="intake-request-contact"),
    path("intake/ontvangen/<str:reference>/", intake.intake_confirmation, name="intake-confirmation"),
    path("intake/<slug:slug>/", intake.intake_step, name="intake-step"),
    path("api/v1/partner/intakes/", partner_api.partner_intakes, name="partner-intakes"),
]
