"""Keep the REVIEWER_GROUP group in step with the Reviewer rows, however they change (services, admin,
demo content, factories): a person is in the group while they review at least one event."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .enums import REVIEWER_GROUP
from .models import Reviewer


def reviewer_group_sync(user) -> None:
    group, _created = Group.objects.get_or_create(name=REVIEWER_GROUP)
    if Reviewer.objects.filter(user=user).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
    for cached in ("_siem_group_names", "_siem_to_review"):
        if hasattr(user, cached):
            delattr(user, cached)


@receiver(post_save, sender=Reviewer)
def _reviewer_saved(sender, instance, created, **kwargs):
    if created:
        reviewer_group_sync(instance.user)


@receiver(post_delete, sender=Reviewer)
def _reviewer_deleted(sender, instance, **kwargs):
    reviewer_group_sync(instance.user)
