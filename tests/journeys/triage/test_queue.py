from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journeys.models.intake import IntakeTag
from tests.factories.catalogue import MunicipalityFactory
from tests.factories.journeys import IntakeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


def _refs(response) -> set[str]:
    body = response.content.decode()
    return {ref for ref in _ALL if ref in body}


_ALL: set[str] = set()


@pytest.fixture
def queue_client(client, cast):
    client.force_login(cast.staff_a)
    return client


def _make(cast, **kwargs):
    request = SupportRequestFactory(hub=cast.hub_a, **kwargs)
    _ALL.add(request.reference)
    return request


def test_it_counts_requests_per_status_in_tabs(queue_client, cast):
    _make(cast, in_progress=True)
    _make(cast, in_progress=True)
    _make(cast, closed=True)
    SupportRequestFactory(hub=cast.hub_b, in_progress=True)  # another hub: never counted
    body = queue_client.get(reverse("journeys:queue")).content.decode()
    assert 'Bezig <span class="tab-count">2</span>' in body
    assert 'Afgesloten <span class="tab-count">1</span>' in body
    assert 'Nieuw <span class="tab-count">1</span>' in body  # cast.request_a


def test_it_filters_by_status_stage_theme_and_municipality(queue_client, cast):
    _ALL.add(cast.request_a.reference)
    utrecht = MunicipalityFactory(name="Utrecht")
    busy = _make(cast, in_progress=True)
    starter = _make(cast, stage="starter", computed_stage="starter")
    themed = _make(cast)
    IntakeTag.objects.create(intake=themed.intake, dimension="theme", code="regulation")
    local = _make(cast, intake=IntakeFactory(municipality=utrecht, province=utrecht.province))
    url = reverse("journeys:queue")
    assert _refs(queue_client.get(url, {"status": "in_progress"})) == {busy.reference}
    assert _refs(queue_client.get(url, {"stage": "starter"})) == {starter.reference}
    assert _refs(queue_client.get(url, {"theme": "regulation"})) == {themed.reference}
    assert _refs(queue_client.get(url, {"municipality": utrecht.pk})) == {local.reference}
    assert _refs(queue_client.get(url, {"province": utrecht.province.pk})) == {local.reference}


def test_it_filters_on_assignment_and_deadline(queue_client, cast):
    _ALL.add(cast.request_a.reference)
    mine = _make(cast, assigned_to=cast.staff_a)
    theirs = _make(cast, assigned_to=cast.colleague_a)
    late = _make(cast, overdue=True, assigned_to=cast.colleague_a)
    answered_late = _make(cast, overdue=True, first_response_at=timezone.now(), assigned_to=cast.colleague_a)
    soon = _make(cast, almost_overdue=True, assigned_to=cast.colleague_a)
    url = reverse("journeys:queue")
    assert _refs(queue_client.get(url, {"assigned": "mine"})) == {mine.reference}
    assert _refs(queue_client.get(url, {"assigned": "unassigned"})) == {cast.request_a.reference}
    assert _refs(queue_client.get(url, {"due": "overdue"})) == {late.reference}
    almost = queue_client.get(url, {"due": "almost"})
    assert _refs(almost) == {soon.reference}
    assert "Bijna te laat" in almost.content.decode()
    assert "Te laat" in queue_client.get(url, {"due": "overdue"}).content.decode()
    assert {theirs.reference, answered_late.reference} <= _refs(queue_client.get(url))


def test_it_searches_company_kvk_and_email(queue_client, cast):
    _ALL.add(cast.request_a.reference)
    target = _make(cast, intake=IntakeFactory(company_name="Groene Bouw B.V.", kvk_number="87654321",
                                              email="info@groenebouw.nl"))
    url = reverse("journeys:queue")
    for query in ("groene bouw", "87654321", "info@groenebouw.nl", "groenebouw.nl"):
        assert _refs(queue_client.get(url, {"q": query})) == {target.reference}, query


def _found(response) -> set[str]:
    """References of the rows shown: the search box echoes the query, so the page text would not do."""
    return {row.request.reference for row in response.context["page"].rows}


def test_it_finds_a_reference_in_any_case_and_short_fragments(queue_client, cast):
    target = _make(cast, intake=IntakeFactory(company_name="Groene Bouw B.V.", email="info@groenebouw.nl"))
    url = reverse("journeys:queue")
    for query in (target.reference.lower(), f" {target.reference} ", "gr", "Gr"):
        assert _found(queue_client.get(url, {"q": query})) == {target.reference}, query


