"""The opt-in form ("Wilt u dat het loket ketenpartners voor u zoekt?") and the hub staff forms.

Roles and materials use the intake's own vocabulary (schemes.vocabulary ChainRole, Material and the
intake's volume answer), so a profile reads like the answers it came from.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from journeys.consortia import workflow
from journeys.intake import questions as q
from journeys.models import RegionScope
from schemes import vocabulary as v


class _DescribedErrors:
    """Tie each error message to its input (as the intake forms do), so screen readers read it with it."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described.insert(0, f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class OptInForm(_DescribedErrors, forms.Form):
    roles_offered = forms.MultipleChoiceField(
        label=_("Welke rol heeft uw bedrijf in de keten?"), choices=v.ChainRole.choices,
        widget=forms.CheckboxSelectMultiple, help_text=_("Kies er één of meer."),
        error_messages={"required": _("Kies minstens één rol van uw bedrijf")},
    )
    roles_sought = forms.MultipleChoiceField(
        label=_("Welke partners zoekt u? (niet verplicht)"), choices=v.ChainRole.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Kies de rollen die u in de keten nog mist."),
    )
    materials = forms.MultipleChoiceField(
        label=_("Met welke materialen werkt u? (niet verplicht)"), choices=v.Material.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )
    material_volume = forms.ChoiceField(
        label=_("Hoe groot is de hoeveelheid ongeveer? (niet verplicht)"), choices=q.Volume.CHOICES,
        widget=forms.RadioSelect, required=False,
    )
    region_scope = forms.ChoiceField(
        label=_("Waar wilt u samenwerken?"), choices=RegionScope.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies waar u wilt samenwerken")},
    )
    company_name = forms.CharField(
        label=_("Naam van uw bedrijf"), max_length=200,
        help_text=_("Deze naam ziet een mogelijke partner."),
        error_messages={"required": _("Vul de naam van uw bedrijf in")},
    )
    company_size = forms.ChoiceField(
        label=_("Hoeveel mensen werken er in uw bedrijf?"), choices=v.CompanySize.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoeveel mensen er in uw bedrijf werken")},
    )
    email = forms.EmailField(
        label=_("E-mailadres voor de kennismaking"), max_length=254,
        help_text=_("Hierop krijgt u bericht als het loket een partner voor u vindt. Partners zien het niet."),
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={"required": _("Vul uw e-mailadres in, zoals naam@bedrijf.nl"),
                        "invalid": _("Vul een e-mailadres in zoals naam@bedrijf.nl")},
    )
    consent = forms.BooleanField(
        label=_("Ik geef toestemming: het loket mag de naam van mijn bedrijf, mijn provincie en mijn rol in "
                "de keten laten zien aan mogelijke partners."),
        help_text=_("Uw e-mailadres en andere contactgegevens krijgen zij pas als u daar zelf ja op zegt. "
                    "U kunt dit altijd intrekken."),
        error_messages={"required": _("Geef toestemming, anders kan het loket geen partners voor u zoeken")},
    )

    def __init__(self, *args, needs_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_email:
            del self.fields["email"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect,
                               error_messages={"required": _("Kies een nieuwe status")})

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = workflow.manual_choices(current=current)


class ProposalForm(forms.Form):
    """The staff's choice of one proposal: the scheme and the members, as the proposal listed them."""

    scheme = forms.SlugField(max_length=120)
    members = forms.CharField(max_length=400)

    def member_ids(self) -> list[int]:
        parts = self.cleaned_data["members"].split(",")
        if not all(p.isascii() and p.isdigit() and len(p) < 12 for p in parts):
            raise forms.ValidationError(_("Kies een voorstel uit de lijst."))
        return [int(p) for p in parts]
