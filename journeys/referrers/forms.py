from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.models import ReferrerKind


class ReferrerInviteForm(forms.Form):
    prefix = "invite"
    name = forms.CharField(label=_("Naam van de adviseur"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort doorverwijzer"), choices=ReferrerKind.choices)


class ClientConsentForm(forms.Form):
    """On the contact request of an intake an advisor fills in for a client."""

    prefix = "client"
    agreed = forms.BooleanField(
        label=_("Mijn klant weet hiervan en heeft ingestemd"),
        help_text=_("Vul hierboven de naam en het e-mailadres van uw klant in. Uw klant krijgt de bevestiging en "
                    "kan de hulpvraag intrekken."),
        error_messages={"required": _("Vink aan dat uw klant hiervan weet en heeft ingestemd")},
    )
