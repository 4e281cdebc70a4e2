"""Forms of the referral panel on the request page: refer to a partner, and record the outcome."""

from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.models import PartnerReferral
from portal.text_fields import PlainTextField
from schemes.models import PartnerOrganisation


class PartnerReferralForm(forms.Form):
    prefix = "partner"
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=PartnerOrganisation.objects.none(), widget=forms.RadioSelect,
        error_messages={"required": _("Kies de partner die kan helpen."),
                        "invalid_choice": _("Kies een partner uit de lijst.")},
    )
    note = PlainTextField(
        label=_("Wat moet de partner weten?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Met toestemming van de ondernemer krijgt de partner dit te lezen. Zonder toestemming blijft het "
                    "intern."),
        error_messages={"required": _("Schrijf wat de partner moet weten.")},
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = PartnerOrganisation.objects.filter(pk__in=[p.pk for p in partners])


class ReferralOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Wat leverde de doorverwijzing op?"), choices=PartnerReferral.Outcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat de doorverwijzing opleverde.")},
    )
