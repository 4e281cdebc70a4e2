"""The public list of partner organisations (/partners/): who else helps circular entrepreneurs, and how."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from schemes import vocabulary as v
from schemes.models import PartnerKind
from schemes.partners import selectors


@require_GET
def partners(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "partner": partner,
            "kind": v.label(PartnerKind, partner.kind),
            "themes": v.labels(v.Theme, partner.themes),
            "sectors": v.labels(v.Sector, partner.sectors),
            "provinces": [p.display_name for p in partner.provinces.all()],
        }
        for partner in selectors.active_partners()
    ]
    return render(request, "schemes/partners/partners.html", {"rows": rows})
