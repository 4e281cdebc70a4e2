"""Issue 17: the matching's sentences are remembered per language, and read exactly as when worked out anew."""

from django.utils import translation

from journeys.intake.classification import reason_text
from schemes.matching_texts import availability_text, criterion_text, fit_text, todo_text

ITEMS = [
    (criterion_text, {"code": "min_smes", "status": "not_met", "params": {"min": 3, "count": 1}}),
    (criterion_text, {"code": "region", "status": "met", "params": {"areas": ["Enschede"]}}),
    (todo_text, {"code": "min_smes", "status": "not_met", "params": {"min": 3, "count": 1}}),
    (fit_text, {"code": "themes", "params": {"codes": ["chain", "financing"]}}),
    (availability_text, {"status": "open", "closes_on": "2025-09-04"}),
    (reason_text, {"code": "chain_assets", "params": {"partners": 3, "director": True, "commitment": False}}),
]


def test_the_remembered_sentence_is_the_one_worked_out_in_each_language():
    for render, item in ITEMS:
        render.cache.clear()
        with translation.override("nl"):
            dutch = render.__wrapped__(item)
            assert render(item) == dutch and render(item) == dutch  # worked out, then remembered
        with translation.override("en"):
            english = render.__wrapped__(item)
            assert render(item) == english  # a remembered Dutch sentence is never served in English
        assert dutch != english, (render.__name__, dutch)
        assert len(render.cache) == 2


def test_other_parameters_are_other_sentences():
    with translation.override("nl"):
        assert availability_text({"status": "open", "closes_on": "2025-09-04"}) == "Open tot en met 4 september 2025."
        assert availability_text({"status": "open", "closes_on": "2025-10-01"}) == "Open tot en met 1 oktober 2025."
        one = criterion_text({"code": "min_smes", "status": "not_met", "params": {"min": 1, "count": 0}})
        two = criterion_text({"code": "min_smes", "status": "not_met", "params": {"min": 2, "count": 0}})
    assert "1 mkb'er nodig" in one and "2 mkb'ers nodig" in two
