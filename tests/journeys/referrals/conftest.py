"""The triage access-matrix cast, plus the entrepreneur's answers a referral is ranked and mailed by."""

import pytest

from tests.journeys.triage.conftest import (  # noqa: F401  (the fixtures)
    Cast,
    _plain_static_files_for_the_live_server,
    cast,
)

ANSWERS = {
    "company_name": "Kringloop Utrecht B.V.", "kvk_number": "12345678", "postcode": "3511 AB",
    "contact_name": "Anna de Vries", "email": "anna@kringloop.example", "phone": "030 123 4567",
    "preferred_contact": "phone", "sectors": ["construction"], "themes": ["regulation", "chain"],
    "barriers": ["regulation"], "mra_problem": "Geheime uitleg over onze afvalstroom",
}


@pytest.fixture
def with_answers(cast: Cast):  # noqa: F811
    """The cast's request with full answers; ``consent`` sets the separate referral consent."""

    def make(*, consent: bool):
        intake = cast.request_a.intake
        intake.answers = {**ANSWERS, "referral_consent": consent}
        intake.company_name, intake.kvk_number, intake.postcode = "Kringloop Utrecht B.V.", "12345678", "3511 AB"
        intake.contact_name, intake.email, intake.phone = "Anna de Vries", "anna@kringloop.example", "030 123 4567"
        intake.save()
        return cast.request_a

    return make
