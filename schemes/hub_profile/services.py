"""Writes of hub staff on their own hub."""

from django.db import transaction

from schemes.models import Hub

CONTACT_FIELDS = ("email", "phone")
CHANGE_REASON = "Gewijzigd door het loket"


@transaction.atomic
def hub_update_profile(*, hub: Hub, values: dict, user) -> list[str]:
    """Save the changed public details of ``hub``, with who did it in the history; return the changed fields.

    New contact details typed by the hub itself are real ones, so the placeholder flag goes off.
    """
    hub = Hub.objects.select_for_update().get(pk=hub.pk)
    changed = [name for name, value in values.items() if getattr(hub, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(hub, name, values[name])
    fields = list(changed)
    if hub.contact_is_placeholder and any(name in CONTACT_FIELDS for name in changed):
        hub.contact_is_placeholder = False
        fields.append("contact_is_placeholder")
    hub._history_user = user
    hub._change_reason = CHANGE_REASON
    hub.save(update_fields=fields)
    return changed
