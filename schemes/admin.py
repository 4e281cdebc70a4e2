"""Django admin for catalogue admins (/beheer/): schemes with rounds, hubs, organisations, geography.

Hub staff are not Django staff and never get in. Catalogue admins get their model permissions from the
group made by portal.roles.ensure_catalogue_admin_group. Every change is kept by simple-history.
"""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from schemes import services
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.forms import (
    ApplicationRoundForm,
    ApplicationRoundFormSet,
    CatalogueImportForm,
    HubAdminForm,
    SchemeAdminForm,
)
from schemes.models import ApplicationRound, Hub, Municipality, Organisation, PostcodeArea, Province, Scheme
from schemes.transfer import catalogue_export, catalogue_import

# A link typed without a scheme ("www.rvo.nl/ckp") becomes https://, as it will in Django 6.
HTTPS_LINKS = {models.URLField: {"assume_scheme": "https"}}


class ApplicationRoundInline(admin.TabularInline):
    model = ApplicationRound
    form = ApplicationRoundForm
    formset = ApplicationRoundFormSet
    extra = 0
    fields = ["name", "opens_on", "closes_on", "budget_eur", "budget_status", "note"]


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    form = SchemeAdminForm
    inlines = [ApplicationRoundInline]
    change_list_template = "admin/schemes/scheme/change_list.html"
    list_display = ["name", "kind", "status", "scope", "availability", "last_verified_on", "updated_at", "preview"]
    list_filter = ["status", "kind", "scope", "allocation", "sme_only", "requires_consortium", "provinces"]
    search_fields = ["name", "name_en", "slug", "summary", "provider__name", "executor__name", "source_note"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["provider", "executor", "umbrella", "municipalities"]
    filter_horizontal = ["provinces"]
    actions = ["publish", "archive", "back_to_draft"]
    readonly_fields = ["created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "status", "summary", "summary_en", "url", "contact"]}),
        (_("Partijen"), {"fields": ["provider", "executor", "umbrella"]}),
        (_("Voor wie (matching)"), {"fields": ["stages", "themes", "business_areas", "sectors", "barriers",
                                               "journey_steps"]}),
        (_("Gebied"), {"fields": ["scope", "provinces", "municipalities"]}),
        (_("Voorwaarden"), {"fields": ["sme_only", "requires_consortium", "consortium_min_smes",
                                       "consortium_max_smes", "large_companies_max", "min_chain_roles",
                                       "requirements"]}),
        (_("Kosten en vergoeding"), {"fields": ["is_free", "cost_note", "cost_note_en", "funding_percentage",
                                                "funding_max_eur", "support_note", "support_note_en", "allocation",
                                                "annual_capacity_note"]}),
        (_("Beschikbaarheid en onderhoud"), {"fields": ["is_ongoing", "valid_from", "valid_until",
                                                        "last_verified_on", "source_note", "created_at",
                                                        "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rounds")

    @admin.display(description=_("nu"))
    def availability(self, obj: Scheme) -> str:
        return scheme_availability(scheme=obj, today=timezone.localdate()).label

    @admin.display(description=_("bekijken"))
    def preview(self, obj: Scheme) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Bekijk de pagina"))

    def _set_status(self, request, queryset, status: str) -> None:
        changed = services.schemes_set_status(schemes=queryset, status=status, user=request.user)
        self.message_user(request, ngettext(
            "%(count)d regeling is nu '%(status)s'.", "%(count)d regelingen zijn nu '%(status)s'.", changed,
        ) % {"count": changed, "status": v.PublicationStatus(status).label}, messages.SUCCESS)

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, v.PublicationStatus.PUBLISHED)

    @admin.action(description=_("Archiveren"), permissions=["change"])
    def archive(self, request, queryset):
        self._set_status(request, queryset, v.PublicationStatus.ARCHIVED)

    @admin.action(description=_("Terug naar concept"), permissions=["change"])
    def back_to_draft(self, request, queryset):
        self._set_status(request, queryset, v.PublicationStatus.DRAFT)

    def get_urls(self):
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name="schemes_catalogue_export"),
            path("import/", self.admin_site.admin_view(self.import_view), name="schemes_catalogue_import"),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        body = json.dumps(catalogue_export(), ensure_ascii=False, indent=1)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"catalogus-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_change_permission(request) and self.has_add_permission(request)):
            raise PermissionDenied
        form = CatalogueImportForm(request.POST or None, request.FILES or None)
        problems: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                data = json.loads(form.cleaned_data["file"].read().decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                problems = [_("Het bestand is geen geldige JSON: %(error)s") % {"error": exc}]
            else:
                try:
                    result = catalogue_import(data=data, user=request.user)
                except ValidationError as exc:
                    problems = exc.messages
                else:
                    self.message_user(request, _("Import gelukt. %(summary)s") % {"summary": result.summary()},
                                      messages.SUCCESS)
                    return redirect(reverse("admin:schemes_scheme_changelist"))
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
            "problems": problems, "title": _("Catalogus importeren"),
        }
        return TemplateResponse(request, "admin/schemes/scheme/import.html", context)


@admin.register(Hub)
class HubAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    form = HubAdminForm
    list_display = ["name", "organisation", "is_national_desk", "is_active", "area", "response_target_days",
                    "contact_is_placeholder"]
    list_filter = ["is_active", "is_national_desk", "contact_is_placeholder", "provinces"]
    search_fields = ["name", "organisation", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["provinces", "staff"]
    autocomplete_fields = ["municipalities"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("provinces", "municipalities")

    @admin.display(description=_("gebied"))
    def area(self, obj: Hub) -> str:
        names = [p.display_name for p in obj.provinces.all()] + [m.name for m in obj.municipalities.all()]
        return ", ".join(names) or (_("rest van Nederland") if obj.is_national_desk else "-")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["display_name", "code", "name"]
    search_fields = ["name", "display_name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "province", "corop_name"]
    list_filter = ["province"]
    search_fields = ["name", "code"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["pc4", "municipality", "source"]
    list_filter = ["source", "municipality__province"]
    search_fields = ["pc4", "municipality__name"]
    list_select_related = ["municipality"]
