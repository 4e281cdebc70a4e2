from django.urls import path

from schemes.api import cached
from schemes.partners import api, views

urlpatterns = [
    path("partners/", views.partners, name="partners"),
    path("api/v1/partners/", cached(api.PartnerList.as_view()), name="api-partner-list"),
]
