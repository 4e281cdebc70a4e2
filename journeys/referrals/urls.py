from django.urls import path

from journeys.referrals import views

# Under their own prefix: triage's "medewerkers/hulpvragen/<reference>/<action>/" would catch these otherwise.
urlpatterns = [
    path("medewerkers/doorverwijzen/<str:reference>/", views.referral_create, name="referral-create"),
    path("medewerkers/doorverwijzen/<str:reference>/<int:referral_id>/uitkomst/", views.referral_outcome,
         name="referral-outcome"),
]
