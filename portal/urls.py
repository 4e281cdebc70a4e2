from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import views
from portal.forms import StaffLoginForm

admin.site.site_header = _("Circulair Loket — beheer")
admin.site.site_title = _("Circulair Loket — beheer")
admin.site.index_title = _("Catalogus beheren")

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (a PDF, a JSON answer).
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("medewerkers/", views.staff_home, name="staff-home"),
    path("medewerkers/login/", auth_views.LoginView.as_view(authentication_form=StaffLoginForm), name="login"),
    path("medewerkers/", include("django.contrib.auth.urls")),
    path("medewerkers/", include("portal.two_factor.urls")),
    path("beheer/", admin.site.urls),
    path("", include("schemes.urls", namespace="schemes")),
    path("", include("journeys.urls", namespace="journeys")),
]

# A Dutch error page that still works when the database is the problem.
handler500 = "portal.errors.server_error"
