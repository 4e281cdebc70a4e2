"""All of the journeys app's models; each area's tables live in a module of their own."""

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
from journeys.models.requests import Outcome, RequestEvent, RequestStatus, SupportRequest

__all__ = [
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
    "PrivacyAction",
    "Reassessment",
    "RequestEvent",
    "RequestOutcome",
    "RequestStatus",
    "RoundSubscription",
    "SupportRequest",
]
