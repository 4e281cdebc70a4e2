from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HELPED_CHOICES = [("ja", _("Ja")), ("nee", _("Nee"))]
RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class SurveyForm(forms.Form):
    helped = forms.ChoiceField(
        label=_("Heeft het contact met het loket u geholpen?"), choices=HELPED_CHOICES, required=False,
        widget=forms.RadioSelect,
    )
    rating = forms.ChoiceField(
        label=_("Welk cijfer geeft u de hulp?"), help_text=_("1 is slecht, 5 is heel goed."),
        choices=RATING_CHOICES, required=False, widget=forms.RadioSelect,
    )

    @classmethod
    def initial_from_link(cls, answer: str) -> dict:
        """The answer clicked in the e-mail, pre-selected on the confirm page."""
        if answer in {"ja", "nee"}:
            return {"helped": answer}
        if answer in {"1", "2", "3", "4", "5"}:
            return {"rating": answer}
        return {}

    def clean(self):
        data = super().clean()
        if not data.get("helped") and not data.get("rating"):
            raise ValidationError(_("Kies ja of nee, of geef een cijfer."))
        return data

    @property
    def helped_value(self) -> bool | None:
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("helped"))

    @property
    def rating_value(self) -> int | None:
        rating = self.cleaned_data.get("rating")
        return int(rating) if rating else None
