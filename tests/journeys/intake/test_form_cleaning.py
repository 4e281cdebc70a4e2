"""The step forms clean without BoundFields (issue 17): same cleaned data, same errors as Django's own loop."""

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeys.intake import questions as q
from journeys.intake.forms import contact_form, form_class_for
from tests.journeys.intake.helpers import STEP_POSTS, geo_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

STEPS = [*q.STEPS, q.CONTACT_STEP]


def _values_for(question: q.Question) -> st.SearchStrategy:
    """What a browser or partner could send for one question: good, bad, empty, odd."""
    codes = [code for code, _label in question.choices] if question.choices else []
    odd = st.sampled_from(["", " ", "on", "abc", "12", "-1", "3.5", "1234 ab", "1234AB", "0612345678",
                           "12345678", "x" * 300, "a@b.nl", "niet@", q.UNKNOWN, "9999 ZZ"])
    single = st.one_of(odd, st.sampled_from(codes)) if codes else odd
    return st.one_of(st.none(), single.map(lambda value: [value]), st.lists(single, max_size=4))


@st.composite
def step_posts(draw):
    step = draw(st.sampled_from(STEPS))
    data = {}
    for question in step.questions:
        values = draw(_values_for(question))
        if values is not None:
            data[question.key] = values
    return step, data


def _as_form_data(data: dict):
    from django.utils.datastructures import MultiValueDict

    return MultiValueDict({key: list(values) for key, values in data.items()})


def _outcome(form: forms.Form) -> tuple:
    valid = form.is_valid()
    return valid, form.errors.get_json_data(), dict(form.cleaned_data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(post=step_posts())
def test_a_step_form_cleans_exactly_as_djangos_own_loop(geo, post):
    step, data = post
    form_class = form_class_for(step)
    reference_class = type("Reference", (form_class,), {"_clean_fields": forms.Form._clean_fields})
    ours, reference = form_class(_as_form_data(data)), reference_class(_as_form_data(data))
    assert _outcome(ours) == _outcome(reference)
    # The error's aria-describedby (set after cleaning) is the same on both.
    for name in ours.errors:
        if name in ours.fields:
            assert ours[name].field.widget.attrs == reference[name].field.widget.attrs


def test_the_optional_contact_form_cleans_as_before(geo):
    data = _as_form_data({"email": ["niet@"], "phone": ["abc"]})
    ours = contact_form(data, required=False)
    reference = contact_form(data, required=False)
    reference._clean_fields = lambda: forms.Form._clean_fields(reference)
    assert _outcome(ours) == _outcome(reference)
    assert set(ours.errors) == {"email", "phone"}


def test_a_complete_company_step_still_settles_the_municipality(geo):
    form = form_class_for(q.STEPS_BY_SLUG["bedrijf"])(_as_form_data(
        {k: v if isinstance(v, list) else [v] for k, v in STEP_POSTS["bedrijf"].items()}))
    assert form.is_valid(), form.errors
    assert form.cleaned_answers()["postcode"] == "3511 AB"
    assert form.cleaned_answers()[q.MUNICIPALITY_KEY] == "GM0344"
