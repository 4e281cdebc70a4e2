"""Hub staff: proposals in "Ketenpartners", a group recorded, introduced, answered; contacts only after every yes."""

import pytest
from django.core import mail
from django.urls import reverse

from journeys.consortia import services, tokens
from journeys.followups import dispatch
from journeys.models import Consortium, ConsortiumMember, ConsortiumStatus, FollowUp, FollowUpKind
from schemes import vocabulary as v
from tests.factories.journeys import SupportRequestFactory

pytestmark = pytest.mark.django_db
WOOD = [v.Material.WOOD]


@pytest.fixture
def chain(geo):
    me = geo.profile(company_name="Houtwerk B.V.", email="anna@houtwerk.example", roles_offered=["producer"],
                     roles_sought=["recycler", "supplier"], materials=WOOD)
    recycler = geo.profile(company_name="Kringloop Hout", email="piet@kringloop.example",
                           roles_offered=["recycler"], roles_sought=["producer"], materials=WOOD)
    supplier = geo.profile(province=geo.noord_holland, company_name="Bosbouw Noord", email="sara@bos.example",
                           roles_offered=["supplier"], roles_sought=["producer"], materials=WOOD)
    return me, recycler, supplier


def _record_first_proposal(client, geo, me) -> Consortium:
    client.force_login(geo.staff_utrecht)
    page = client.get(reverse("journeys:partner-profile", args=[me.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Voorstel 1: Subsidie Circulaire Ketenprojecten (CKP)" in html
    assert "Voldoet aan de regels" in html
    assert "Er zijn minstens 3 verschillende rollen in de keten nodig. Deze groep heeft er 3." in html
    members = page.context["proposals"][0]["member_ids"]
    response = client.post(reverse("journeys:consortium-create", args=[me.public_id]),
                           {"scheme": "ckp", "members": members})
    consortium = Consortium.objects.get()
    assert response["Location"] == reverse("journeys:consortium-detail", args=[consortium.reference])
    return consortium


def _send_all():
    for followup in FollowUp.objects.filter(state="scheduled"):
        assert dispatch.send_followup(followup_id=followup.pk) == "sent"


def test_no_contact_details_are_shown_or_sent_before_every_yes(client, geo, chain):
    me, _recycler, _supplier = chain
    consortium = _record_first_proposal(client, geo, me)
    emails = ("anna@houtwerk.example", "piet@kringloop.example", "sara@bos.example")
    for url in (reverse("journeys:partner-profile", args=[me.public_id]),
                reverse("journeys:consortium-detail", args=[consortium.reference]),
                reverse("journeys:partner-desk")):
        html = client.get(url).content.decode()
        assert not any(email in html for email in emails), url

    client.post(reverse("journeys:consortium-action", args=[consortium.reference, "voorstellen"]))
    consortium.refresh_from_db()
    assert consortium.status == ConsortiumStatus.INTRODUCED
    intros = FollowUp.objects.filter(kind=FollowUpKind.CONSORTIUM_INTRODUCTION)
    assert sorted(intros.values_list("recipient", flat=True)) == sorted(emails)
    _send_all()
    assert len(mail.outbox) == 3
    to_anna = next(m for m in mail.outbox if m.to == ["anna@houtwerk.example"])
    assert "Kringloop Hout" in to_anna.body and "Bosbouw Noord" in to_anna.body
    assert "utrecht@loket.example" in to_anna.body  # the deciding hub's contact
    assert not any(email in m.body for m in mail.outbox for email in emails if m.to != [email])

    members = list(ConsortiumMember.objects.filter(consortium=consortium).select_related("profile"))
    for member in members[:-1]:
        answer = reverse("journeys:partner-answer", args=[tokens.answer_token(member_id=member.pk)])
        assert "Wilt u kennismaken met deze bedrijven?" in client.get(answer).content.decode()
        client.post(answer, {"antwoord": "ja"})
    assert not FollowUp.objects.filter(kind=FollowUpKind.CONSORTIUM_CONTACTS).exists()  # one still to answer

    last = members[-1]
    client.post(reverse("journeys:partner-answer", args=[tokens.answer_token(member_id=last.pk)]), {"antwoord": "ja"})
    contacts = FollowUp.objects.filter(kind=FollowUpKind.CONSORTIUM_CONTACTS)
    assert contacts.count() == 3
    mail.outbox.clear()
    _send_all()
    to_anna = next(m for m in mail.outbox if m.to == ["anna@houtwerk.example"])
    assert "piet@kringloop.example" in to_anna.body and "sara@bos.example" in to_anna.body


def test_a_no_shares_nothing_with_the_one_who_said_no(client, geo, chain):
    me, recycler, supplier = chain
    consortium = _record_first_proposal(client, geo, me)
    services.consortium_introduce(consortium=consortium, actor=geo.staff_utrecht)
    members = {m.profile_id: m for m in ConsortiumMember.objects.filter(consortium=consortium)}
    services.consortium_answer(member=members[me.pk], yes=True)
    services.consortium_answer(member=members[recycler.pk], yes=True)
    services.consortium_answer(member=members[supplier.pk], yes=False)
    recipients = set(FollowUp.objects.filter(kind=FollowUpKind.CONSORTIUM_CONTACTS)
                     .values_list("recipient", flat=True))
    assert recipients == {"anna@houtwerk.example", "piet@kringloop.example"}
    _send_all()
    assert not any("sara@bos.example" in m.body for m in mail.outbox if m.subject.startswith("Iedereen"))
    assert not services.consortium_answer(member=members[supplier.pk], yes=True)  # answered once


def test_every_change_rechecks_the_rules_and_withdrawal_removes_the_member(client, geo, chain):
    me, _recycler, supplier = chain
    consortium = _record_first_proposal(client, geo, me)
    assert consortium.eligibility[0]["scheme"] == "ckp" and consortium.eligibility[0]["eligible"]
    services.partner_profile_withdraw(profile=supplier)
    consortium.refresh_from_db()
    check = consortium.eligibility[0]
    assert not check["eligible"]
    assert {c["code"] for c in check["criteria"] if c["status"] != "met"} == {"min_smes", "chain_roles"}
    html = client.get(reverse("journeys:consortium-detail", args=[consortium.reference])).content.decode()
    assert "Teruggetrokken" in html and "Bosbouw Noord" not in html
    assert "Er zijn minstens 3 mkb&#x27;ers nodig. Deze groep heeft er 2." in html
    assert consortium.events.filter(kind="member_withdrawn").count() == 1


def test_the_status_follows_the_declared_steps(client, geo, chain):
    me, *_ = chain
    consortium = _record_first_proposal(client, geo, me)
    url = reverse("journeys:consortium-action", args=[consortium.reference, "status"])
    client.post(url, {"status": ConsortiumStatus.APPLIED})  # not before it is formed
    consortium.refresh_from_db()
    assert consortium.status == ConsortiumStatus.PROPOSED
    services.consortium_introduce(consortium=consortium, actor=geo.staff_utrecht)
    for status in (ConsortiumStatus.FORMED, ConsortiumStatus.APPLIED):
        client.post(url, {"status": status})
        consortium.refresh_from_db()
        assert consortium.status == status
    kinds = list(consortium.events.values_list("kind", flat=True))
    assert kinds == ["created", "introduced", "status", "status"]


def test_the_request_page_links_to_the_profile(client, geo, chain):
    from tests.factories.journeys import SupportRequestFactory

    me, *_ = chain
    request = SupportRequestFactory(intake=me.intake, hub=geo.hub_utrecht)
    client.force_login(geo.staff_utrecht)
    html = client.get(reverse("journeys:request-detail", args=[request.reference])).content.decode()
    assert "Deze ondernemer wil dat het loket ketenpartners zoekt." in html
    assert reverse("journeys:partner-profile", args=[me.public_id]) in html


def test_the_request_page_shows_how_many_groups_are_proposed_and_the_best(client, geo, chain):
    me, _recycler, _supplier = chain
    request = SupportRequestFactory(intake=me.intake, hub=geo.hub_utrecht)
    client.force_login(geo.staff_utrecht)

    html = client.get(reverse("journeys:request-detail", args=[request.reference])).content.decode()

    assert "Het portaal stelt 1 groep voor." in html
    assert "De beste past bij Subsidie Circulaire Ketenprojecten (CKP):" in html
    assert "Houtwerk B.V., Kringloop Hout, Bosbouw Noord (voldoet aan de regels)." in html
    assert "piet@kringloop.example" not in html and "sara@bos.example" not in html  # never the others'
