"""A simulated entrepreneur: one HTTP session that walks the whole intake like a browser without JavaScript."""

from __future__ import annotations

import secrets

import requests

# Answers in the shape of the forms (journeys/intake/questions.py); the "keten" pages appear because a theme is
# "chain". "contact" is not an intake step but the contact request's form on the route page.
STEP_POSTS = {
    "bedrijf": {"company_name": "Bench Houtwerk B.V.", "kvk_number": "", "postcode": "3511 AB",
                "company_size": "small"},
    "sector": {"sectors": ["construction", "furniture"]},
    "waar-staat-u": {"self_assessment": "investigating"},
    "wat-doet-u-al": {"practice": "measures"},
    "hulp": {"help_wanted": ["feasibility"]},
    "onderwerp": {"themes": ["chain", "financing"]},
    "bedrijfsonderdeel": {"business_areas": ["chain_cooperation", "reuse"]},
    "materialen": {"materials": ["wood"], "material_volume": "niche"},
    "drijfveren": {"drivers": ["cost_saving"]},
    "belemmeringen": {"barriers": ["need_supervisor"]},
    "keten": {"chain_partners": "3", "chain_smes": "4", "chain_large": "0"},
    "keten-rollen": {"chain_roles": ["supplier", "producer", "recycler"]},
    "keten-afspraken": {"chain_started": "yes", "chain_director": "no", "commitment_signed": "yes",
                        "joint_plan": "unknown"},
    "keten-omvang": {"processing_in_province": "yes", "chain_scale": "regional"},
    "contact": {"contact_name": "Bench Ondernemer", "email": "bench@example.nl", "phone": "",
                "preferred_contact": "email", "consent_share": "on", "followup_opt_in": ""},
}


class Outcome:
    def __init__(self) -> None:
        self.server_errors = 0
        self.other_errors: list[str] = []
        self.reference: str | None = None


def new_session() -> requests.Session:
    session = requests.Session()
    token = secrets.token_hex(16)  # a 32-character CSRF secret of our own, sent as cookie and header
    session.cookies.set("csrftoken", token)
    session.headers["X-CSRFToken"] = token
    return session


def _post(session, base, path, data, outcome):
    response = session.post(base + path, data=data, allow_redirects=False, timeout=30)
    if response.status_code >= 500:
        outcome.server_errors += 1
    return response


def complete_intake(base: str, *, session: requests.Session | None = None) -> Outcome:
    """Answer every step, submit, ask for contact; ``reference`` is set when the confirmation came back."""
    session = session or new_session()
    outcome = Outcome()
    response = session.get(base + "/intake/", allow_redirects=False, timeout=30)
    path = response.headers.get("Location", "")
    for _ in range(25):
        if response.status_code >= 500:
            outcome.server_errors += 1
            return outcome
        if response.status_code != 302 or "/intake/" not in path:
            outcome.other_errors.append(f"{response.status_code} at {path}")
            return outcome
        slug = path.rstrip("/").split("/")[-1]
        if slug == "controleren":
            break
        response = _post(session, base, path, STEP_POSTS.get(slug, {}), outcome)
        path = response.headers.get("Location", "")
    response = _post(session, base, "/intake/controleren/", {}, outcome)
    result = response.headers.get("Location", "")
    if response.status_code != 302 or "/intake/route/" not in result:
        outcome.other_errors.append(f"submit gave {response.status_code}")
        return outcome
    response = _post(session, base, result + "contact/", STEP_POSTS["contact"], outcome)
    confirmation = response.headers.get("Location", "")
    if response.status_code == 302 and "/intake/ontvangen/" in confirmation:
        outcome.reference = confirmation.rstrip("/").split("/")[-1]
    else:
        outcome.other_errors.append(f"contact gave {response.status_code}")
    return outcome
