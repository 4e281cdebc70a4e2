import pytest
from django.core.exceptions import ValidationError

from journeys.models import Outcome, RequestStatus
from journeys.triage import workflow

S = RequestStatus

LEGAL = [
    (S.NEW, S.TRIAGE, ""),
    (S.NEW, S.CLOSED, Outcome.DUPLICATE),
    (S.TRIAGE, S.IN_PROGRESS, ""),
    (S.TRIAGE, S.REFERRED, ""),
    (S.TRIAGE, S.CLOSED, Outcome.NOT_ELIGIBLE),
    (S.IN_PROGRESS, S.REFERRED, ""),
    (S.IN_PROGRESS, S.CLOSED, Outcome.HELPED),
    (S.REFERRED, S.CLOSED, Outcome.SCHEME_REFERRAL),
    (S.REFERRED, S.IN_PROGRESS, ""),
    (S.CLOSED, S.IN_PROGRESS, ""),
]
ILLEGAL = [
    (S.NEW, S.IN_PROGRESS, ""),
    (S.NEW, S.REFERRED, ""),
    (S.TRIAGE, S.NEW, ""),
    (S.IN_PROGRESS, S.TRIAGE, ""),
    (S.CLOSED, S.NEW, ""),
    (S.CLOSED, S.REFERRED, ""),
]


@pytest.mark.parametrize(("source", "target", "outcome"), LEGAL)
def test_it_allows_declared_transitions(source, target, outcome):
    workflow.check_transition(source=source, target=target, outcome=outcome)


@pytest.mark.parametrize(("source", "target", "outcome"), ILLEGAL)
def test_it_refuses_undeclared_transitions_with_a_dutch_message(source, target, outcome):
    with pytest.raises(ValidationError) as error:
        workflow.check_transition(source=source, target=target, outcome=outcome)
    assert error.value.code == "illegal_transition"
    assert "kan de hulpvraag niet naar" in error.value.messages[0]


def test_it_requires_an_outcome_to_close():
    with pytest.raises(ValidationError) as error:
        workflow.check_transition(source=S.IN_PROGRESS, target=S.CLOSED, outcome="")
    assert error.value.code == "outcome_required"


def test_it_refuses_an_outcome_without_closing():
    with pytest.raises(ValidationError) as error:
        workflow.check_transition(source=S.TRIAGE, target=S.IN_PROGRESS, outcome=Outcome.HELPED)
    assert error.value.code == "outcome_not_allowed"


def test_it_refuses_staying_in_the_same_status():
    with pytest.raises(ValidationError) as error:
        workflow.check_transition(source=S.TRIAGE, target=S.TRIAGE)
    assert error.value.code == "same_status"


def test_it_declares_every_status_and_a_public_text_for_each():
    assert set(workflow.TRANSITIONS) == set(S.values)
    assert set(workflow.PUBLIC_STATUS_TEXT) == set(S.values)
