"""Django admin for catalogue admins (/beheer/): schemes with rounds, hubs, organisations, geography.

Hub staff are not Django staff and never get in. Catalogue admins get their model permissions from the
group made by portal.roles.ensure_catalogue_admin_group. Every change is kept by simple-history.
"""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
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


class VerificationAdminMixin:
    """The "Gecontroleerd" step: a bulk action, a button on the change page and a column, all recorded in history."""

    object_history_list_template = "admin/schemes/object_history_list.html"  # without an inline style (CSP)

    verify_url_name: str

    @admin.display(description=_("laatst gecontroleerd"), ordering="last_verified_on")
    def last_verified(self, obj) -> str:
        if obj.last_verified_on is None:
            return _("nooit")
        return formats.date_format(obj.last_verified_on, "j F Y")

    @admin.action(description=_("Gecontroleerd: alles klopt met de officiële bron"), permissions=["change"])
    def mark_verified(self, request, queryset):
        count = services.catalogue_items_mark_verified(items=queryset, user=request.user, today=timezone.localdate())
        self.message_user(request, ngettext(
            "%(count)d item is gemarkeerd als gecontroleerd.", "%(count)d items zijn gemarkeerd als gecontroleerd.",
            count) % {"count": count}, messages.SUCCESS)

    def verify_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        services.catalogue_items_mark_verified(
            items=self.model.objects.filter(pk=obj.pk), user=request.user, today=timezone.localdate())
        self.message_user(request, _("%(name)s is gemarkeerd als gecontroleerd.") % {"name": obj}, messages.SUCCESS)
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]))

    def verification_urls(self):
        view = self.admin_site.admin_view(require_POST(self.verify_view))
        return [path("<path:object_id>/gecontroleerd/", view, name=self.verify_url_name)]


class ApplicationRoundInline(admin.TabularInline):
    model = ApplicationRound
    form = ApplicationRoundForm
    formset = ApplicationRoundFormSet
    extra = 0
    fields = ["name", "opens_on", "closes_on", "budget_eur", "budget_status", "note"]


@admin.register(Scheme)
class SchemeAdmin(VerificationAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    form = SchemeAdminForm
    inlines = [ApplicationRoundInline]
    change_list_template = "admin/schemes/scheme/change_list.html"
    change_form_template = "admin/schemes/verifiable_change_form.html"
    verify_url_name = "schemes_scheme_verify"
    list_display = ["name", "kind", "status", "scope", "availability", "last_verified", "updated_at", "preview"]
    list_filter = ["status", "kind", "offer", "scope", "allocation", "sme_only", "requires_consortium", "provinces"]
    search_fields = ["name", "name_en", "slug", "summary", "provider__name", "executor__name", "source_note"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["provider", "executor", "umbrella", "municipalities"]
    filter_horizontal = ["provinces"]
    actions = ["mark_verified", "publish", "archive", "back_to_draft"]
    readonly_fields = ["last_verified_on", "last_verified_by", "created_at", "updated_at"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "offer", "status", "summary", "summary_en", "url",
                           "no_link_reason", "no_link_reason_en", "contact"]}),
        (_("Partijen"), {"fields": ["provider", "executor", "umbrella"]}),
        (_("Voor wie (matching)"), {"fields": ["stages", "themes", "business_areas", "sectors", "barriers",
                                               "journey_steps"]}),
        (_("Gebied"), {"fields": ["scope", "provinces", "municipalities"]}),
        (_("Voorwaarden"), {"fields": ["sme_only", "requires_consortium", "consortium_min_smes",
                                       "consortium_max_smes", "large_companies_max", "min_chain_roles",
                                       "lead_applicant_must_be_sme", "requirements", "provides"]}),
        (_("Kosten en vergoeding"), {"fields": ["is_free", "cost_note", "cost_note_en", "funding_percentage",
                                                "funding_max_eur", "support_note", "support_note_en", "allocation",
                                                "annual_capacity_note"]}),
        (_("Beschikbaarheid en onderhoud"), {"fields": ["is_ongoing", "valid_from", "valid_until",
                                                        "last_verified_on", "last_verified_by", "source_note",
                                                        "created_at", "updated_at"]}),
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
        if status == v.PublicationStatus.PUBLISHED:
            for scheme in queryset:
                problem = services.publish_problem(scheme)
                if problem and scheme.status != status:
                    self.message_user(request, problem, messages.WARNING)
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
            *self.verification_urls(),
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
class HubAdmin(VerificationAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = HTTPS_LINKS
    form = HubAdminForm
    change_form_template = "admin/schemes/verifiable_change_form.html"
    verify_url_name = "schemes_hub_verify"
    list_display = ["name", "organisation", "is_national_desk", "is_active", "area", "response_target_days",
                    "contact_is_placeholder", "last_verified"]
    actions = ["mark_verified"]
    list_filter = ["is_active", "is_national_desk", "contact_is_placeholder", "provinces"]
    search_fields = ["name", "organisation", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["provinces", "staff"]
    autocomplete_fields = ["municipalities"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("provinces", "municipalities")

    def get_readonly_fields(self, request, obj=None):
        # Staff of a hub read its requests with the entrepreneurs' contact details: catalogue admins see no
        # requests, so only a superuser decides who is on a hub (issue 15.3). Changes are in the history.
        readonly = ["last_verified_on", "last_verified_by"]
        if not request.user.is_superuser:
            readonly.append("staff")
        return readonly

    def get_urls(self):
        return [*self.verification_urls(), *super().get_urls()]

    @admin.display(description=_("gebied"))
    def area(self, obj: Hub) -> str:
        names = [p.display_name for p in obj.provinces.all()] + [m.name for m in obj.municipalities.all()]
        return ", ".join(names) or (_("rest van Nederland") if obj.is_national_desk else "-")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/schemes/object_history_list.html"
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

from schemes.partners import admin as partners_admin  # noqa: E402, F401  (registers PartnerOrganisation)
