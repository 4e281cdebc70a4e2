from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from schemes import api, api_docs, views

app_name = "schemes"
urlpatterns = [
    path("regelingen/", views.catalogue, name="catalogue"),
    path("regelingen/<slug:slug>/", views.scheme_detail, name="scheme-detail"),
    path("loketten/", views.hubs, name="hubs"),
    path("api/v1/schemes/", api.cached(api.SchemeList.as_view()), name="api-scheme-list"),
    path("api/v1/schemes/<slug:slug>/", api.cached(api.SchemeDetail.as_view()), name="api-scheme-detail"),
    path("api/v1/hubs/", api.cached(api.HubList.as_view()), name="api-hub-list"),
    path("api/v1/postcodes/<str:postcode>/hub/", api.cached(api.PostcodeHub.as_view()), name="api-postcode-hub"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/", api_docs.docs, name="api-docs"),
    path("", include("schemes.catalogue_health.urls")),
    path("", include("schemes.hub_profile.urls")),
    path("", include("schemes.partners.urls")),
]
