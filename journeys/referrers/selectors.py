"""Reads for warm referrers: who may invite, who is an advisor, and the requests an advisor brought in.

Access rule, in one place: an advisor sees only the requests of intakes it started itself (``ReferredIntake``);
never another advisor's, never the queue. Anything else is a 404, so a reference never reveals a request.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet

from journeys.models import Referrer, SupportRequest
from portal import roles

User = AbstractBaseUser | AnonymousUser


def may_invite_referrers(*, user: User) -> bool:
    return roles.is_hub_staff(user) or roles.is_catalogue_admin(user)


def referrer_for_user(*, user: User) -> Referrer | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return Referrer.objects.filter(user=user).first()


def referrer_requests(*, referrer: Referrer) -> QuerySet[SupportRequest]:
    return (SupportRequest.objects.filter(intake__referred_by__referrer=referrer)
            .select_related("hub", "intake").order_by("-created_at", "-id"))


def referrer_request(*, referrer: Referrer, reference: str) -> SupportRequest | None:
    return referrer_requests(referrer=referrer).filter(reference=reference).first()


def referrers_list() -> QuerySet[Referrer]:
    return Referrer.objects.select_related("user").order_by("organisation_name", "id")


def referrer_organisation(*, support_request: SupportRequest) -> str:
    """The organisation of the advisor who brought the request in ("via ... (doorverwijzer)"), or empty."""
    name = (Referrer.objects.filter(intakes__intake_id=support_request.intake_id)
            .values_list("organisation_name", flat=True).first())
    return name or ""


def referred_counts_by_kind(*, requests: QuerySet[SupportRequest]) -> dict[str, int]:
    """Of these requests, how many each kind of advisor brought in (for the insight "requests per channel")."""
    rows = (requests.filter(intake__referred_by__isnull=False)
            .values_list("intake__referred_by__referrer__kind").annotate(n=Count("id", distinct=True)))
    return dict(rows)
