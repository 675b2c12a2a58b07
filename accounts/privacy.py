"""What the accounts app (and the third-party apps tied to the account) hold on a person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from auditlog.models import LogEntry as AuditLogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .models import ApiToken, EmailOptOut, Membership, Notification, PrivacyExport, User


def export_account(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "country": str(user.country),
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "email_turned_off_for": sorted(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)),
        "notifications": [
            {"kind": n.kind, "subject": n.subject, "created_at": n.created_at.isoformat(), "status": n.status}
            for n in Notification.objects.filter(recipient=user)
        ],
        "api_tokens": [
            {"created": t.created.isoformat(), "expiry": t.expiry.isoformat() if t.expiry else None}
            for t in ApiToken.objects.filter(user=user)
        ],
        "sessions": [
            {"ip": s.ip, "user_agent": s.user_agent, "last_seen_at": s.last_seen_at.isoformat()}
            for s in UserSession.objects.filter(user=user)
        ],
    }


def erase_account(user: User) -> None:
    # Audit entries stay (who changed what is needed for accountability), without the person.
    AuditLogEntry.objects.filter(actor=user).update(actor=None, remote_addr=None)
    # Login attempts are keyed by email; drop them so no trace of the address remains.
    AccessAttempt.objects.filter(username=user.email).delete()
    AccessLog.objects.filter(username=user.email).delete()
    AccessFailureLog.objects.filter(username=user.email).delete()
    # The rest (memberships, notifications, tokens, sessions, authenticators, addresses, admin log)
    # cascades with the account row.


HANDLER = PrivacyHandler(
    label="account",
    models=(
        User,
        Membership,
        Notification,
        EmailOptOut,
        PrivacyExport,
        EmailAddress,
        Authenticator,
        UserSession,
        ApiToken,
        AuditLogEntry,
        AdminLogEntry,
        AccessAttempt,
        AccessLog,
        AccessFailureLog,
    ),
    export=export_account,
    erase=erase_account,
)

ACTIVITIES = (
    ProcessingActivity(
        code="accounts",
        name=_("Portal accounts and sign-in security"),
        purpose=_(
            "Let people sign in, keep their accounts safe (second factor, login attempts, sessions) and "
            "send them the messages they asked for or that their account needs."
        ),
        legal_basis=_(
            "Contract: the terms of use of the portal the person accepts when signing up (GDPR Art. 6(1)(b))."
        ),
        data_subjects=_("Everyone with an account: students, university and IRO staff, organisations, attendees."),
        data_categories=_(
            "Email addresses, full name, country, preferred language, organisation memberships and roles, "
            "second-factor devices, sessions (IP address and browser), sign-in attempts, notifications."
        ),
        retention=_(
            "Until the person deletes the account at /me/privacy/; sign-in attempts are removed with the account; "
            "a download of one's data is deleted after its expiry."
        ),
        recipients=_("The portal's administrators; the email provider that delivers the messages."),
        models=HANDLER.models,
        order=10,
    ),
)
