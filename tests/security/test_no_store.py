"""``Cache-Control: no-store`` on every page with personal data (issue 15, item 4; portal/no_store.py).

Every URL name of the project is either public (``PUBLIC_VIEWS``) or listed here and requested with real data,
so a new view cannot slip through unlisted.
"""

import fnmatch

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from journeys.followups import tokens
from journeys.journey_over_time.reassessment import reassessment_token
from journeys.models import FollowUp, Intake, SupportRequest
from portal.no_store import PUBLIC_VIEWS
from tests.factories.catalogue import UserFactory
from tests.factories.journeys import RoundSubscriptionFactory
from tests.journeys.intake.helpers import CONTACT_POST, complete_intake

pytestmark = pytest.mark.django_db

# Requested below; admin URLs by a sample (the admin has hundreds, all behind the same middleware).
PERSONAL = {
    "journeys:intake-start", "journeys:intake-step", "journeys:intake-check", "journeys:intake-save",
    "journeys:intake-resume", "journeys:intake-result", "journeys:intake-request-contact",
    "journeys:intake-confirmation", "journeys:partner-intakes", "journeys:request-status",
    "journeys:queue", "journeys:request-detail", "journeys:request-action",
    "journeys:followups-unsubscribe", "journeys:followups-survey", "journeys:followups-cancel",
    "journeys:insights", "journeys:insights-barrier-report",
    "journeys:privacy", "journeys:privacy-export", "journeys:privacy-erase",
    "staff-home", "login", "logout", "password_change", "password_change_done", "password_reset",
    "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "two-factor-manage", "two-factor-setup", "two-factor-verify",
    # Consortium builder (journeys/consortia) and referral to a partner (journeys/referrals).
    "journeys:partner-opt-in", "journeys:partner-withdraw", "journeys:partner-answer", "journeys:partner-desk",
    "journeys:partner-insight", "journeys:partner-profile", "journeys:consortium-create",
    "journeys:consortium-detail", "journeys:consortium-action", "journeys:referral-create",
    "journeys:referral-outcome",
    # Warm referrers (journeys/referrers).
    "journeys:referrer-invite", "journeys:referrer-set-password", "journeys:referrer-password-set",
    "journeys:referrer-clients", "journeys:referrer-intake-start", "journeys:referrer-client-status",
    "journeys:referrer-manage",
    "journeys:round-subscribe", "journeys:round-subscribe-sent", "journeys:round-confirm", "journeys:round-unsubscribe",
    "journeys:reassessment", "journeys:request-outcome", "journeys:insights-cohorts",
}
SAMPLED = ("admin:*",)


