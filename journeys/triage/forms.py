"""Forms of the triage desk: the queue filters (GET) and one small form per action on a request."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from journeys.models.requests import ContactChannel, Outcome, RequestStatus, SupportRequest
from journeys.triage import queue, workflow
from portal.text_fields import PlainTextField
from schemes import vocabulary as v
from schemes.models import Hub, Municipality, Province, Scheme

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


class QueueFilterForm(forms.Form):
    """Every filter lives in the URL, so a filtered queue can be shared and the back button works."""

    status = forms.ChoiceField(
        required=False, widget=forms.HiddenInput,
        choices=[("", ""), *RequestStatus.choices, (queue.PASSED_ON, "")],
    )
    q = forms.CharField(
        label=_("Zoeken"), required=False, max_length=100,
        help_text=_("Bedrijfsnaam, KvK-nummer, e-mail of kenmerk"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    due = forms.ChoiceField(
        label=_("Reactietermijn"), required=False, widget=forms.RadioSelect,
        choices=[("", _("Alle")), ("overdue", _("Te laat")), ("almost", _("Bijna te laat"))],
    )
    assigned = forms.ChoiceField(
        label=_("Toegewezen"), required=False, widget=forms.RadioSelect,
        choices=[("", _("Iedereen")), ("mine", _("Aan mij")), ("unassigned", _("Aan niemand"))],
    )
    stage = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle fasen")), *v.Stage.choices])
    theme = forms.ChoiceField(label=_("Thema"), required=False, choices=[("", _("Alle thema's")), *v.Theme.choices])
    province = forms.ModelChoiceField(
        label=_("Provincie"), required=False, queryset=Province.objects.all(), empty_label=_("Alle provincies")
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), required=False, queryset=Municipality.objects.none(), empty_label=_("Alle gemeenten")
    )
    hub = forms.ModelChoiceField(label=_("Loket"), required=False, queryset=Hub.objects.none(),
                                 empty_label=_("Alle loketten"))
    sort = forms.ChoiceField(
        label=_("Sorteren"), required=False,
        choices=[("due", _("Termijn eerst")), ("newest", _("Nieuwste eerst")), ("oldest", _("Oudste eerst"))],
    )
    per = forms.TypedChoiceField(
        label=_("Per pagina"), required=False, coerce=int, empty_value=DEFAULT_PAGE_SIZE, initial=DEFAULT_PAGE_SIZE,
        choices=[(size, str(size)) for size in PAGE_SIZES],
    )

    def __init__(self, *args, hubs: list[Hub], all_hubs: bool, **kwargs):
        super().__init__(*args, **kwargs)
        hub_ids = [hub.pk for hub in hubs]
        self.fields["hub"].queryset = Hub.objects.filter(pk__in=hub_ids)
        if all_hubs or any(hub.is_national_desk for hub in hubs):
            self.fields["municipality"].queryset = Municipality.objects.all()
        else:
            # Only the provinces and municipalities this user's hubs serve, so the lists stay short.
            area = Q(hubs__in=hub_ids) | Q(province__hubs__in=hub_ids)
            served = Municipality.objects.filter(area).distinct()
            # A hub whose area is not filled in yet still gets the whole list.
            if served.exists():
                self.fields["municipality"].queryset = served
                self.fields["province"].queryset = Province.objects.filter(
                    Q(hubs__in=hub_ids) | Q(municipalities__hubs__in=hub_ids)).distinct()
            else:
                self.fields["municipality"].queryset = Municipality.objects.all()
        self.show_hub_filter = len(hubs) > 1

    def filters(self) -> queue.QueueFilters:
        """The valid filters; an invalid one is dropped (and reported) instead of failing the page."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        return queue.QueueFilters(
            status=data.get("status") or "",
            stage=data.get("stage") or "",
            theme=data.get("theme") or "",
            province_id=data["province"].pk if data.get("province") else None,
            municipality_id=data["municipality"].pk if data.get("municipality") else None,
            hub_id=data["hub"].pk if data.get("hub") else None,
            assigned=data.get("assigned") or "",
            due=data.get("due") or "",
            q=data.get("q") or "",
            sort=data.get("sort") or queue.DEFAULT_SORT,
        )

    def page_size(self) -> int:
        if "per" in self.errors:
            return DEFAULT_PAGE_SIZE
        return self.cleaned_data.get("per") or DEFAULT_PAGE_SIZE