def test_a_search_matching_nearly_everyone_finds_the_same_rows_the_other_way(queue_client, cast, monkeypatch):
    from journeys.triage import queue

    for n in range(4):
        _make(cast, intake=IntakeFactory(company_name=f"Groene Bouw {n} B.V."))
    _make(cast, intake=IntakeFactory(company_name="Andere Naam B.V.", kvk_number="12345678"))
    _make(cast, intake=IntakeFactory(company_name="Bureau 12345678"))  # so the number is "broad" below too
    SupportRequestFactory(hub=cast.hub_b, intake=IntakeFactory(company_name="Groene Verborgen B.V."))
    url = reverse("journeys:queue")
    with CaptureQueriesContext(connection) as first:
        indexed = _found(queue_client.get(url, {"q": "groene"}))
        indexed_kvk = _found(queue_client.get(url, {"q": "12345678"}))
    assert any("UNION ALL" in q["sql"] for q in first.captured_queries)  # matches looked up by id

    monkeypatch.setattr(queue, "BROAD_SEARCH", 1)  # every text that matches anything is now "broad"
    queue._matches_many.cache_clear()
    with CaptureQueriesContext(connection) as queries:
        row_by_row = _found(queue_client.get(url, {"q": "groene"}))
        row_by_row_kvk = _found(queue_client.get(url, {"q": "12345678"}))
    queue._matches_many.cache_clear()

    assert len(indexed) == 4 and row_by_row == indexed
    assert len(indexed_kvk) == 2 and row_by_row_kvk == indexed_kvk  # the KvK number and the name
    assert any("LIMIT 1" in q["sql"] for q in queries.captured_queries)  # the probe ran...
    assert not any("UNION ALL" in q["sql"] for q in queries.captured_queries)  # ...and said "test row by row"


