"""Issue 17: a partner submission's rows in one statement are the rows the ORM stores, column by column.

``services.ONE_STATEMENT = False`` stores the same submission through the ORM (model ``save()``, ``bulk_create``):
the reference. Every column of every row (intake, tags, request, outbox row, both events, Idempotency-Key) must
be equal, except what differs between any two submissions: ids (compared as references to the right rows),
random references and tokens, and timestamps (both set, within the test's run).
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from journeys.intake import services
from journeys.intake.partner_api.keys import partner_key_create
from journeys.models import FollowUp, Intake, IntakeTag, PartnerIdempotencyKey, RequestEvent, SupportRequest
from portal import enqueue
from tests.factories.catalogue import SchemeFactory
from tests.journeys.intake.helpers import geo_fixture  # noqa: F401
from tests.journeys.intake.test_partner_api import PAYLOAD, URL

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("geo")]

VOLATILE = {"id", "public_id", "reference", "status_token", "created_at", "updated_at", "submitted_at", "due_at"}
BODY = {**PAYLOAD, "request_contact": True, "followup_opt_in": True}


@pytest.fixture
def api():
    _key, raw = partner_key_create(name="Vergelijking")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {raw}")
    return client


def _columns(obj) -> dict:
    """Every concrete column's stored value, the volatile ones checked and left out."""
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    started = timezone.now() - timedelta(minutes=5)
    for name in VOLATILE & set(values):
        if name.endswith("_at"):
            assert values[name] is not None and values[name] > started, (obj, name)
        assert values.pop(name) not in (None, ""), (obj, name)
    return values


def _stored(intake: Intake) -> dict:
    """The submission's rows, read back from the database, with its own ids replaced by names."""
    request = SupportRequest.objects.filter(intake=intake).first()
    followup = FollowUp.objects.filter(intake=intake).first()
    names = {("intake", intake.pk): "<intake>"}
    if request:
        names[("request", request.pk)] = "<request>"
    if followup:
        names[("followup", followup.pk)] = "<followup>"

    def named(values: dict) -> dict:
        for key, kind in (("intake_id", "intake"), ("request_id", "request"), ("support_request_id", "request")):
            if key in values and (kind, values[key]) in names:
                values[key] = names[(kind, values[key])]
        return values

    rows = {
        "intake": named(_columns(intake)),
        "tags": sorted((t.dimension, t.code, named({"intake_id": t.intake_id})["intake_id"])
                       for t in IntakeTag.objects.filter(intake=intake)),
        "keys": [named(_columns(k)) for k in PartnerIdempotencyKey.objects.filter(intake=intake)],
    }
    if request:
        rows["request"] = named(_columns(request))
        assert request.due_at > request.created_at
        events = []
        for event in RequestEvent.objects.filter(request=request).order_by("id"):
            values = named(_columns(event))
            if "followup_id" in values["data"]:
                assert values["data"]["followup_id"] == followup.pk  # points at its own outbox row
                values["data"] = {**values["data"], "followup_id": "<followup>"}
            events.append(values)
        rows["events"] = events
    if followup:
        values = named(_columns(followup))
        assert values.pop("idempotency_key") == f"confirmation:{request.pk}"
        rows["followup"] = values
    return rows


def _submit(api, *, one_statement: bool, monkeypatch, key: str | None, body: dict) -> Intake:
    monkeypatch.setattr(services, "ONE_STATEMENT", one_statement)
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    response = api.post(URL, body, format="json", **headers)
    assert response.status_code == 201, response.content
    return Intake.objects.get(public_id=response.json()["id"])


