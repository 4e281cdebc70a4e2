"""Referral to a partner from the request page: both consent branches, outcome, timeline and status page."""

import pytest
from django.urls import reverse

from journeys.followups.emails import render_email
from journeys.models import FollowUp, FollowUpKind, PartnerReferral, RequestEvent
from tests.factories.catalogue import PartnerOrganisationFactory

pytestmark = pytest.mark.django_db


def _refer(client, support_request, partner, note="Vraag over de afvalstatus van gebruikt hout."):
    return client.post(reverse("journeys:referral-create", args=[support_request.reference]),
                       {"partner-partner": partner.pk, "partner-note": note})


def _mail_text(followup: FollowUp) -> str:
    message = render_email(followup)
    return message.subject + "\n" + message.body + "\n" + message.alternatives[0][0]


def test_with_consent_the_partner_gets_only_what_was_consented(client, cast, with_answers,
                                                             django_capture_on_commit_callbacks):
    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Omgevingsdienst Midden", kind="environment_service", referrals=True)
    client.force_login(cast.staff_a)

    with django_capture_on_commit_callbacks():
        response = _refer(client, support_request, partner)

    assert response.status_code == 302
    referral = PartnerReferral.objects.get()
    assert referral.delivery == PartnerReferral.Delivery.TO_PARTNER and referral.hub == cast.hub_a
    mail = FollowUp.objects.get(kind=FollowUpKind.REFERRAL_TO_PARTNER)
    assert mail.recipient == partner.referral_email and mail.audience == FollowUp.Audience.PARTNER
    assert not FollowUp.objects.filter(kind=FollowUpKind.REFERRAL_PARTNER_DETAILS).exists()
    text = _mail_text(mail)
    for shared in ("Anna de Vries", "anna@kringloop.example", "030 123 4567", "Kringloop Utrecht B.V.",
                   "Vraag over de afvalstatus van gebruikt hout.", "Wet- en regelgeving", "Regels of de afvalstatus",
                   support_request.reference, "Loket Utrecht"):
        assert shared in text, shared
    for private in ("12345678", "3511", "Geheime uitleg", support_request.status_token, "/status/",
                    "/medewerkers/", "afmelden", "Meld u af"):
        assert private not in text, private
    support_request.refresh_from_db()
    assert support_request.hub == cast.hub_a  # the request keeps its hub


def test_without_consent_the_entrepreneur_gets_the_partners_details_and_the_partner_nothing(
        client, cast, with_answers, django_capture_on_commit_callbacks):
    support_request = with_answers(consent=False)
    partner = PartnerOrganisationFactory(name="Platform Bouw", referrals=True, website="https://bouw.example",
                                         phone="010 765 4321")
    client.force_login(cast.staff_a)

    with django_capture_on_commit_callbacks():
        _refer(client, support_request, partner)

    assert PartnerReferral.objects.get().delivery == PartnerReferral.Delivery.TO_ENTREPRENEUR
    assert not FollowUp.objects.filter(kind=FollowUpKind.REFERRAL_TO_PARTNER).exists()
    assert not FollowUp.objects.filter(recipient=partner.referral_email).exists()
    mail = FollowUp.objects.get(kind=FollowUpKind.REFERRAL_PARTNER_DETAILS)
    assert mail.recipient == "anna@kringloop.example"
    text = _mail_text(mail)
    assert "Platform Bouw" in text and "https://bouw.example" in text and "010 765 4321" in text
    assert "Wij hebben uw vraag niet doorgestuurd" in text
    assert partner.referral_email not in text  # the referral address is never published


def test_with_consent_but_a_partner_that_takes_no_referrals_the_entrepreneur_gets_the_details(
        client, cast, with_answers):
    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Invest Test", website="https://invest.example")
    client.force_login(cast.staff_a)

    _refer(client, support_request, partner)

    assert PartnerReferral.objects.get().delivery == PartnerReferral.Delivery.TO_ENTREPRENEUR
    assert FollowUp.objects.filter(kind=FollowUpKind.REFERRAL_PARTNER_DETAILS).count() == 1


