"""The dashboard's filter form (GET, so every view of the figures has its own URL)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journeys.insights.filters import InsightFilters
from schemes import vocabulary as v
from schemes.models import Province

MAX_DAYS = 366 * 5


class InsightFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Van"), help_text=_("Bijvoorbeeld 1-1-2025"), input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"class": "input--short", "autocomplete": "off"}, format="%d-%m-%Y"),
        error_messages={"invalid": _("Vul een datum in zoals 1-1-2025"), "required": _("Vul een begindatum in")},
    )
    date_to = forms.DateField(
        label=_("Tot en met"), help_text=_("Bijvoorbeeld 31-12-2025"), input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"class": "input--short", "autocomplete": "off"}, format="%d-%m-%Y"),
        error_messages={"invalid": _("Vul een datum in zoals 31-12-2025"), "required": _("Vul een einddatum in")},
    )
    province = forms.ModelChoiceField(
        label=_("Provincie"), queryset=Province.objects.order_by("display_name"), required=False,
        empty_label=_("Alle provincies"),
        error_messages={"invalid_choice": _("Kies een provincie uit de lijst")},
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("Alle sectoren")), *v.Sector.choices],
        error_messages={"invalid_choice": _("Kies een sector uit de lijst")},
    )
    stage = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fasen")), *v.Stage.choices],
        error_messages={"invalid_choice": _("Kies een fase uit de lijst")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            if start > end:
                self.add_error("date_to", _("De einddatum moet op of na de begindatum liggen"))
            elif (end - start).days > MAX_DAYS:
                self.add_error("date_from", _("Kies een periode van hoogstens 5 jaar"))
        return data

    def to_filters(self, *, hub_ids: tuple[int, ...] | None) -> InsightFilters:
        data = self.cleaned_data
        return InsightFilters(
            date_from=data["date_from"], date_to=data["date_to"], hub_ids=hub_ids,
            province_id=data["province"].id if data.get("province") else None,
            sector=data.get("sector") or "", stage=data.get("stage") or "",
        )


def default_period(today: dt.date | None = None) -> dict[str, str]:
    """This year so far."""
    today = today or timezone.localdate()
    return {"date_from": f"1-1-{today.year}", "date_to": today.strftime("%d-%m-%Y")}


def _quarter_choices(*, years: int = 6) -> list[tuple[str, str]]:
    today = timezone.localdate()
    current = (today.year, (today.month - 1) // 3 + 1)
    quarters = [(year, q) for year in range(today.year - years + 1, today.year + 1) for q in range(1, 5)
                if (year, q) <= current]
    return [(f"{year}-Q{q}", _("%(year)s kwartaal %(quarter)s") % {"year": year, "quarter": q})
            for year, q in reversed(quarters)]


def _quarter_bounds(code: str) -> tuple[dt.date, dt.date]:
    year, quarter = int(code[:4]), int(code[-1])
    first = dt.date(year, 3 * quarter - 2, 1)
    after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return first, after - dt.timedelta(days=1)


class CohortPeriodForm(forms.Form):
    """Which start quarters the cohort page counts (both empty: every request)."""

    start_from = forms.ChoiceField(
        label=_("Gestart vanaf"), required=False,
        error_messages={"invalid_choice": _("Kies een kwartaal uit de lijst")},
    )
    start_to = forms.ChoiceField(
        label=_("Gestart tot en met"), required=False,
        error_messages={"invalid_choice": _("Kies een kwartaal uit de lijst")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _quarter_choices()
        self.fields["start_from"].choices = [("", _("Het eerste kwartaal")), *choices]
        self.fields["start_to"].choices = [("", _("Nu")), *choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_from"), data.get("start_to")
        if start and end and start > end:  # "2025-Q4" < "2026-Q1": the codes sort as the quarters do
            self.add_error("start_to", _("Kies een kwartaal op of na het eerste kwartaal"))
        return data

    def started(self) -> tuple[dt.date, dt.date] | None:
        start, end = self.cleaned_data.get("start_from"), self.cleaned_data.get("start_to")
        if not start and not end:
            return None
        first = _quarter_bounds(start)[0] if start else dt.date(2000, 1, 1)
        last = _quarter_bounds(end)[1] if end else timezone.localdate()
        return first, last
