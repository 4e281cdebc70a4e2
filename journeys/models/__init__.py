"""All of the journeys app's models; each area's tables live in a module of their own."""

from journeys.models.consortia import (
    Consortium,
    ConsortiumEvent,
    ConsortiumMember,
    ConsortiumStatus,
    PartnerProfile,
    RegionScope,
)
from journeys.models.followups import EmailOptOut, FollowUp, FollowUpKind, FollowUpState
from journeys.models.insights import (
    InsightRollupIntake,
    InsightRollupMatch,
    InsightRollupSectorTag,
    InsightRollupState,
    InsightRollupTag,
)
from journeys.models.intake import Intake, IntakeTag, PartnerApiKey, PartnerIdempotencyKey
from journeys.models.journey_over_time import (
    JourneyResult,
    Reassessment,
    RequestOutcome,
    RoundSubscription,
)
from journeys.models.privacy import PrivacyAction
from journeys.models.referrals import PartnerReferral
from journeys.models.referrers import ReferredIntake, Referrer, ReferrerKind
from journeys.models.requests import Outcome, RequestEvent, RequestStatus, SupportRequest

__all__ = [
    "Consortium",
    "ConsortiumEvent",
    "ConsortiumMember",
    "ConsortiumStatus",
    "EmailOptOut",
    "FollowUp",
    "FollowUpKind",
    "FollowUpState",
    "InsightRollupIntake",
    "InsightRollupMatch",
    "InsightRollupSectorTag",
    "InsightRollupState",
    "InsightRollupTag",
    "Intake",
    "IntakeTag",
    "JourneyResult",
    "Outcome",
    "PartnerApiKey",
    "PartnerIdempotencyKey",
    "PartnerProfile",
    "PartnerReferral",
    "PrivacyAction",
    "Reassessment",
    "ReferredIntake",
    "Referrer",
    "ReferrerKind",
    "RegionScope",
    "RequestEvent",
    "RequestOutcome",
    "RequestStatus",
    "RoundSubscription",
    "SupportRequest",
]
