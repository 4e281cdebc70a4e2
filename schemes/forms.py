"""Forms of the catalogue: admin forms that apply schemes.validation, and the public filter and postcode forms."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from schemes import validation
from schemes import vocabulary as v
from schemes.models import ApplicationRound, Hub, Province, Scheme


def https_links(db_field, **kwargs):
    """A link typed without a scheme ("www.rvo.nl/ckp") is read as https://, as Django 6 will do."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def _checkboxes(choices, label, *, coerce=str):
    return forms.TypedMultipleChoiceField(
        label=label, choices=choices.choices, coerce=coerce, required=False, widget=forms.CheckboxSelectMultiple,
    )


class SchemeAdminForm(forms.ModelForm):
    stages = _checkboxes(v.Stage, _("fasen"))
    themes = _checkboxes(v.Theme, _("thema's"))
    business_areas = _checkboxes(v.BusinessArea, _("bedrijfsonderdelen"))
    sectors = _checkboxes(v.Sector, _("sectoren"))
    barriers = _checkboxes(v.Barrier, _("belemmeringen waar het bij helpt"))
    journey_steps = _checkboxes(v.JourneyStep, _("stappen in de klantreis (1-6)"), coerce=int)
    requirements = _checkboxes(v.Requirement, _("voorwaarden en documenten"))
    provides = _checkboxes(v.Requirement, _("wat dit aanbod geeft"))

    class Meta:
        model = Scheme
        formfield_callback = https_links
        fields = [
            "name", "name_en", "slug", "kind", "offer", "status", "summary", "summary_en", "url", "no_link_reason",
            "no_link_reason_en", "contact", "provider",
            "executor", "umbrella", "stages", "themes", "business_areas", "sectors", "barriers", "journey_steps",
            "scope", "provinces", "municipalities", "sme_only", "requires_consortium", "consortium_min_smes",
            "consortium_max_smes", "large_companies_max", "min_chain_roles", "lead_applicant_must_be_sme",
            "requirements", "provides", "is_free", "cost_note",
            "cost_note_en", "funding_percentage", "funding_max_eur", "support_note", "support_note_en", "allocation",
            "annual_capacity_note", "is_ongoing", "valid_from", "valid_until", "source_note",
        ]

    def clean(self):
        cleaned = super().clean()
        for field, messages in validation.scheme_errors(cleaned).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        published = cleaned.get("status") == v.PublicationStatus.PUBLISHED
        if published and not cleaned.get("url") and not (cleaned.get("no_link_reason") or "").strip():
            self.add_error("no_link_reason", _(
                "Deze regeling heeft geen officiële link. Vul een link in, of schrijf hier waarom er geen is "
                "(bijvoorbeeld 'Alleen via het loket')."))
        return cleaned


class ApplicationRoundForm(forms.ModelForm):
    class Meta:
        model = ApplicationRound
        fields = ["name", "opens_on", "closes_on", "budget_eur", "budget_status", "note"]

    def clean(self):
        cleaned = super().clean()
        for field, messages in validation.round_errors(cleaned).items():
            for message in messages:
                self.add_error(field, message)
        return cleaned


class ApplicationRoundFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rounds = [f.cleaned_data for f in self.forms
                  if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")]
        problems = validation.rounds_errors(rounds)
        if problems:
            raise forms.ValidationError(problems)


class HubAdminForm(forms.ModelForm):
    class Meta:
        model = Hub
        formfield_callback = https_links
        fields = [
            "slug", "name", "organisation", "email", "phone", "website", "contact_is_placeholder", "description",
            "description_en", "next_steps", "next_steps_en", "response_target_days", "is_national_desk", "is_active",
            "provinces", "municipalities", "staff", "source_note",
        ]

    def clean(self):
        cleaned = super().clean()
        for field, messages in validation.hub_errors(cleaned).items():
            for message in messages:
                self.add_error(field, message)
        national = cleaned.get("is_national_desk")
        if national and Hub.objects.filter(is_national_desk=True).exclude(pk=self.instance.pk).exists():
            self.add_error("is_national_desk", _("Er is al een landelijk loket. Zet dat eerst uit."))
        return cleaned


class CatalogueImportForm(forms.Form):
    file = forms.FileField(label=_("Catalogusbestand (JSON)"), help_text=_("Een bestand uit 'Exporteren'."))


class CatalogueFilterForm(forms.Form):
    """The public catalogue filters; every field optional, invalid values are simply ignored."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    stage = forms.MultipleChoiceField(label=_("Fase van uw bedrijf"), choices=v.Stage.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    theme = forms.MultipleChoiceField(label=_("Onderwerp"), choices=v.Theme.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    kind = forms.MultipleChoiceField(label=_("Soort hulp"), choices=v.SchemeKind.choices, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    province = forms.ModelChoiceField(label=_("Provincie"), queryset=Province.objects.all(), required=False,
                                      to_field_name="code", empty_label=_("Alle provincies"))
    open_now = forms.BooleanField(label=_("Alleen wat nu open is"), required=False)


class PostcodeForm(forms.Form):
    INVALID_MESSAGE = _("Vul een postcode in zoals 1234 AB.")

    postcode = forms.CharField(
        label=_("Postcode van uw bedrijf"), max_length=10, help_text=_("Bijvoorbeeld 1234 AB"),
        error_messages={"required": INVALID_MESSAGE, "max_length": INVALID_MESSAGE},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "input--short"}),
    )
    municipality = forms.CharField(required=False, widget=forms.HiddenInput)
