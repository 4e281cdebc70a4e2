"""Hostile input for the fuzz tests: strategies, a raw form encoder, and the "clear message" checks.

Forms are posted as raw ``application/x-www-form-urlencoded`` bytes, so a key can repeat and a value can carry
what a browser could send but Python's test client would refuse to encode: a lone surrogate arrives as its
(invalid) UTF-8 bytes, exactly as a hostile client would put it on the wire.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Modest example counts and no deadline: the suite stays fast on 2 shared cores and never flakes on timing.
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])
FUZZ_SMALL = settings(FUZZ, max_examples=15)

SPECIALS = [
    "", " ", "\x00", "a\x00b", "\x01\x02\x1b[31m\x7f", "\r\n\t", "\u202eevil\u202c", "שלום עולם", "مرحبا",
    "👩‍👩‍👧‍👦🇳🇱", "e\u0301" * 300, "Z\u0351\u0352\u0357\u0358" * 50, "\ufeff\u200b\u2028\u2029", "\ud800",
    "x\udfffy", "'; DROP TABLE journeys_intake; --", "<script>alert(1)</script>", "{{ 7*7 }}", "%s%n%x",
    "../../etc/passwd", "0", "-1", "99999999999999999999999", "1e309", "NaN", "true", "null", "[]", "{}",
    "1234AB", "9999 ZZ", "a@b", "x" * 5000,
]
HUGE = ["A" * 100_000, "é" * 60_000, "👩‍👩‍👧" * 10_000, "\x00" * 10_000]

control_text = st.text(alphabet=st.characters(codec=None, categories=("Cc", "Cf", "Zl", "Zp", "Mn")),
                       max_size=40)
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=80)  # incl. surrogates
hostile_text = st.one_of(st.sampled_from(SPECIALS), any_text, control_text, st.sampled_from(HUGE))
field_key = st.one_of(st.sampled_from(["", "csrfmiddlewaretoken", "__proto__", "x" * 300, "a[]", "\x00"]),
                      st.text(max_size=20))


def form_pairs(names: list[str], known_values: dict[str, list[str]] | None = None):
    """Lists of (key, value): a random subset of the form's names (some missing), repeated keys, extra keys,
    values hostile or (sometimes) one of the field's own options."""
    known_values = known_values or {}

    def values_for(name):
        options = known_values.get(name) or []
        return st.one_of(hostile_text, st.sampled_from(options)) if options else hostile_text

    pair = st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), values_for(name))) if names \
        else st.nothing()
    extra = st.tuples(field_key, hostile_text)
    return st.lists(st.one_of(pair, pair, extra), max_size=12)


def encode_form(pairs) -> bytes:
    return "&".join(f"{_q(k)}={_q(v)}" for k, v in pairs).encode("ascii")


def _q(value: str) -> str:
    return quote_from_bytes(value.encode("utf-8", "surrogatepass"), safe="")


def path_segment(value: str) -> str:
    """A URL path segment as a hostile client would send it (never empty, so the URL still resolves)."""
    return _q(value) or "x"


def post_form(client, url: str, pairs, **extra):
    return client.post(url, encode_form(pairs), content_type="application/x-www-form-urlencoded", **extra)


def query_string(pairs) -> str:
    return encode_form(pairs).decode("ascii")


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "method": (attrs.get("method") or "get").lower(),
                               "fields": {}})
        elif tag in ("input", "select", "textarea", "button", "option") and self.forms:
            fields = self.forms[-1]["fields"]
            if tag == "option":
                if getattr(self, "_select", None):
                    fields.setdefault(self._select, []).append(attrs.get("value") or "")
                return
            name = attrs.get("name")
            if not name:
                return
            if tag == "select":
                self._select = name
            values = fields.setdefault(name, [])
            if attrs.get("value") is not None:
                values.append(attrs["value"])


    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def page_forms(html: str) -> tuple[list[dict], set[str]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms, parser.ids


def form_on(html: str, action_contains: str) -> dict:
    forms, _ids = page_forms(html)
    for form in forms:
        if action_contains in form["action"]:
            return form
    raise AssertionError(f"no form posting to {action_contains!r} in the page")


_SUMMARY = re.compile(r'<div class="error-summary".*?</div>', re.S)


def assert_no_server_error(response) -> None:
    # The test client re-raises view exceptions, so an unhandled error never even gets here.
    assert response.status_code < 500, (response.status_code, response.content[:500])


def assert_clear_form_error(response) -> None:
    """A form that did not succeed answers with a page whose error summary links to fields on that page."""
    assert_no_server_error(response)
    if response.status_code in (301, 302, 303) or response.headers.get("HX-Redirect"):
        return
    if response.headers.get("HX-Push-Url"):  # htmx: the next step was rendered in place
        return
    assert response.status_code in (200, 400, 403, 404, 422, 429), response.status_code
    if response.status_code not in (200, 400, 422):
        return
    html = response.content.decode()
    if response.status_code == 400 and "Dit verzoek kunnen wij niet verwerken" in html:
        return  # Django refused the body itself (over DATA_UPLOAD_MAX_MEMORY_SIZE): the site's Dutch 400 page
    summary = _SUMMARY.search(html)
    assert summary, f"no error summary in a {response.status_code} answer to a form post: {html[:3000]}"
    _forms, ids = page_forms(html)
    for target in re.findall(r'href="#([^"]+)"', summary.group(0)):
        assert target in ids, f"error summary links to #{target}, which is not on the page"
    assert "<li>" in summary.group(0), "error summary without a message"


def assert_json_error_names_field(response, *, fields: set[str]) -> None:
    assert_no_server_error(response)
    if response.status_code < 400:
        return
    body = json.loads(response.content)
    assert isinstance(body, dict) and body, body
    if response.status_code in (400, 422):
        named = set(body) - {"detail", "errors", "non_field_errors"}
        detail = json.dumps(body)
        assert named or "detail" in body or "errors" in body, body
        assert named & (fields | {"payload", "request_contact"}) or "detail" in body or any(
            f in detail for f in fields), body


def json_payloads(keys: list[str], known_values: dict[str, list] | None = None):
    """JSON objects with the given keys (some missing) holding values of every JSON type, plus extra keys."""
    known_values = known_values or {}
    leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), hostile_text)
    value = st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                         max_leaves=8)

    def for_key(key):
        options = known_values.get(key)
        return st.one_of(value, st.sampled_from(options)) if options else value

    chosen = st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)) if keys else st.just([])
    return chosen.flatmap(lambda ks: st.fixed_dictionaries({k: for_key(k) for k in ks})).flatmap(
        lambda base: st.dictionaries(field_key, value, max_size=3).map(lambda extra: {**extra, **base}))


def json_with_repeated_keys(payload: dict, key: str, first) -> str:
    """JSON text where ``key`` appears twice (the parser keeps the last): ``{"k": first, ..., "k": last}``."""
    body = json.dumps(payload)
    return "{" + json.dumps(key) + ": " + json.dumps(first) + ("," if payload else "") + body[1:]


__all__ = ["FUZZ", "FUZZ_SMALL", "quote"]
