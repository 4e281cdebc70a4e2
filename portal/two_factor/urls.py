from django.urls import path

from portal.two_factor import views

urlpatterns = [
    path("twee-stappen/", views.manage, name="two-factor-manage"),
    path("twee-stappen/code/", views.verify, name="two-factor-verify"),
    path("twee-stappen/instellen/", views.setup, name="two-factor-setup"),
]
