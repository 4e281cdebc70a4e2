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