def test_it_refuses_a_partner_the_entrepreneur_could_not_reach(client, cast, with_answers):
    support_request = with_answers(consent=False)
    partner = PartnerOrganisationFactory(name="Onbekend")  # no referrals, no public contact
    client.force_login(cast.staff_a)

    response = _refer(client, support_request, partner)

    assert response.status_code == 400
    assert "Van deze partner zijn ook geen contactgegevens bekend" in response.content.decode()
    assert not PartnerReferral.objects.exists() and not FollowUp.objects.exists()


def test_it_explains_a_missing_partner_and_note_and_keeps_the_page_usable_without_javascript(
        client, cast, with_answers):
    support_request = with_answers(consent=True)
    PartnerOrganisationFactory(name="Partner A", referrals=True)
    client.force_login(cast.staff_a)

    response = client.post(reverse("journeys:referral-create", args=[support_request.reference]), {})

    body = response.content.decode()
    assert response.status_code == 400
    assert "Er is een probleem" in body and "Kies de partner die kan helpen." in body
    assert "Schrijf wat de partner moet weten." in body and "Partner A" in body


def test_the_timeline_status_page_and_survey_show_the_referral(client, cast, with_answers):
    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Omgevingsdienst Midden", referrals=True)
    client.force_login(cast.staff_a)
    _refer(client, support_request, partner)

    page = client.get(reverse("journeys:request-detail", args=[support_request.reference])).content.decode()
    assert "Doorverwezen naar een partner" in page and "Vraag over de afvalstatus van gebruikt hout." in page
    status = client.get(reverse("journeys:request-status", args=[support_request.status_token])).content.decode()
    assert "heeft uw vraag doorgestuurd naar Omgevingsdienst Midden" in status
    assert "Vraag over de afvalstatus" not in status  # the note is for the partner, not the status page
    survey = FollowUp.objects.get(kind=FollowUpKind.SURVEY)
    assert "verwees u ook door naar: Omgevingsdienst Midden" in _mail_text(survey)


def test_staff_record_the_outcome_later(client, cast, with_answers):
    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Partner A", referrals=True)
    client.force_login(cast.staff_a)
    _refer(client, support_request, partner)
    referral = PartnerReferral.objects.get()

    response = client.post(reverse("journeys:referral-outcome", args=[support_request.reference, referral.pk]),
                           {"outcome": "helped"})

    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "helped" and referral.outcome_recorded_by == cast.staff_a
    event = support_request.events.get(kind=RequestEvent.Kind.PARTNER_OUTCOME)
    assert not event.is_public and "Partner A: Geholpen" in event.text
    page = client.get(reverse("journeys:request-detail", args=[support_request.reference])).content.decode()
    assert "Uitkomst: Geholpen." in page


def test_the_same_partner_twice_is_refused(client, cast, with_answers):
    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Partner A", referrals=True)
    client.force_login(cast.staff_a)
    _refer(client, support_request, partner)

    again = _refer(client, support_request, partner)

    assert again.status_code == 400
    assert "al naar deze partner doorverwezen" in again.content.decode()
    assert PartnerReferral.objects.count() == 1
    assert FollowUp.objects.filter(kind=FollowUpKind.REFERRAL_TO_PARTNER).count() == 1


def test_anonymising_the_request_clears_the_note_and_the_unsent_mail(client, cast, with_answers):
    from journeys.privacy.retention import intake_anonymise

    support_request = with_answers(consent=True)
    partner = PartnerOrganisationFactory(name="Partner A", referrals=True)
    client.force_login(cast.staff_a)
    _refer(client, support_request, partner)

    intake_anonymise(intake_id=support_request.intake_id)

    referral = PartnerReferral.objects.get()
    assert referral.note == "" and referral.partner == partner  # the fact stays for the figures
    mail = FollowUp.objects.get(kind=FollowUpKind.REFERRAL_TO_PARTNER)
    assert mail.state == "cancelled" and mail.recipient == ""


def test_a_partner_api_request_shows_the_organisation_it_came_through(client, cast):
    from journeys.intake.partner_api.keys import partner_key_create

    key, _raw = partner_key_create(name="Sleutel 1", organisation="Accountantskantoor De Vries")
    intake = cast.request_a.intake
    intake.partner, intake.source = key, "partner_api"
    intake.save()
    client.force_login(cast.staff_a)

    page = client.get(reverse("journeys:request-detail", args=[cast.request_a.reference])).content.decode()

    assert "Deze hulpvraag kwam binnen via Accountantskantoor De Vries (partner-API)." in page