def url_names(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def matches(name, patterns):
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def test_every_url_is_either_public_or_checked_here():
    unlisted = {n for n in url_names() if not matches(n, PUBLIC_VIEWS + SAMPLED) and n not in PERSONAL}
    assert not unlisted, f"classify these URL names in tests/security/test_no_store.py: {sorted(unlisted)}"


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_page_with_personal_data_says_no_store(client, geo, settings):
    seen = {}

    def hit(method, url, name, **kwargs):
        response = getattr(client, method)(url, **kwargs)
        assert response.resolver_match is not None and response.resolver_match.view_name == name, url
        seen[name] = response
        return response

    hit("get", reverse("journeys:intake-start"), "journeys:intake-start")
    complete_intake(client)
    hit("get", reverse("journeys:intake-step", args=["bedrijf"]), "journeys:intake-step")
    hit("get", reverse("journeys:intake-save"), "journeys:intake-save")
    hit("get", reverse("journeys:intake-check"), "journeys:intake-check")
    client.post(reverse("journeys:intake-check"))
    intake = Intake.objects.get()
    hit("get", reverse("journeys:intake-result", args=[intake.public_id]), "journeys:intake-result")
    hit("post", reverse("journeys:intake-request-contact", args=[intake.public_id]),
        "journeys:intake-request-contact", data=CONTACT_POST)
    support_request = SupportRequest.objects.get()
    hit("get", reverse("journeys:intake-confirmation", args=[support_request.reference]),
        "journeys:intake-confirmation")
    hit("get", reverse("journeys:request-status", args=[support_request.status_token]), "journeys:request-status")
    hit("get", reverse("journeys:intake-resume", args=["no-such-token"]), "journeys:intake-resume")
    intake.refresh_from_db()  # the contact request stored the address
    followup = FollowUp.objects.filter(recipient=intake.email).first()
    hit("get", reverse("journeys:followups-unsubscribe", args=[tokens.unsubscribe_token(followup_id=followup.pk)]),
        "journeys:followups-unsubscribe")
    hit("get", reverse("journeys:followups-survey", args=[tokens.survey_token(support_request_id=support_request.pk)]),
        "journeys:followups-survey")
    hit("post", reverse("journeys:partner-intakes"), "journeys:partner-intakes", data={},
        content_type="application/json")
    hit("get", reverse("login"), "login")
    hit("get", reverse("password_reset"), "password_reset")
    hit("get", reverse("password_reset_done"), "password_reset_done")
    hit("get", reverse("password_reset_confirm", args=["MQ", "set-password"]), "password_reset_confirm")
    hit("get", reverse("password_reset_complete"), "password_reset_complete")
    subscription = RoundSubscriptionFactory()  # "Houd mij op de hoogte" (journeys/journey_over_time)
    hit("post", reverse("journeys:round-subscribe", args=[subscription.scheme.slug]), "journeys:round-subscribe",
        data={"email": "x"})
    hit("get", reverse("journeys:round-subscribe-sent", args=[subscription.scheme.slug]),
        "journeys:round-subscribe-sent")
    hit("get", reverse("journeys:round-confirm", args=[subscription.token]), "journeys:round-confirm")
    hit("get", reverse("journeys:round-unsubscribe", args=[subscription.token]), "journeys:round-unsubscribe")
    for name in ("journeys:partner-opt-in", "journeys:partner-withdraw", "journeys:partner-answer"):
        hit("get", reverse(name, args=["no-such-token"]), name)  # an unknown link is not cached either
    hit("get", reverse("journeys:reassessment", args=[
        reassessment_token(support_request_id=support_request.pk, number=1)]), "journeys:reassessment")

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    support_request.hub.staff.add(superuser)
    client.force_login(superuser)
    hit("get", reverse("staff-home"), "staff-home")
    hit("get", reverse("journeys:queue"), "journeys:queue")
    hit("get", reverse("journeys:request-detail", args=[support_request.reference]), "journeys:request-detail")
    hit("post", reverse("journeys:request-action", args=[support_request.reference, "toewijzen"]),
        "journeys:request-action")
    followup = FollowUp.objects.first()
    hit("post", reverse("journeys:followups-cancel", args=[followup.pk if followup else 999999]),
        "journeys:followups-cancel")
    hit("get", reverse("journeys:insights"), "journeys:insights")
    hit("get", reverse("journeys:insights-cohorts"), "journeys:insights-cohorts")
    hit("get", reverse("journeys:request-outcome", args=[support_request.reference]), "journeys:request-outcome")
    hit("get", reverse("journeys:insights-barrier-report", args=[2026]), "journeys:insights-barrier-report")
    hit("get", reverse("journeys:privacy"), "journeys:privacy")
    hit("post", reverse("journeys:privacy-export"), "journeys:privacy-export", data={"email": intake.email})
    hit("post", reverse("journeys:privacy-erase"), "journeys:privacy-erase", data={"email": intake.email})
    hit("get", reverse("password_change"), "password_change")
    hit("get", reverse("password_change_done"), "password_change_done")
    hit("get", reverse("two-factor-manage"), "two-factor-manage")
    hit("get", reverse("two-factor-setup"), "two-factor-setup")  # shows the secret key
    hit("get", reverse("two-factor-verify"), "two-factor-verify")
    unknown = "00000000-0000-0000-0000-000000000000"
    hit("get", reverse("journeys:partner-desk"), "journeys:partner-desk")
    hit("get", reverse("journeys:partner-insight"), "journeys:partner-insight")
    hit("get", reverse("journeys:partner-profile", args=[unknown]), "journeys:partner-profile")
    hit("post", reverse("journeys:consortium-create", args=[unknown]), "journeys:consortium-create")
    hit("get", reverse("journeys:consortium-detail", args=["KG-0"]), "journeys:consortium-detail")
    hit("post", reverse("journeys:consortium-action", args=["KG-0", "status"]), "journeys:consortium-action")
    hit("post", reverse("journeys:referral-create", args=[support_request.reference]), "journeys:referral-create")
    hit("post", reverse("journeys:referral-outcome", args=[support_request.reference, 999999]),
        "journeys:referral-outcome")
    hit("get", reverse("journeys:referrer-invite"), "journeys:referrer-invite")
    hit("get", reverse("journeys:referrer-set-password", args=["MQ", "set-password"]),
        "journeys:referrer-set-password")
    hit("get", reverse("journeys:referrer-password-set"), "journeys:referrer-password-set")
    hit("post", reverse("journeys:referrer-manage", args=[999999, "uitzetten"]), "journeys:referrer-manage")
    hit("get", reverse("journeys:referrer-clients"), "journeys:referrer-clients")
    hit("post", reverse("journeys:referrer-intake-start"), "journeys:referrer-intake-start")
    hit("get", reverse("journeys:referrer-client-status", args=[support_request.reference]),
        "journeys:referrer-client-status")
    hit("get", reverse("admin:index"), "admin:index")
    hit("get", reverse("admin:schemes_hub_changelist"), "admin:schemes_hub_changelist")
    hit("get", reverse("schemes:catalogue"), "schemes:catalogue")  # public, but a logged-in page
    hit("post", reverse("logout"), "logout")

    assert set(seen) >= PERSONAL
    cached = {name: response.get("Cache-Control") for name, response in seen.items() if not no_store(response)}
    assert not cached, f"pages with personal data that may be cached: {cached}"


def test_public_pages_stay_cacheable_for_anonymous_visitors(client, geo):
    assert not no_store(client.get(reverse("home")))
    api = client.get(reverse("schemes:api-hub-list"))
    assert "public" in api["Cache-Control"] and not no_store(api)


def test_unknown_addresses_are_not_cached(client):
    assert no_store(client.get("/bestaat-niet/"))


def test_static_files_keep_their_own_caching(client, settings):
    # whitenoise answers before the middleware; a page's CSS must stay cacheable.
    response = client.get("/static/css/portal.css")
    if response.status_code == 200:
        assert not no_store(response)
