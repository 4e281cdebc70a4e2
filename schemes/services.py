"""Writes on the catalogue that are not plain admin edits: status changes in bulk."""

from django.db import transaction

from schemes import vocabulary as v
from schemes.models import Scheme


@transaction.atomic
def schemes_set_status(*, schemes, status: str, user) -> int:
    """Set the publication status one row at a time, so history records who changed what and when."""
    changed = 0
    for scheme in schemes.select_for_update():
        if scheme.status == status:
            continue
        scheme.status = status
        scheme._history_user = user
        scheme._change_reason = v.PublicationStatus(status).label
        scheme.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


def scheme_publish(*, scheme: Scheme, user) -> None:
    schemes_set_status(schemes=Scheme.objects.filter(pk=scheme.pk), status=v.PublicationStatus.PUBLISHED, user=user)
