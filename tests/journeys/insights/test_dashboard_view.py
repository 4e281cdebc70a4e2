import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.catalogue import UserFactory

from .conftest import make_intake, make_request

pytestmark = pytest.mark.django_db
URL = "/medewerkers/inzicht/"
YEAR_QUERY = {"date_from": "1-1-2025", "date_to": "31-12-2025"}


class TableParser(HTMLParser):
    """The rows of the table inside ``<section id="figure-NAME">``, as text."""

    def __init__(self, name):
        super().__init__()
        self.target, self.depth, self.rows, self.cell = f"figure-{name}", 0, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "section" and dict(attrs).get("id") == self.target:
            self.depth = 1
        elif self.depth and tag == "section":
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("th", "td"):
            self.cell = ""

    def handle_endtag(self, tag):
        if self.depth and tag == "section":
            self.depth -= 1
        elif self.depth and tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table_of(html: str, name: str) -> list[list[str]]:
    parser = TableParser(name)
    parser.feed(html)
    return parser.rows


def csv_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def data(hub_a, hub_b, gelderland):
    for _ in range(6):
        make_request(intake=make_intake(hub=hub_a, province=gelderland, sectors=["construction"],
                                        barriers=["financing"]), status="closed", outcome="helped", response_days=2)
    for _ in range(3):
        make_request(intake=make_intake(hub=hub_a, barriers=["knowledge"]), status="closed", outcome="duplicate")
    for _ in range(8):
        make_request(intake=make_intake(hub=hub_b, barriers=["regulation"]), response_days=1)


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_users_without_a_hub_or_admin_role(client):
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    assert client.get(URL + "barrieres/2025/").status_code == 403


def test_it_shows_hub_staff_only_their_own_hub(client, staff_a, hub_b, data):
    client.force_login(staff_a)
    response = client.get(URL, YEAR_QUERY)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Loket Gelderland" in html
    assert hub_b.name not in html
    funnel = {row[0]: row[1] for row in table_of(html, "funnel")[1:]}
    assert funnel["Contact gevraagd"] == "9"
    barriers = {row[0]: row[1] for row in table_of(html, "barriers")[1:]}
    assert barriers["Regels of de afvalstatus"] == "0"


def test_it_shows_catalogue_admins_every_hub(client, admin_user, hub_b, data):
    client.force_login(admin_user)
    html = client.get(URL, YEAR_QUERY).content.decode()

    funnel = {row[0]: row[1] for row in table_of(html, "funnel")[1:]}
    assert funnel["Contact gevraagd"] == "17"
    assert hub_b.name in html
    assert "U ziet de cijfers van alle loketten." in html


def test_it_answers_the_question_for_one_province_and_sector(client, admin_user, gelderland, data):
    client.force_login(admin_user)
    html = client.get(URL, {**YEAR_QUERY, "province": gelderland.id, "sector": "construction",
                            "stage": "peloton"}).content.decode()

    barriers = {row[0]: row[1] for row in table_of(html, "barriers")[1:]}
    assert barriers["De financiering lukt niet"] == "6"
    assert barriers["Te weinig kennis"] == "0"
    times = table_of(html, "response_times")
    assert times[-1] == ["Alle loketten samen", "6", "6", "2,0", "100%"]


@pytest.mark.parametrize("name", ["funnel", "outcomes", "stages", "stages_by_month", "themes", "barriers",
                                  "barriers_by_province", "barriers_by_sector", "themes_by_province",
                                  "themes_by_sector", "response_times", "ratings", "helped", "scheme_demand"])
def test_it_exports_each_figure_as_csv_with_exactly_the_numbers_shown(client, admin_user, data, name):
    client.force_login(admin_user)
    html = client.get(URL, YEAR_QUERY).content.decode()
    response = client.get(URL, {**YEAR_QUERY, "format": "csv", "figure": name})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"inzicht-{name}-20250101-20251231.csv" in response["Content-Disposition"]
    shown = table_of(html, name)
    exported = csv_of(response)
    if not shown:  # "no figures for this choice": the CSV has the header only
        assert len(exported) == 1
    else:
        assert [row[1:] for row in exported] == [[_as_csv(cell) for cell in row] for row in shown]


def _as_csv(text: str) -> str:
    """The table shows Dutch formatting ("2,0", "50%", "< 5", "\u2013"); the CSV plain numbers."""
    if re.fullmatch(r"\d+(,\d+)?%?", text):
        return text.replace(",", ".").removesuffix("%")
    return {"< 5": "<5", "\u2013": ""}.get(text, text)


def test_it_shows_small_groups_as_less_than_five_in_page_and_csv(client, admin_user, data):
    client.force_login(admin_user)
    html = client.get(URL, YEAR_QUERY).content.decode()
    outcomes = {row[0]: row[1] for row in table_of(html, "outcomes")[1:]}

    assert outcomes["Dubbele aanvraag"] == "< 5"
    assert outcomes["Geholpen"] == "verborgen"
    exported = {row[0]: row[2] for row in csv_of(client.get(URL, {**YEAR_QUERY, "format": "csv",
                                                                 "figure": "outcomes"}))}
    assert exported["duplicate"] == "<5"


def test_it_explains_a_bad_period_next_to_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.get(URL, {"date_from": "31-12-2025", "date_to": "1-1-2025"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'href="#id_date_to"' in html
    assert 'value="31-12-2025"' in html
    assert "figure-funnel" not in html
    bad_date = client.get(URL, {"date_from": "gisteren", "date_to": "1-1-2025", "format": "csv", "figure": "funnel"})
    assert bad_date.status_code == 400


def test_it_answers_404_for_an_unknown_figure(client, admin_user):
    client.force_login(admin_user)
    assert client.get(URL, {"format": "csv", "figure": "company_names"}).status_code == 404


def test_it_uses_this_year_until_today_without_filters(client, admin_user):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="date_from" value="1-1-' in response.content.decode()


def test_it_uses_the_same_number_of_queries_however_much_data_there_is(client, admin_user, hub_a, data):
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as before:
        client.get(URL, YEAR_QUERY)
    for _ in range(10):
        make_request(intake=make_intake(hub=hub_a, barriers=["financing"], sectors=["plastics"]), response_days=3)
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        client.get(URL, YEAR_QUERY)

    assert len(after) == len(before)
    assert len(after) < 40


def test_it_reuses_figures_for_a_few_minutes_but_never_across_hub_scopes(client, admin_user, staff_a, data):
    client.force_login(admin_user)
    client.get(URL, YEAR_QUERY)
    with CaptureQueriesContext(connection) as again:
        html = client.get(URL, YEAR_QUERY).content.decode()
    assert len(again) < 10  # session, user and form choices only
    assert {row[0]: row[1] for row in table_of(html, "funnel")[1:]}["Contact gevraagd"] == "17"

    client.force_login(staff_a)
    html = client.get(URL, YEAR_QUERY).content.decode()
    assert {row[0]: row[1] for row in table_of(html, "funnel")[1:]}["Contact gevraagd"] == "9"
