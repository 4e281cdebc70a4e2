"""The smallest hooks into the existing intake (journeys/intake/views.py) for an intake an advisor fills in.

Starting: ``referrer_intake_start`` (a view here) creates an empty draft linked to the advisor and points the
advisor's browser at it; from then on the normal intake views run. The contact request of such a draft asks
the client's name and e-mail (the normal fields) plus a required "my client agreed" checkbox.
"""

from django.utils import timezone

from journeys.models import Intake, ReferredIntake
from journeys.referrers.forms import ClientConsentForm


def client_consent_form(*, intake: Intake, user, data=None) -> ClientConsentForm | None:
    """The checkbox form for a referred intake (bound to ``data`` when given); ``None`` for any other intake.

    Only a logged-in advisor fills in a client's intake; an entrepreneur sending their own (anonymous) costs no
    look-up, and if a client finishes it from a "continue later" link, they consent themselves.
    """
    if not user.is_authenticated or not ReferredIntake.objects.filter(intake=intake).exists():
        return None
    return ClientConsentForm(data)


def client_consent_record(*, intake: Intake) -> None:
    ReferredIntake.objects.filter(intake=intake).update(client_consent_at=timezone.now())
