from django import forms
from django.utils.translation import gettext_lazy as _


class RoundSubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Wij sturen eerst een e-mail met een link. Pas als u daarop klikt, krijgt u bericht."),
        error_messages={
            "required": _("Vul uw e-mailadres in, zoals naam@bedrijf.nl"),
            "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class OutcomeForm(forms.Form):
    """What came of a request (staff at close; the same questions in the re-assessment)."""

    result = forms.ChoiceField(
        label=_("Wat kwam eruit?"), widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat eruit kwam.")},
    )
    scheme = forms.ModelChoiceField(
        label=_("Welke regeling?"), required=False, queryset=None,
        help_text=_("Bij doorverwezen, aangevraagd of toegekend. Laat leeg als het een partner was."),
    )
    partner = forms.CharField(label=_("Of welke partner?"), required=False, max_length=200)
    amount_eur = forms.IntegerField(
        label=_("Toegekend bedrag in euro (als u het weet)"), required=False, min_value=0, max_value=100_000_000,
        error_messages={"invalid": _("Vul een bedrag in hele euro's in, zoals 20000.")},
    )
    tonnes_saved = forms.DecimalField(
        label=_("Materiaal bespaard, in ton per jaar (zelf opgegeven)"), required=False, min_value=0,
        max_digits=10, decimal_places=1,
        help_text=_("Wat de ondernemer zelf zegt. Het loket controleert dit niet."),
        error_messages={"invalid": _("Vul een getal in, zoals 12,5.")},
    )
    circular_revenue_eur = forms.IntegerField(
        label=_("Nieuwe circulaire omzet, in euro per jaar (zelf opgegeven)"), required=False, min_value=0,
        max_value=1_000_000_000, help_text=_("Wat de ondernemer zelf zegt. Het loket controleert dit niet."),
        error_messages={"invalid": _("Vul een bedrag in hele euro's in, zoals 50000.")},
    )

    def __init__(self, *args, **kwargs):
        from journeys.models import JourneyResult
        from schemes import vocabulary as v
        from schemes.models import Scheme

        super().__init__(*args, **kwargs)
        self.fields["result"].choices = JourneyResult.choices
        self.fields["scheme"].queryset = Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED).order_by("name")
        self.fields["tonnes_saved"].localize = True
        self.fields["tonnes_saved"].widget.is_localized = True

    def clean(self):
        data = super().clean()
        if data.get("amount_eur") is not None and data.get("result") != "awarded":
            self.add_error("amount_eur", _("Een bedrag hoort alleen bij 'Toegekend'."))
        return data
