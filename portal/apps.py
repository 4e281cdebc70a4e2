from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal import checks  # noqa: F401 - registers the deployment checks
        from portal.staff_sessions import on_user_logged_in

        user_logged_in.connect(on_user_logged_in, dispatch_uid="portal.staff_sessions.start")