def test_it_never_finds_another_hubs_request(queue_client, cast):
    other = SupportRequestFactory(hub=cast.hub_b, intake=IntakeFactory(
        company_name="Verborgen Vormgeving B.V.", email="post@verborgen.nl", kvk_number="11223344"))
    url = reverse("journeys:queue")
    for query in (other.reference, "Verborgen", "verborgen.nl", "11223344", "Ve"):
        assert _found(queue_client.get(url, {"q": query})) == set(), query


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only")
def test_the_search_reads_the_trigram_and_kvk_indexes_on_postgresql(queue_client, cast):
    _make(cast, intake=IntakeFactory(company_name="Groene Bouw B.V.", kvk_number="87654321"))
    url = reverse("journeys:queue")
    for query, index in (("groene", "journeys_intake_company_name_trgm"), ("groene", "journeys_intake_email_trgm"),
                         ("87654321", "intake_kvk_number")):
        with CaptureQueriesContext(connection) as queries:
            queue_client.get(url, {"q": query})
        page_sql = next(q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "LIMIT" in q["sql"])
        with connection.cursor() as cursor:
            # A handful of test rows would be read sequentially anyway; forbid that to see what the plan can use.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + page_sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_it_pages_with_a_keyset_cursor_without_gaps_or_repeats(queue_client, cast):
    now = timezone.now()
    made = [_make(cast) for _ in range(23)]
    # Several requests with the very same moment: the id breaks the tie.
    for index, request in enumerate(made):
        type(request).objects.filter(pk=request.pk).update(created_at=now - timedelta(minutes=index // 3))
    _ALL.add(cast.request_a.reference)
    seen: list[str] = []
    url = reverse("journeys:queue") + "?per=10&sort=newest"
    while url:
        response = queue_client.get(url)
        page = response.context["page"]
        seen.extend(row.request.reference for row in page.rows)
        url = response.context["next_url"]
    assert len(seen) == len(set(seen)) == 24


@pytest.mark.parametrize("sort", ["newest", "oldest", "due"])
def test_it_pages_back_to_the_same_pages(queue_client, cast, sort):
    now = timezone.now()
    made = [_make(cast) for _ in range(23)]
    for index, request in enumerate(made):  # ties on the sort value: the id decides
        type(request).objects.filter(pk=request.pk).update(
            created_at=now - timedelta(minutes=index // 3), due_at=now + timedelta(hours=index // 4))
    forward, urls = [], []
    url = reverse("journeys:queue") + f"?per=10&sort={sort}"
    while url:
        response = queue_client.get(url)
        forward.append([row.request.reference for row in response.context["page"].rows])
        urls.append(url)
        url = response.context["next_url"]
    assert [len(rows) for rows in forward] == [10, 10, 4]

    backward = []
    response = queue_client.get(urls[-1])
    assert response.context["previous_url"] and response.context["first_url"]
    while url := response.context["previous_url"]:
        response = queue_client.get(url)
        backward.append([row.request.reference for row in response.context["page"].rows])
    assert backward == [forward[1], forward[0]]
    assert response.context["first_url"] is None  # back on the first page: no way further back
    assert 'rel="prev"' not in response.content.decode()


def test_the_first_page_has_no_previous_link_and_the_second_has_one(queue_client, cast):
    for _ in range(12):
        _make(cast)
    first = queue_client.get(reverse("journeys:queue"), {"per": 10})
    assert first.context["previous_url"] is None
    second = queue_client.get(first.context["next_url"])
    body = second.content.decode()
    assert 'rel="prev"' in body and "Vorige pagina" in body


def test_page_two_offers_one_way_back_and_page_three_two(queue_client, cast):
    for _ in range(25):
        _make(cast)
    first = queue_client.get(reverse("journeys:queue"), {"per": 10})
    second = queue_client.get(first.context["next_url"])
    third = queue_client.get(second.context["next_url"])

    assert "Vorige pagina" in second.content.decode()
    assert "Eerste pagina" not in second.content.decode()  # it would lead to the same page
    body = third.content.decode()
    assert "Vorige pagina" in body and "Eerste pagina" in body
    back = queue_client.get(third.context["previous_url"])
    assert [r.request.pk for r in back.context["page"].rows] == [r.request.pk for r in second.context["page"].rows]
    assert "Eerste pagina" not in back.content.decode()


@pytest.mark.parametrize("hint", ["²", "-3", "1", "abc", "9" * 40, ""])
def test_a_nonsense_page_number_is_ignored(queue_client, cast, hint):
    for _ in range(25):
        _make(cast)
    first = queue_client.get(reverse("journeys:queue"), {"per": 10})
    second_url = first.context["next_url"].replace("page=2", f"page={hint}")

    response = queue_client.get(second_url)

    assert response.status_code == 200
    assert "Vorige pagina" in response.content.decode() and "Eerste pagina" in response.content.decode()


def test_a_bookmarked_page_without_its_number_still_offers_both_ways_back(queue_client, cast):
    for _ in range(25):
        _make(cast)
    first = queue_client.get(reverse("journeys:queue"), {"per": 10})
    bookmark = first.context["next_url"].replace("&page=2", "").replace("page=2&", "")
    assert "page=" not in bookmark

    body = queue_client.get(bookmark).content.decode()

    assert "Vorige pagina" in body and "Eerste pagina" in body


def test_it_ignores_a_broken_cursor_or_filter_and_says_so(queue_client, cast):
    response = queue_client.get(reverse("journeys:queue"), {"after": "nonsense", "stage": "wizard"})
    assert response.status_code == 200
    assert cast.request_a.reference in response.content.decode()
    assert "Er is een probleem" in response.content.decode()


def test_it_returns_only_the_results_to_htmx(queue_client, cast):
    response = queue_client.get(reverse("journeys:queue"), {"status": "new"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert cast.request_a.reference in body
    assert "HX-Request" in response["Vary"]


def test_it_uses_the_same_number_of_queries_for_any_page_size(queue_client, cast, django_assert_num_queries):
    for index in range(60):
        intake = IntakeFactory(municipality=MunicipalityFactory(), company_name=f"Bedrijf {index}")
        _make(cast, intake=intake, assigned_to=cast.staff_a if index % 2 else None)
    url = reverse("journeys:queue")
    with CaptureQueriesContext(connection) as small:
        assert len(queue_client.get(url, {"per": 10}).context["page"].rows) == 10
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(queue_client.get(url, {"per": 50}).context["page"].rows) == 50


def test_it_tells_a_user_without_a_hub_why_the_queue_is_empty(client, cast):
    client.force_login(cast.admin)
    body = client.get(reverse("journeys:queue")).content.decode()
    assert "U werkt niet voor een loket" in body
    assert cast.request_a.reference not in body
