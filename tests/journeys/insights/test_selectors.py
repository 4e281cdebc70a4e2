"""Every figure checked against a small data set whose answers are counted by hand."""

import datetime as dt

import pytest

from journeys.insights import feedback, scheme_demand, selectors
from journeys.models import RequestEvent
from tests.factories.catalogue import ApplicationRoundFactory, HubFactory, SchemeFactory

from .conftest import at, column, make_intake, make_request, year_filters

pytestmark = pytest.mark.django_db


def test_it_counts_the_funnel_from_started_to_closed(hub_a):
    for _ in range(3):
        make_intake(hub=hub_a, submitted=False)  # started, never sent
    sent = [make_intake(hub=hub_a) for _ in range(14)]
    for intake in sent[:2]:
        make_request(intake=intake)  # new: asked for contact, not picked up
    for intake in sent[2:7]:
        make_request(intake=intake, status="in_progress", response_days=1)
    for intake in sent[7:13]:
        make_request(intake=intake, status="closed", outcome="helped", response_days=1)
    make_intake(hub=hub_a, when=dt.datetime(2024, 12, 31, 12, tzinfo=dt.UTC))  # outside the period

    figure = selectors.funnel(year_filters())

    assert column(figure) == {"started": "17", "submitted": "14", "requested": "13", "picked_up": "11",
                              "closed": "6"}
    assert column(figure, 1)["submitted"] == "82%"


def test_it_splits_closed_requests_by_outcome_and_protects_the_small_one(hub_a):
    for _ in range(7):
        make_request(intake=make_intake(hub=hub_a), status="closed", outcome="helped")
    for _ in range(9):
        make_request(intake=make_intake(hub=hub_a), status="closed", outcome="scheme_referral")
    for _ in range(2):
        make_request(intake=make_intake(hub=hub_a), status="closed", outcome="duplicate")

    figure = selectors.outcomes(year_filters())

    assert column(figure) == {"helped": "verborgen", "scheme_referral": "9", "not_eligible": "0",
                              "no_response": "0", "duplicate": "< 5"}
    assert column(figure, 1)["scheme_referral"] == "50%"
    assert "7" not in figure.summary and "2 " not in figure.summary


def test_it_counts_stages_overall_and_per_month(hub_a):
    for month, stage, n in [(1, "starter", 5), (1, "peloton", 6), (2, "peloton", 5), (2, "frontrunner", 1),
                            (2, "starter", 7)]:
        for _ in range(n):
            make_intake(hub=hub_a, when=at(month), stage=stage)

    overall = selectors.stages(year_filters())
    by_month = selectors.stages_by_month(year_filters())

    # Frontrunner (1) is small; peloton (11), the smallest other group, is hidden so 1 = 24 - 12 - 11 cannot be
    # worked out.
    assert column(overall) == {"starter": "12", "peloton": "verborgen", "frontrunner": "< 5"}
    january, february = by_month.rows[0], by_month.rows[1]
    assert [january.code, february.code] == ["2025-01", "2025-02"]
    assert [str(c) for c in january.cells] == ["5", "6", "0", "11"]
    # Peloton (5) is the smallest other group in February: hidden so 1 cannot be subtracted from 13.
    assert [str(c) for c in february.cells] == ["7", "verborgen", "< 5", "13"]
    assert len(by_month.rows) == 12


def test_it_counts_themes_and_barriers_and_filters_by_province_sector_and_stage(hub_a, gelderland, utrecht):
    for _ in range(6):
        make_intake(hub=hub_a, province=gelderland, sectors=["construction"], barriers=["financing", "knowledge"])
    for _ in range(5):
        make_intake(hub=hub_a, province=gelderland, sectors=["construction"], barriers=["financing"],
                    stage="starter")
    for _ in range(3):
        make_intake(hub=hub_a, province=gelderland, sectors=["textiles"], barriers=["knowledge"])
    for _ in range(5):
        make_intake(hub=hub_a, province=utrecht, sectors=["construction"], barriers=["knowledge"])

    everything = selectors.tag_counts(year_filters(), dimension="barrier")
    answer = selectors.tag_counts(
        year_filters(province_id=gelderland.id, sector="construction", stage="peloton"), dimension="barrier")

    assert column(everything)["knowledge"] == "14"
    assert column(everything)["financing"] == "11"
    assert everything.rows[0].code == "knowledge"
    assert column(answer)["financing"] == "6"
    assert column(answer)["knowledge"] == "6"
    assert column(answer, 1)["financing"] == "100%"


