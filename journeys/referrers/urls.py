from django.urls import path

from journeys.referrers import views

urlpatterns = [
    path("medewerkers/doorverwijzers/uitnodigen/", views.referrer_invite, name="referrer-invite"),
    path("medewerkers/doorverwijzers/<int:referrer_id>/<slug:action>/", views.referrer_manage,
         name="referrer-manage"),
    path("medewerkers/doorverwijzers/wachtwoord/<uidb64>/<token>/", views.referrer_set_password,
         name="referrer-set-password"),
    path("medewerkers/doorverwijzers/wachtwoord-ingesteld/", views.referrer_password_set,
         name="referrer-password-set"),
    path("doorverwijzer/klanten/", views.my_clients, name="referrer-clients"),
    path("doorverwijzer/klanten/nieuwe-intake/", views.referrer_intake_start, name="referrer-intake-start"),
    path("doorverwijzer/klanten/<str:reference>/", views.client_request_status, name="referrer-client-status"),
]
