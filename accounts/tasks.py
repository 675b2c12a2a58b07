from celery import shared_task

from . import services

MAX_ATTEMPTS = 6


@shared_task(name="accounts.send_notification", bind=True, max_retries=MAX_ATTEMPTS, acks_late=True)
def task_send_notification(self, notification_id: int) -> bool:
    try:
        return services.notification_send(notification_id=notification_id)
    except Exception as exc:
        final = self.request.retries >= MAX_ATTEMPTS - 1
        services.notification_record_failure(notification_id=notification_id, error=repr(exc), final=final)
        if final or self.request.is_eager:
            # eager mode (no broker): leave the row pending or failed for the sweep, never break the request
            return False
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc


@shared_task(name="accounts.build_privacy_export", acks_late=True)
def task_build_privacy_export(export_id: int) -> None:
    services.privacy_export_build(export_id=export_id)


@shared_task(name="accounts.purge_exports")
def task_purge_exports() -> int:
    return services.privacy_exports_purge()
