"""``{% referral_panel %}``: the partner-referral panel of the request page, with its own data.

A tag, so the triage request page needs only one include line (journeys/referrals/ owns the rest).
"""

from django import template

from journeys.referrals import forms, selectors

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
    }
