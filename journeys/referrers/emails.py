"""What the advisor's invitation e-mail shows; the set-password link is made at send time, never stored."""

from django.conf import settings

from journeys.models import FollowUp, Referrer
from journeys.referrers.tokens import invitation_path


def referrer_invitation_context(*, followup: FollowUp) -> dict:
    referrer = Referrer.objects.select_related("user").filter(pk=followup.payload.get("referrer_id")).first()
    if referrer is None:
        return {"referrer": None}
    return {
        "referrer": referrer,
        "set_password_url": settings.SITE_URL + invitation_path(user=referrer.user),
        "login_url": settings.SITE_URL + "/medewerkers/login/",
    }
