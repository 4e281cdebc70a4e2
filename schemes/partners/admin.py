"""Django admin for partner organisations (catalogue admins, /beheer/); every change is kept by simple-history."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from schemes import vocabulary as v
from schemes.forms import _checkboxes, https_links
from schemes.models import PartnerOrganisation


class PartnerOrganisationAdminForm(forms.ModelForm):
    themes = _checkboxes(v.Theme, _("thema's"))
    sectors = _checkboxes(v.Sector, _("sectoren"))
    barriers = _checkboxes(v.Barrier, _("belemmeringen waar de partner bij helpt"))

    class Meta:
        model = PartnerOrganisation
        formfield_callback = https_links
        fields = [
            "name", "slug", "kind", "description", "description_en", "themes", "sectors", "barriers", "is_national",
            "provinces", "website", "email", "phone", "accepts_referrals", "referral_email", "is_active",
            "source_note",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accepts_referrals") and not cleaned.get("referral_email"):
            self.add_error("referral_email", _("Vul het e-mailadres in waar de partner doorverwijzingen ontvangt."))
        if not cleaned.get("is_national") and not cleaned.get("provinces"):
            self.add_error("provinces", _("Kies de provincies waar de partner werkt, of zet 'werkt in heel "
                                          "Nederland' aan."))
        return cleaned


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/schemes/object_history_list.html"
    form = PartnerOrganisationAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "is_national", "accepts_referrals", "is_active"]
    list_filter = ["kind", "is_national", "accepts_referrals", "is_active", "provinces"]
    search_fields = ["name", "slug", "source_note"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["provinces"]
