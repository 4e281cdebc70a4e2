from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.models import ReferrerKind


class ReferrerInviteForm(forms.Form):
    prefix = "invite"
    name = forms.CharField(label=_("Naam van de adviseur"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisatie"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort doorverwijzer"), choices=ReferrerKind.choices)
