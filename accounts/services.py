"""Every write of the accounts app: notifications, preferences, privacy export and erasure."""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from siem_portal.emails import email_render
from siem_portal.exceptions import ApplicationError
from siem_portal.jobs import enqueue_on_commit
from siem_portal.registry import registry
from siem_portal.storage import private_storage

from .enums import ExportStatus, NotificationStatus
from .models import ApiToken, EmailOptOut, Notification, PrivacyExport, User

logger = logging.getLogger(__name__)


# --- notifications -----------------------------------------------------------------------------


def notification_create(
    *,
    recipient: User,
    kind: str,
    template: str | None = None,
    context: dict | None = None,
    subject: str = "",
    body_text: str = "",
    body_html: str = "",
    link: str = "",
    attachments: list[dict] | None = None,
) -> Notification:
    """Store a notification and email it after the surrounding transaction commits.

    Give either ``template`` (``emails/<template>.*``, rendered in the recipient's language) or
    ``subject`` and ``body_text``. A kind the person turned off is stored and shown in the portal,
    but not emailed.
    """
    if kind not in registry.notification_kinds:
        raise ValueError(f"Unknown notification kind {kind!r}: register it in the app's ready().")
    if template:
        rendered = email_render(
            template, {"recipient": recipient, "link": link, **(context or {})}, language=recipient.preferred_language
        )
        subject, body_text, body_html = rendered.subject, rendered.text, rendered.html
    kind_info = registry.notification_kinds[kind]
    muted = not kind_info.mandatory and EmailOptOut.objects.filter(user=recipient, kind=kind).exists()
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        subject=subject[:255],
        body_text=body_text,
        body_html=body_html,
        link=link,
        attachments=attachments or [],
        status=NotificationStatus.SKIPPED if muted else NotificationStatus.PENDING,
    )
    if not muted:
        from .tasks import task_send_notification

        enqueue_on_commit(task_send_notification, notification.pk)
    return notification


def notification_send(*, notification_id: int) -> bool:
    """Email one notification exactly once; returns True when this call sent it.

    The row is locked for the whole send, so a second task for the same row waits, then sees it
    is no longer pending and does nothing.
    """
    from siem_portal.emails import Attachment, email_send

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None or notification.status != NotificationStatus.PENDING:
            return False
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        link = notification.link
        text = notification.body_text
        if link and link not in text:
            text = f"{text.rstrip()}\n\n{_absolute(link)}\n"
        email_send(
            to=[notification.recipient.email],
            subject=notification.subject,
            text=text,
            html=notification.body_html,
            attachments=[
                Attachment(a["filename"], a["content"], a.get("mimetype", "application/octet-stream"))
                for a in notification.attachments
            ],
        )
        notification.status = NotificationStatus.SENT
        notification.sent_at = timezone.now()
        notification.last_error = ""
        notification.save(update_fields=["attempts", "last_attempt_at", "status", "sent_at", "last_error"])
    return True


def notification_record_failure(*, notification_id: int, error: str, final: bool) -> None:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != NotificationStatus.PENDING:
            return
        notification.attempts += 1
        notification.last_attempt_at = timezone.now()
        notification.last_error = error[:2000]
        if final:
            notification.status = NotificationStatus.FAILED
        notification.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def email_preferences_set(*, user: User, muted_kinds: set[str]) -> None:
    allowed = {code for code, kind in registry.notification_kinds.items() if not kind.mandatory}
    unknown = set(muted_kinds) - allowed
    if unknown:
        raise ApplicationError("Unknown notification kinds: " + ", ".join(sorted(unknown)), field="kinds")
    with transaction.atomic():
        EmailOptOut.objects.filter(user=user).exclude(kind__in=muted_kinds).delete()
        existing = set(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True))
        EmailOptOut.objects.bulk_create([EmailOptOut(user=user, kind=k) for k in muted_kinds - existing])


def _absolute(link: str) -> str:
    return link if link.startswith("http") else settings.SITE_URL.rstrip("/") + link


# --- privacy -----------------------------------------------------------------------------------


def privacy_data_collect(*, user: User) -> dict:
    """Everything the portal holds on a person, one section per registered app handler."""
    data = {"generated_at": timezone.now().isoformat(), "sections": {}}
    for handler in registry.privacy:
        data["sections"][handler.label] = handler.export(user)
    return data


