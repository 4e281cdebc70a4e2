"""The entrepreneur's status page, reached through the secret link in the confirmation e-mail."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from journeys.models.requests import RequestStatus
from journeys.triage import selectors, workflow


@never_cache
@require_GET
def request_status(request: HttpRequest, status_token: str) -> HttpResponse:
    support_request = selectors.request_by_status_token(token=status_token)
    if support_request is None:
        raise Http404
    helper = support_request.assigned_to
    response = render(
        request,
        "journeys/status/status.html",
        {
            "support_request": support_request,
            "status_text": workflow.PUBLIC_STATUS_TEXT[support_request.status],
            "is_closed": support_request.status == RequestStatus.CLOSED,
            "hub": support_request.hub,
            # Only the first name: enough to recognise the person who calls, nothing more.
            "helper_first_name": helper.first_name if helper else "",
            "updates": selectors.request_public_timeline(support_request=support_request),
        },
    )
    # The token is the only key to this page: keep it out of Referer headers and search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
