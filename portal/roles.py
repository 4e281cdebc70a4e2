"""Who may do what: hub staff (members of hubs), catalogue admins (RVO) and superusers.

Entrepreneurs have no account. Hub staff are not Django "staff": they never reach the admin.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission

CATALOGUE_ADMIN_GROUP = "Catalogusbeheerders"
# Apps whose models catalogue admins maintain in the admin.
CATALOGUE_APPS = ("schemes",)

User = AbstractBaseUser | AnonymousUser


def is_catalogue_admin(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=CATALOGUE_ADMIN_GROUP).exists()


def staff_hub_ids(user: User) -> list[int]:
    """Ids of the active hubs this user works for; empty for anyone else.

    Remembered on the user object, which lives for one request: a page asks several times (the queue asked three
    times per page), and membership changes take effect from the next request.
    """
    if not user.is_authenticated or not user.is_active:
        return []
    if not hasattr(user, "_staff_hub_ids"):
        user._staff_hub_ids = list(user.hubs.filter(is_active=True).values_list("id", flat=True))
    return list(user._staff_hub_ids)


def is_referrer_only(user: User) -> bool:
    """An invited advisor (journeys/referrers) with no desk role: it sees only its own clients' requests,
    never the queue, insight or the admin."""
    if not user.is_authenticated or user.is_superuser or staff_hub_ids(user) or is_catalogue_admin(user):
        return False
    from journeys.models import Referrer

    return Referrer.objects.filter(user=user).exists()


def is_hub_staff(user: User) -> bool:
    return bool(staff_hub_ids(user))


def ensure_catalogue_admin_group() -> Group:
    """Create or refresh the catalogue-admin group with every permission on the catalogue models."""
    group, _ = Group.objects.get_or_create(name=CATALOGUE_ADMIN_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=CATALOGUE_APPS)
    group.permissions.set(permissions)
    return group