@pytest.mark.parametrize("body", [BODY, {**PAYLOAD, "request_contact": False}], ids=["contact", "no-contact"])
def test_one_statement_stores_exactly_the_rows_the_orm_stores(api, monkeypatch, body):
    SchemeFactory(slug="ckp", name="Circulaire Ketenprojecten", chain_subsidy=True)  # a match in the snapshots
    api.post(URL, PAYLOAD, format="json")  # warm: "last used" written, the catalogue compiled
    orm = _submit(api, one_statement=False, monkeypatch=monkeypatch, key="vergelijk-orm", body=body)
    one = _submit(api, one_statement=True, monkeypatch=monkeypatch, key="vergelijk-een", body=body)
    assert orm.pk != one.pk
    stored_orm, stored_one = _stored(orm), _stored(one)
    for rows in (stored_orm, stored_one):  # the keys differ by design; the rest of their row must not
        assert [k.pop("key") for k in rows["keys"]] in (["vergelijk-orm"], ["vergelijk-een"])

    assert stored_one == stored_orm
    assert ("request" in stored_one) is body["request_contact"]
    if body["request_contact"]:
        assert [e["kind"] for e in stored_one["events"]] == ["created", "email_scheduled"]
        assert len(stored_one["events"][0]["data"]["matches"]) == len(one.matches) > 0


def test_it_is_one_statement_and_the_message_follows_the_committed_rows(api, monkeypatch):
    published = []

    def spy(task, *, seconds):
        # rows before messages: by now the outbox row is committed (visible outside any transaction)
        published.append((task.name, connection.in_atomic_block, list(FollowUp.objects.values_list("pk", flat=True))))
        return True

    monkeypatch.setattr(enqueue, "publish_sweep", spy)
    api.post(URL, PAYLOAD, format="json")
    with CaptureQueriesContext(connection) as queries:
        intake = _submit(api, one_statement=True, monkeypatch=monkeypatch, key=None, body=BODY)

    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith("WITH "), writes
    followup = FollowUp.objects.get(intake=intake)
    [(task, in_transaction, committed)] = published  # the warm-up asked for no contact: no mail, no sweep
    assert (task, in_transaction) == ("followups.dispatch_due", False)
    assert followup.pk in committed


def test_a_failing_row_stores_none_of_the_others(api, monkeypatch):
    """All or nothing: a request whose reference is taken leaves no intake, tag, event or outbox row behind."""
    api.post(URL, BODY, format="json")
    taken = SupportRequest.objects.get().reference
    before = [m.objects.count() for m in (Intake, IntakeTag, SupportRequest, FollowUp, RequestEvent)]
    monkeypatch.setattr(services, "_new_reference", lambda: taken)
    monkeypatch.setattr(services, "ONE_STATEMENT", True)

    response = api.post(URL, {**BODY, "email": "botsing@example.nl"}, format="json")

    assert response.status_code == 400  # five collisions in a row: refused, nothing half-stored
    assert [m.objects.count() for m in (Intake, IntakeTag, SupportRequest, FollowUp, RequestEvent)] == before


def test_the_instances_hold_exactly_what_was_stored(monkeypatch):
    """Timestamps, ids and keys on the returned instances equal the stored columns (to the microsecond)."""
    from journeys.intake.partner_api.validation import validate_payload
    from schemes import areas

    monkeypatch.setattr(services, "ONE_STATEMENT", True)
    key, _raw = partner_key_create(name="Rondreis")
    with areas.remembered_lookups():
        answers, errors = validate_payload(BODY)
        assert errors == {}
        with CaptureQueriesContext(connection) as queries:
            intake = services.partner_intake_submit(partner=key, answers=answers, request_contact=True,
                                                    idempotency=("rondreis", "0" * 64))
    statement = next(q["sql"] for q in queries.captured_queries if q["sql"].startswith("WITH "))
    assert statement.count("jsonb_populate_recordset") == 6  # one JSON parameter per table, not one per column

    for obj in (intake, intake.support_request):  # what the caller (the API's answer) reads from memory
        stored = type(obj).objects.get(pk=obj.pk)
        assert {f.attname: getattr(stored, f.attname) for f in obj._meta.concrete_fields} == {
            f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}, type(obj)
