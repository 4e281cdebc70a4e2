"""The smallest hooks into the existing intake (journeys/intake/views.py) for an intake an advisor fills in.

Starting: ``referrer_intake_start`` (a view here) creates an empty draft linked to the advisor and points the
advisor's browser at it; from then on the normal intake views run. The contact request of such a draft asks
the client's name and e-mail (the normal fields) plus a required "my client agreed" checkbox.
"""

import copy

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


# The contact form, in the words of an advisor filling it in for a client: (label, hint, "required" message).
CLIENT_WORDING = {
    "contact_name": (_("Naam van uw klant"), None, _("Vul de naam van uw klant in")),
    "email": (_("E-mailadres van uw klant"), _("Hierop krijgt uw klant de bevestiging met het nummer."),
              _("Vul het e-mailadres van uw klant in, zoals naam@bedrijf.nl")),
    "phone": (_("Telefoonnummer van uw klant (niet verplicht)"), None, None),
    "preferred_contact": (_("Hoe wil uw klant het liefst contact?"), None,
                          _("Kies hoe uw klant het liefst contact wil")),
    "consent_share": (
        _("Mijn klant vindt het goed dat het loket de antwoorden, de route en deze contactgegevens gebruikt om hem "
          "of haar te helpen"),
        _("Het loket deelt de gegevens alleen met partners als uw klant dat goed vindt."),
        _("Zet een vinkje als het loket de gegevens van uw klant mag gebruiken. Anders kan het loket geen contact "
          "opnemen."),
    ),
    "followup_opt_in": (_("Het loket mag mijn klant later een korte e-mail sturen met de vraag of de hulp heeft "
                          "geholpen"), None, None),
    "referral_consent": (
        _("De vraag van mijn klant mag worden doorgestuurd naar een partner die kan helpen"),
        _("Bijvoorbeeld een Versnellingspartner of de omgevingsdienst. De partner krijgt dan de naam, de "
          "contactgegevens en de vraag van uw klant. Zonder vinkje krijgt uw klant zelf de gegevens van de partner."),
        None,
    ),
}


def client_wording(form) -> None:
    """Word the contact form for an advisor: "Naam van uw klant" instead of "Uw naam", before it is validated."""
    for name, (label, hint, required) in CLIENT_WORDING.items():
        if name not in form.fields:
            continue
        # The step forms share their field objects between instances: change copies.
        field = form.fields[name] = copy.deepcopy(form.fields[name])
        field.label = label
        if hint is not None:
            field.help_text = hint
        if required is not None:
            field.error_messages = {**field.error_messages, "required": required}
