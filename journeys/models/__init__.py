from journeys.models.intake import Intake, IntakeTag, PartnerApiKey
from journeys.models.requests import Outcome, RequestEvent, RequestStatus, SupportRequest

__all__ = [
    "Intake",
    "IntakeTag",
    "Outcome",
    "PartnerApiKey",
    "RequestEvent",
    "RequestStatus",
    "SupportRequest",
]
from journeys.models.followups import EmailOptOut, FollowUp, FollowUpKind, FollowUpState

__all__ += ["EmailOptOut", "FollowUp", "FollowUpKind", "FollowUpState"]
from journeys.models.privacy import PrivacyAction  # noqa: E402

__all__ += ["PrivacyAction"]
from journeys.models import insights as _insight_rollup  # noqa: E402,F401  (registers the rollup models)
