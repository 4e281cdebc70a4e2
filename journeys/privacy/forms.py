from django import forms
from django.utils.translation import gettext_lazy as _


class EmailLookupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de ondernemer"),
        help_text=_("Het adres waarmee de ondernemer de vragen invulde."),
        max_length=254,
        error_messages={
            "required": _("Vul het e-mailadres in, zoals naam@bedrijf.nl"),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class EraseConfirmForm(EmailLookupForm):
    confirm = forms.BooleanField(
        label=_("Ik weet dat dit niet ongedaan kan worden"),
        error_messages={"required": _("Vink aan dat u weet dat wissen niet ongedaan kan worden")},
    )
