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
        max_digits=10, decimal_places=1, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "input--short"}),
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

    def clean(self):
        data = super().clean()
        if data.get("amount_eur") is not None and data.get("result") != "awarded":
            self.add_error("amount_eur", _("Een bedrag hoort alleen bij 'Toegekend'."))
        return data


KEEP_ASKING_CHOICES = [("ja", _("Ja, vraag het mij over een jaar weer")), ("nee", _("Nee, vraag het mij niet meer"))]


class ReassessmentForm(forms.Form):
    """"Waar staat u nu?": the intake's stage question, what they did, what helped, and what came of it."""

    self_assessment = forms.ChoiceField(
        label=_("Welke zin past nu het best bij uw bedrijf?"), widget=forms.RadioSelect,
        error_messages={"required": _("Kies de zin die nu het best bij u past")},
    )
    what_did = forms.CharField(
        label=_("Wat heeft u gedaan sinds uw hulpvraag?"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Mag leeg. Een paar woorden is genoeg."),
    )
    what_helped = forms.CharField(
        label=_("Wat heeft u daarbij geholpen?"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Mag leeg. Een paar woorden is genoeg."),
    )
    barriers_resolved = forms.MultipleChoiceField(
        label=_("Welke van deze belemmeringen zijn nu opgelost?"), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Dit noemde u bij uw hulpvraag. Vink aan wat nu is opgelost."),
    )
    result = forms.ChoiceField(label=_("Wat kwam eruit?"), required=False, widget=forms.RadioSelect)
    scheme = forms.ModelChoiceField(
        label=_("Bij welke regeling?"), required=False, queryset=None, empty_label=_("Geen van deze"),
        help_text=_("De regelingen uit uw route."),
        error_messages={"invalid_choice": _("Kies een regeling uit de lijst")},
    )
    partner = forms.CharField(label=_("Bij welke regeling of partner?"), required=False, max_length=200)
    amount_eur = OutcomeForm.base_fields["amount_eur"]
    tonnes_saved = OutcomeForm.base_fields["tonnes_saved"]
    circular_revenue_eur = OutcomeForm.base_fields["circular_revenue_eur"]
    keep_asking = forms.ChoiceField(
        label=_("Mogen wij u dit over een jaar weer vragen?"), choices=KEEP_ASKING_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee")},
    )

    def __init__(self, *args, barriers: list[str] = (), scheme_ids: list[int] = (), **kwargs):
        from journeys.models import JourneyResult
        from schemes import vocabulary as v
        from schemes.models import Scheme

        super().__init__(*args, **kwargs)
        self.fields["self_assessment"].choices = v.SelfAssessment.choices
        if scheme_ids:  # the route's schemes, so an answer counts for that scheme in the cohort figures
            self.fields["scheme"].queryset = Scheme.objects.filter(pk__in=scheme_ids).order_by("name")
            self.fields["partner"].label = _("Of bij welke andere regeling of partner?")
        else:
            del self.fields["scheme"]
        if barriers:
            self.fields["barriers_resolved"].choices = [(code, v.label(v.Barrier, code)) for code in barriers]
        else:
            del self.fields["barriers_resolved"]
        self.fields["result"].choices = JourneyResult.choices
        for name in ("amount_eur", "tonnes_saved", "circular_revenue_eur"):
            self.fields[name].help_text = ""
        self.fields["amount_eur"].label = _("Toegekend bedrag in euro (als u het weet)")
        self.fields["tonnes_saved"].label = _("Materiaal bespaard, in ton per jaar (zelf opgegeven)")
        self.fields["circular_revenue_eur"].label = _("Nieuwe circulaire omzet, in euro per jaar (zelf opgegeven)")

    def clean(self):
        data = super().clean()
        if data.get("amount_eur") is not None and data.get("result") != "awarded":
            self.add_error("amount_eur", _("Een bedrag hoort alleen bij 'Toegekend'."))
        return data
