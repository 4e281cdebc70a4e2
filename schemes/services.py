"""Writes on the catalogue that are not plain admin edits: status changes and verification, in bulk."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from schemes import vocabulary as v
from schemes.models import Scheme


def publish_problem(scheme: Scheme) -> str:
    """Why ``scheme`` may not be published yet, or "" when it may: a public page needs a link or a reason."""
    if not scheme.url and not scheme.no_link_reason.strip():
        return _("%(name)s heeft geen officiële link. Vul een link in, of schrijf waarom er geen is.") % {
            "name": scheme.name}
    return ""


@transaction.atomic
def schemes_set_status(*, schemes, status: str, user) -> int:
    """Set the publication status one row at a time, so history records who changed what and when.

    A scheme without an official link and without a reason for it is not published (see publish_problem).
    """
    changed = 0
    for scheme in schemes.select_for_update():
        if scheme.status == status:
            continue
        if status == v.PublicationStatus.PUBLISHED and publish_problem(scheme):
            continue
        scheme.status = status
        scheme._history_user = user
        scheme._change_reason = v.PublicationStatus(status).label
        scheme.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


def scheme_publish(*, scheme: Scheme, user) -> None:
    schemes_set_status(schemes=Scheme.objects.filter(pk=scheme.pk), status=v.PublicationStatus.PUBLISHED, user=user)


VERIFIED_REASON = "Gecontroleerd"


@transaction.atomic
def catalogue_items_mark_verified(*, items, user, today: date) -> int:
    """Record that ``user`` checked these schemes or hubs against the official source on ``today``.

    Each row gets its own history entry (who, when, reason "Gecontroleerd"), also when it was checked before.
    """
    count = 0
    for item in items.select_for_update():
        item.last_verified_on = today
        item.last_verified_by = user
        item._history_user = user
        item._change_reason = VERIFIED_REASON
        fields = ["last_verified_on", "last_verified_by"]
        item.save(update_fields=[*fields, "updated_at"] if isinstance(item, Scheme) else fields)
        count += 1
    return count

