"""The portal's URLs plus one view that fails, to see the 500 page a visitor gets."""

from django.urls import path

from portal.urls import handler500  # noqa: F401 (handler500 is read by Django)
from portal.urls import urlpatterns as portal_urlpatterns


def _fail(request):
    raise RuntimeError("a bug")


urlpatterns = [path("kapot/", _fail), *portal_urlpatterns]
