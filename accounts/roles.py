"""Helpers for migrations that give a portal role the model permissions it needs."""

from django.contrib.auth.management import create_permissions


def grant_model_permissions(apps, *, role: str, app_label: str, codenames: list[str]) -> None:
    """Use inside a RunPython migration: add ``app_label.codename`` permissions to the role's group.

    Permissions are normally created after all migrations ran; they are created here first so a
    fresh database gets the grants in one `migrate`.
    """
    app_config = apps.get_app_config(app_label)
    # migration app configs are stubs without a models module; create_permissions skips those
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=role)
    perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*perms)
