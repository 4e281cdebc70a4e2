"""Who is offered the partner search: an intake that asked about chain cooperation, or cannot find partners."""

from journeys.models import Intake
from schemes import vocabulary as v


def offers_partner_search(intake: Intake) -> bool:
    answers = intake.answers or {}
    return (v.Theme.CHAIN in (answers.get("themes") or [])
            or v.BusinessArea.CHAIN_COOPERATION in (answers.get("business_areas") or [])
            or v.Barrier.FIND_PARTNERS in (answers.get("barriers") or []))
