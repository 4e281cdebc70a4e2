from django.urls import path

from journeys.consortia import views as consortia

urlpatterns = [
    path("ketenpartners/aanmelden/<str:token>/", consortia.partner_opt_in, name="partner-opt-in"),
    path("ketenpartners/intrekken/<str:token>/", consortia.partner_withdraw, name="partner-withdraw"),
    path("ketenpartners/kennismaking/<str:token>/", consortia.partner_answer, name="partner-answer"),
    path("medewerkers/ketenpartners/", consortia.partner_desk, name="partner-desk"),
    path("medewerkers/inzicht/ketenpartners/", consortia.partner_insight, name="partner-insight"),
    path("medewerkers/ketenpartners/profiel/<uuid:public_id>/", consortia.partner_profile, name="partner-profile"),
    path("medewerkers/ketenpartners/profiel/<uuid:public_id>/groep/", consortia.consortium_create,
         name="consortium-create"),
    path("medewerkers/ketenpartners/groep/<str:reference>/", consortia.consortium_detail, name="consortium-detail"),
    path("medewerkers/ketenpartners/groep/<str:reference>/<slug:action>/", consortia.consortium_action,
         name="consortium-action"),
]