class _VersionedForm(forms.Form):
    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1,
        error_messages={"required": _("Laad de pagina opnieuw en probeer het nog eens.")},
    )

    def __init__(self, *args, support_request: SupportRequest, **kwargs):
        kwargs.setdefault("initial", {})["version"] = support_request.version
        kwargs.setdefault("prefix", self.prefix_name)
        super().__init__(*args, **kwargs)
        self.support_request = support_request


class AssignForm(_VersionedForm):
    prefix_name = "assign"
    assignee = forms.ModelChoiceField(
        label=_("Toewijzen aan"), required=False, queryset=None, empty_label=_("Niemand"),
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = colleagues
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["assignee"].initial = self.support_request.assigned_to_id


class StatusForm(_VersionedForm):
    prefix_name = "status"
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=(),
                               error_messages={"required": _("Kies een status."),
                                               "invalid_choice": _("Deze status kan nu niet. Kies een van de lijst.")})
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Geen (alleen bij afsluiten)")), *Outcome.choices],
        help_text=_("Verplicht als u de hulpvraag afsluit."),
    )
    note = PlainTextField(label=_("Toelichting (intern, mag leeg)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        targets = workflow.allowed_targets(self.support_request.status)
        self.fields["status"].choices = [(target, RequestStatus(target).label) for target in targets]


class NoteForm(_VersionedForm):
    prefix_name = "note"
    text = PlainTextField(label=_("Interne notitie"), max_length=5000,
                           error_messages={"required": _("Schrijf een notitie.")},
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Alleen medewerkers zien dit. De ondernemer niet."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False


class PublicUpdateForm(NoteForm):
    prefix_name = "public"
    text = PlainTextField(label=_("Bericht aan de ondernemer"), max_length=2000,
                           error_messages={"required": _("Schrijf een bericht voor de ondernemer.")},
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("De ondernemer ziet dit op de statuspagina. Schrijf kort en in gewone woorden."))


class ContactForm(NoteForm):
    prefix_name = "contact"
    channel = forms.ChoiceField(label=_("Hoe had u contact?"), choices=ContactChannel.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Kies hoe u contact had.")})
    text = PlainTextField(label=_("Wat is besproken (intern, mag leeg)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Het eerste contact telt als eerste reactie. Alleen medewerkers zien dit."))


class StageForm(_VersionedForm):
    prefix_name = "stage"
    stage = forms.ChoiceField(label=_("Fase"), choices=v.Stage.choices)
    reason = PlainTextField(label=_("Waarom past u de fase aan?"), max_length=2000,
                             error_messages={"required": _("Schrijf waarom u de fase aanpast.")},
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].initial = self.support_request.stage


class RecommendForm(_VersionedForm):
    prefix_name = "recommend"
    scheme = forms.ModelChoiceField(label=_("Regeling"), queryset=None, empty_label=_("Kies een regeling"),
                                    error_messages={"required": _("Kies een regeling.")})
    reason = PlainTextField(label=_("Waarom deze regeling? (mag leeg)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
        self.fields["scheme"].queryset = Scheme.objects.filter(status=v.PublicationStatus.PUBLISHED).order_by("name")


class DuplicateForm(_VersionedForm):
    prefix_name = "duplicate"
    original = forms.CharField(label=_("Kenmerk van de eerdere hulpvraag"), max_length=16,
                               error_messages={"required": _("Vul het kenmerk in, zoals CL-00001234.")},
                               help_text=_("Bijvoorbeeld CL-00001234. De hulpvraag wordt dan afgesloten."))


class ReferForm(_VersionedForm):
    prefix_name = "refer"
    hub = forms.ModelChoiceField(label=_("Naar loket"), queryset=None, empty_label=_("Kies een loket"),
                                 error_messages={"required": _("Kies het loket dat verder helpt.")})
    reason = PlainTextField(label=_("Waarom stuurt u de hulpvraag door?"), max_length=2000,
                             error_messages={"required": _("Schrijf waarom u de hulpvraag doorstuurt.")},
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = (
            Hub.objects.filter(is_active=True).exclude(pk=self.support_request.hub_id)
            .order_by("-is_national_desk", "name")
        )


class RecomputeForm(_VersionedForm):
    prefix_name = "recompute"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False
