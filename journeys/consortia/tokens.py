"""Signed, opaque links of the consortium builder: they name a row by number, never a person or address.

- opt-in: the intake the entrepreneur may create a partner profile for (from the route or status page);
- withdraw: the profile to withdraw (status page, every consortium e-mail);
- answer: one membership's yes or no to an introduction.
"""

from django.core import signing

_OPT_IN, _WITHDRAW, _ANSWER = ("journeys.consortia.opt_in", "journeys.consortia.withdraw",
                               "journeys.consortia.answer")


def _sign(salt: str, pk: int) -> str:
    return signing.Signer(salt=salt).sign(signing.b62_encode(pk))


def _unsign(salt: str, token: str) -> int | None:
    if not token or len(token) > 200:
        return None
    try:
        return signing.b62_decode(signing.Signer(salt=salt).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def opt_in_token(*, intake_id: int) -> str:
    return _sign(_OPT_IN, intake_id)


def intake_id_from_opt_in_token(token: str) -> int | None:
    return _unsign(_OPT_IN, token)


def withdraw_token(*, profile_id: int) -> str:
    return _sign(_WITHDRAW, profile_id)


def profile_id_from_withdraw_token(token: str) -> int | None:
    return _unsign(_WITHDRAW, token)


def answer_token(*, member_id: int) -> str:
    return _sign(_ANSWER, member_id)


def member_id_from_answer_token(token: str) -> int | None:
    return _unsign(_ANSWER, token)