def test_it_ranks_barriers_per_sector_and_per_province(hub_a, gelderland, utrecht):
    for _ in range(6):
        make_intake(hub=hub_a, province=gelderland, sectors=["construction", "textiles"],
                    barriers=["financing", "knowledge"])
    for _ in range(5):
        make_intake(hub=hub_a, province=utrecht, sectors=["construction"], barriers=["knowledge"])
    for _ in range(2):
        make_intake(hub=hub_a, province=utrecht, sectors=["plastics"], barriers=["regulation"])

    by_sector = selectors.top_tags_by_group(year_filters(), dimension="barrier", group="sector")
    by_province = selectors.top_tags_by_group(year_filters(), dimension="barrier", group="province")

    sector_rows = [(row.label, str(row.cells[0]), str(row.cells[1])) for row in by_sector.rows]
    assert ("Bouw, grond-, weg- en waterbouw", "Te weinig kennis", "11") in sector_rows
    assert ("Bouw, grond-, weg- en waterbouw", "De financiering lukt niet", "6") in sector_rows
    assert ("Textiel", "De financiering lukt niet", "6") in sector_rows
    assert ("Kunststoffen", "geen keuze van 5 of meer bedrijven", "< 5") in sector_rows
    assert not any("Regels" in text for _, text, _ in sector_rows)
    province_rows = [(row.label, str(row.cells[0]), str(row.cells[1])) for row in by_province.rows]
    assert ("Utrecht", "Te weinig kennis", "5") in province_rows
    assert ("Gelderland", "Te weinig kennis", "6") in province_rows


def test_it_measures_the_median_response_and_share_within_target_per_hub(hub_a, hub_b):
    # Hub A: responses after 1, 2, 3, 6 and 8 days against a 5-day target, one open request long overdue,
    # one open request not yet due (it does not count for "within target").
    for days in (1, 2, 3, 6, 8):
        make_request(intake=make_intake(hub=hub_a), response_days=days)
    make_request(intake=make_intake(hub=hub_a), response_days=None)
    make_request(intake=make_intake(hub=hub_a), response_days=None, due_days=365 * 50)
    for days in (1, 1):
        make_request(intake=make_intake(hub=hub_b), response_days=days)
    hub_c = HubFactory(name="Loket Zeeland")
    for days in (1, 1, 1, 1, 1, 1):
        make_request(intake=make_intake(hub=hub_c), response_days=days)

    figure = selectors.response_times(year_filters())
    rows = {row.code: [str(cell) for cell in row.cells] for row in figure.rows}

    # Hub B is small; in each column the smallest other hub is hidden so B cannot be worked out from the total.
    assert rows[hub_a.slug] == ["7", "verborgen", "3,0", "50%"]  # 3 of the 6 decided requests in time
    assert rows[hub_b.slug] == ["< 5", "< 5", "< 5", "< 5"]
    assert rows[hub_c.slug] == ["verborgen", "6", "1,0", "100%"]
    assert rows[""] == ["15", "13", "1,0", "79%"]  # 11 of 14 decided in time; median of 13 responses


def test_it_summarises_ratings_and_whether_it_helped(hub_a):
    for rating, helped in [(5, True)] * 5 + [(4, True), (4, True), (4, None), (3, False)]:
        make_request(intake=make_intake(hub=hub_a), rating=rating, helped=helped)

    ratings = feedback.ratings(year_filters())
    helped_figure = feedback.helped(year_filters())

    assert column(ratings) == {"1": "0", "2": "0", "3": "< 5", "4": "< 5", "5": "5"}
    assert "4,4" in ratings.summary  # (5 * 5 + 3 * 4 + 3) / 9 = 4.44
    assert column(helped_figure) == {"yes": "verborgen", "no": "< 5"}


def test_it_compares_how_often_a_scheme_was_matched_with_how_often_it_was_recommended(hub_a):
    ckp = SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten")
    ApplicationRoundFactory(scheme=ckp, opens_on=dt.date(2025, 4, 1), budget_status="exhausted")
    voucher = SchemeFactory(slug="voucher", name="Voucher")
    exhausted = {"slug": "ckp", "availability": {"status": "exhausted"}}
    open_ = {"slug": "ckp", "availability": {"status": "open"}}
    for i in range(8):
        intake = make_intake(hub=hub_a, matches=[exhausted if i < 5 else open_, {"slug": "voucher"}])
        request = make_request(intake=intake, status="closed", outcome="scheme_referral" if i < 6 else "helped")
        if i < 6:
            RequestEvent.objects.create(request=request, hub=hub_a, kind="scheme_recommended",
                                        data={"scheme_id": ckp.pk, "scheme_slug": "ckp"})
    make_intake(hub=hub_a, matches=[{"slug": "voucher"}])

    figure = scheme_demand.scheme_demand(year_filters())
    rows = {row.code: [str(cell) for cell in row.cells] for row in figure.rows}

    assert rows["voucher"] == ["9", "0", "0", "\u2013"]
    assert rows["ckp"] == ["8", "5", "6", "Budget op"]
    assert [row.code for row in figure.rows] == ["voucher", "ckp"]
    assert "6 hulpvragen" in figure.summary
    assert voucher.name == "Voucher"


def test_it_counts_only_the_hubs_in_scope(hub_a, hub_b):
    for _ in range(5):
        make_request(intake=make_intake(hub=hub_a), response_days=1)
    for _ in range(7):
        make_request(intake=make_intake(hub=hub_b), response_days=1)

    scoped = year_filters(hub_ids=(hub_b.id,))

    assert column(selectors.funnel(scoped))["requested"] == "7"
    assert [row.code for row in selectors.response_times(scoped).rows] == [hub_b.slug, ""]
