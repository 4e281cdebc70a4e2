"""The consortium e-mails' context, read from the database when the mail is sent (journeys.followups.emails).

The introduction names the other companies and the hub's contact, with the yes / no link; the contacts mail
(sent only when every remaining member said yes) adds the others' e-mail addresses.
"""

from django.urls import reverse

from journeys.consortia import presenters, selectors, tokens
from journeys.followups.emails import absolute
from journeys.models import ConsortiumMember, FollowUp, FollowUpKind


def consortium_email_context(followup: FollowUp) -> dict:
    member = (ConsortiumMember.objects.select_related("consortium__hub", "profile")
              .filter(pk=(followup.payload or {}).get("member_id")).first())
    if member is None:
        return {"others": [], "hub": None}
    others = [m for m in selectors.consortium_members(consortium=member.consortium)
              if m.pk != member.pk and m.removed_at is None and m.profile.is_active]
    if followup.kind == FollowUpKind.CONSORTIUM_CONTACTS:
        others = [m for m in others if m.answer == ConsortiumMember.Answer.YES]
        partners = [{"name": m.profile.company_name, "email": m.profile.email} for m in others]
    else:
        partners = [{"name": m.profile.company_name} for m in others]
    return {
        "member": member, "company_name": member.profile.company_name, "partners": partners,
        "hub": member.consortium.hub,
        "answer_url": absolute(reverse("journeys:partner-answer", args=[tokens.answer_token(member_id=member.pk)])),
        "withdraw_url": absolute(presenters.withdraw_path(profile=member.profile)),
    }
