from django.db.models import QuerySet

from .enums import MembershipRole
from .models import Membership, Notification, Organisation, PrivacyExport, User


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name", "role")


def notifications_for_user(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).only(
        "id", "kind", "subject", "body_text", "link", "status", "created_at", "read_at", "recipient_id"
    )


def unread_notification_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def iro_institutions_for_user(*, user: User) -> QuerySet[Organisation]:
    """The institutions whose survey reports this person may download."""
    return Organisation.objects.filter(memberships__user=user, memberships__role=MembershipRole.IRO_OFFICER).distinct()


def privacy_exports_for_user(*, user: User) -> QuerySet[PrivacyExport]:
    return PrivacyExport.objects.filter(user=user)
