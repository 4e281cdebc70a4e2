"""``{% referral_panel %}``: the partner-referral panel of the request page, with its own data.

A tag, so the triage request page needs only one include line (journeys/referrals/ owns the rest).
"""

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from journeys.insights.dashboard import CACHE_SECONDS, cache_key
from journeys.referrals import forms, insights, selectors
from journeys.referrers.selectors import referrer_organisation

register = template.Library()


@register.inclusion_tag("journeys/referrals/_panel.html", takes_context=True)
def referral_panel(context, support_request, can_change):
    suggestions = selectors.partner_suggestions(support_request=support_request) if can_change else []
    return {
        "support_request": support_request,
        "can_change": can_change,
        "referrals": list(selectors.referrals_for_request(support_request=support_request)),
        "suggestions": suggestions,
        "consent": selectors.referral_consent_given(intake=support_request.intake),
        "form": forms.PartnerReferralForm(partners=[s.partner for s in suggestions]),
        "outcome_choices": forms.ReferralOutcomeForm.base_fields["outcome"].choices,
        "csrf_token": context.get("csrf_token"),
        # Issue 19: where the request came from when an advisor's organisation sent it (partner API).
        "via_partner": selectors.request_channel_organisation(support_request=support_request),
        # Issue 19.4: the advisor ("doorverwijzer") who filled the intake in with the client.
        "via_referrer": referrer_organisation(support_request=support_request),
    }


@register.inclusion_tag("journeys/referrals/_insights.html")
def referral_insights(filters):
    """The channel and referral tables of the insight dashboard (within its filters, small groups suppressed).

    Cached like the dashboard's own figures, per filters (hub scope included) and language.
    """
    key = cache_key("referral-insights", get_language() or "", repr(filters))
    tables = cache.get(key)
    if tables is None:
        channels, total = insights.requests_per_channel(filters=filters)
        tables = {"channels": channels, "channel_total": total,
                  "referrals": insights.referrals_per_partner_kind(filters=filters)}
        cache.set(key, tables, CACHE_SECONDS)
    return {**tables, "outcome_labels": [label for _value, label in insights.PartnerReferral.Outcome.choices]}
