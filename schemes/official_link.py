"""The one primary button from a scheme to its official page, with a label that says where it goes.

    >>> official_link(scheme=ckp).label
    'Naar de regeling bij RVO'

A link on rvo.nl says "bij RVO"; any other link names the organisation whose website it is (the
executor, provider or umbrella whose website has the same host), else the host name. The route
page's cards can use the same function.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class OfficialLink:
    url: str
    label: str
    host: str = ""  # e.g. "rvo.nl": short enough for a phone screen


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def official_link(*, scheme) -> OfficialLink | None:
    """The button for ``scheme``'s official page, or None when it has no link."""
    if not scheme.url:
        return None
    host = _host(scheme.url)
    if host == "rvo.nl" or host.endswith(".rvo.nl"):
        return OfficialLink(scheme.url, _("Naar de regeling bij RVO"), host)
    parties = [p for p in (scheme.executor, scheme.provider, scheme.umbrella) if p is not None]
    owner = next((p for p in parties if p.website and _host(p.website) == host), None)
    # No party with that website: name the site itself rather than guess whose it is.
    name = str(owner) if owner else host
    return OfficialLink(scheme.url, _("Naar de website van %(name)s") % {"name": name}, host)
