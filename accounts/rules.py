"""Who may do what: portal roles and memberships as django-rules predicates.

Other apps build their rules from these predicates (``from accounts.rules import is_moderator``).
"""

import rules

from .enums import MembershipRole, PortalRole


def _group_names(user) -> frozenset:
    # cached on the user object for the request: role checks run many times per page
    cached = getattr(user, "_siem_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) if user.is_authenticated else frozenset()
        user._siem_group_names = cached
    return cached


def group_names(user) -> frozenset:
    """The names of the person's groups, read once per request (other apps' predicates use it)."""
    return _group_names(user)


def _membership_roles(user) -> frozenset:
    cached = getattr(user, "_siem_membership_roles", None)
    if cached is None:
        cached = (
            frozenset(user.memberships.values_list("organisation_id", "role")) if user.is_authenticated else frozenset()
        )
        user._siem_membership_roles = cached
    return cached


def has_portal_role(role: str):
    @rules.predicate(name=f"has_role_{role}")
    def predicate(user):
        return bool(user and user.is_authenticated and (user.is_superuser or role in _group_names(user)))

    return predicate


is_moderator = has_portal_role(PortalRole.MODERATOR)
is_event_organiser = has_portal_role(PortalRole.EVENT_ORGANISER)
is_survey_manager = has_portal_role(PortalRole.SURVEY_MANAGER)
is_editor = has_portal_role(PortalRole.EDITOR)
is_data_protection_officer = has_portal_role(PortalRole.DATA_PROTECTION_OFFICER)


@rules.predicate
def is_verified(user):
    """The person has confirmed an email address (allauth), so they may post."""
    if not (user and user.is_authenticated):
        return False
    cached = getattr(user, "_siem_verified", None)
    if cached is None:
        from allauth.account.models import EmailAddress

        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._siem_verified = cached
    return cached


@rules.predicate
def is_iro_officer(user):
    return bool(
        user and user.is_authenticated and any(r == MembershipRole.IRO_OFFICER for _, r in _membership_roles(user))
    )


@rules.predicate
def is_organisation_admin(user, organisation=None):
    """Admin of the given organisation, or of any organisation when none is given."""
    if not (user and user.is_authenticated):
        return False
    roles = _membership_roles(user)
    if organisation is None:
        return any(r == MembershipRole.ADMIN for _, r in roles)
    return (organisation.pk, MembershipRole.ADMIN) in roles


@rules.predicate
def is_member_of(user, organisation):
    if not (user and user.is_authenticated) or organisation is None:
        return False
    return any(org_id == organisation.pk for org_id, _ in _membership_roles(user))


def _has_staff_relation(user) -> bool:
    """One query: a row in any relation other apps registered (an event's organisers, reviewers)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef, Q

    from siem_portal.registry import registry

    if not registry.staff_relations:
        return False
    User = get_user_model()
    condition = Q()
    for related_name in registry.staff_relations:
        relation = User._meta.get_field(related_name)
        condition |= Q(Exists(relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")})))
    return User.objects.filter(condition, pk=user.pk).exists()


STAFF_MEMBERSHIP_ROLES = (MembershipRole.IRO_OFFICER, MembershipRole.ADMIN)


@rules.predicate
def has_staff_role(user):
    """Any role that sees other people's data: superusers, admin staff, portal roles (moderators,
    event organisers, survey managers, editors), IRO officers and organisation admins, and the
    per-object roles other apps register (an event's organisers and reviewers).

    Such accounts must pass a second factor and get short sessions. Cached on the user for the request.
    """
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_siem_staff", None)
    if cached is None:
        # the group and membership look-ups are cached on the user and reused by the page's own
        # rules; only the registered relations cost a query of their own
        cached = bool(
            _group_names(user)
            or any(r in STAFF_MEMBERSHIP_ROLES for _, r in _membership_roles(user))
            or _has_staff_relation(user)
        )
        user._siem_staff = cached
    return cached


@rules.predicate
def is_manager(user):
    """Anyone with a portal role: the /manage/ area is for them (other groups, such as the events'
    reviewers, have no manage area)."""
    return bool(user and user.is_authenticated and (user.is_superuser or _group_names(user) & set(PortalRole.values)))


rules.add_perm("accounts.view_manage", is_manager)
rules.add_perm("accounts.view_organisation", is_member_of | rules.is_superuser)
rules.add_perm("accounts.manage_organisation", is_organisation_admin | rules.is_superuser)
# The record of processing activities (GDPR Art. 30) is for the data protection officer and the
# portal's administrators, who answer for it; superusers pass every portal-role predicate.
rules.add_perm("accounts.view_processing_record", is_data_protection_officer)


@rules.predicate
def local_inbox_is_on(user):
    """The local inbox exists only where local settings set SIEM_LOCAL_INBOX_DIR (never in production)."""
    from django.conf import settings

    return bool(getattr(settings, "SIEM_LOCAL_INBOX_DIR", None))


# on a local machine anyone at the keyboard reads the emails the portal sent, signed in or not
rules.add_perm("accounts.view_local_inbox", local_inbox_is_on)
