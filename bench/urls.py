"""The portal's URLs plus one bare view: the baseline for the throughput ratio (bench/bench_throughput.py)."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.urls import urlpatterns as portal_urlpatterns


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do to store a form: one INSERT, no template, no session."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (payload, created_at) VALUES (%s, now())",
                       [request.POST.get("payload", "")])
    return HttpResponse("ok", status=201)


urlpatterns = [path("bench/bare/", bare_insert, name="bench-bare"), *portal_urlpatterns]
