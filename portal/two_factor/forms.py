from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.text_fields import PlainTextField


class CodeForm(forms.Form):
    code = PlainTextField(
        label=_("Code"),
        max_length=32,
        help_text=_("De 6 cijfers uit uw app, of een van uw herstelcodes."),
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}),
    )

    def reject(self, *, wait: int = 0) -> None:
        if wait:
            message = ngettext(
                "U heeft net een verkeerde code geprobeerd. Wacht %(n)s seconde en probeer het opnieuw.",
                "U heeft net een verkeerde code geprobeerd. Wacht %(n)s seconden en probeer het opnieuw.", wait,
            ) % {"n": wait}
        else:
            message = _("Deze code klopt niet of is verlopen. Probeer de nieuwste code uit uw app.")
        self.add_error("code", message)


class SetupCodeForm(CodeForm):
    code = PlainTextField(
        label=_("Code uit uw app"),
        max_length=32,
        help_text=_("Na het scannen toont uw app elke 30 seconden een nieuwe code van 6 cijfers."),
        error_messages={"required": _("Vul de code uit uw app in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