def privacy_export_request(*, user: User) -> PrivacyExport:
    """Ask for a download of one's data; an export already being built is returned instead."""
    running = PrivacyExport.objects.filter(user=user, status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING]).first()
    if running:
        return running
    export = PrivacyExport.objects.create(user=user)
    from .tasks import task_build_privacy_export

    enqueue_on_commit(task_build_privacy_export, export.pk)
    return export


def _export_file_name(export: PrivacyExport) -> str:
    """The export's name on the private storage."""
    return f"privacy/{export.token}.json"


def privacy_export_build(*, export_id: int) -> None:
    """Write the JSON file of one export; idempotent (a finished export is left as it is)."""
    with transaction.atomic():
        export = PrivacyExport.objects.select_for_update().select_related("user").filter(pk=export_id).first()
        if export is None or export.status == ExportStatus.DONE:
            return
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])
    try:
        payload = json.dumps(privacy_data_collect(user=export.user), indent=2, ensure_ascii=False, default=str)
        name = private_storage().save(_export_file_name(export), ContentFile(payload.encode()))
    except Exception as exc:
        PrivacyExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, error=str(exc)[:2000])
        raise
    PrivacyExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.DONE, file=name, size=len(payload.encode()), finished_at=timezone.now()
    )
    notification_create(
        recipient=export.user,
        kind="privacy_export_ready",
        template="accounts/privacy_export_ready",
        context={"export": export},
        link="/me/privacy/",
    )


def privacy_exports_purge() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.PRIVACY_EXPORT_TTL_HOURS)
    old = list(PrivacyExport.objects.filter(created_at__lt=cutoff))
    storage = private_storage()
    for export in old:
        storage.delete(export.file.name or _export_file_name(export))
    PrivacyExport.objects.filter(pk__in=[e.pk for e in old]).delete()
    return len(old)


def account_delete(*, user: User) -> None:
    """Erase a person: every app removes or anonymises its data, then the account row goes.

    Apps keep what the project may keep without the person (an anonymous survey answer, a count),
    detached from them; third-party rows tied to the account (email addresses, tokens, sessions,
    authenticators) go with the row itself.
    """
    with transaction.atomic():
        for handler in registry.privacy:
            handler.erase(user)
        storage = private_storage()
        for export in PrivacyExport.objects.filter(user=user):
            storage.delete(export.file.name or _export_file_name(export))
        user.delete()


def second_factor_check(*, request, user: User, code: str) -> bool:
    """Checks a TOTP (or recovery) code with allauth's form: its rate limit, replay protection and
    failure signals apply. Records the authenticator's use; does not touch the session."""
    from allauth.mfa.base.forms import BaseAuthenticateForm

    form = BaseAuthenticateForm(data={"code": code}, user=user)
    if not form.is_valid():
        return False
    form.authenticator.record_usage()
    return True


def api_token_create(*, user: User, second_factor: bool) -> tuple[ApiToken, str]:
    """A new expiring token (the key is returned once, only its hash is stored). Staff roles' tokens
    live as long as a staff session."""
    from .rules import has_staff_role

    ttl = settings.SIEM_STAFF_API_TOKEN_TTL if has_staff_role(user) else None
    if ttl is None:
        return ApiToken.objects.create(user=user, second_factor=second_factor)
    return ApiToken.objects.create(user=user, expiry=ttl, second_factor=second_factor)


def api_tokens_for_user(*, user: User):
    return ApiToken.objects.filter(user=user, expiry__gt=timezone.now())


API_TOKEN_ID_LENGTH = 16


def api_token_revoke(*, user: User, token_id: str) -> bool:
    """Deletes the person's token named ``token_id``; False when there is none."""
    if len(token_id) != API_TOKEN_ID_LENGTH or not all(c in "0123456789abcdef" for c in token_id):
        return False
    deleted, _ = ApiToken.objects.filter(user=user, digest__startswith=token_id).delete()
    return bool(deleted)


# --- language ----------------------------------------------------------------------------------


def user_language_set(*, user: User, language: str) -> None:
    """Save the language a person picked; everything the portal shows or sends them uses it."""
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Choose one of the portal's languages."), field="preferred_language")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
