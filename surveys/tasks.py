from celery import shared_task

from siem_portal.jobs import enqueue

from . import services


@shared_task(
    name="surveys.send_invitation", autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=600, max_retries=5
)
def task_send_invitation(invitation_id: int, reminder: bool = False) -> None:
    services.invitation_send(invitation_id=invitation_id, reminder=reminder)


@shared_task(name="surveys.send_due_reminders")
def task_send_due_reminders() -> int:
    """Periodic (hourly, see apps.py): queue the reminders that are due."""
    due = services.invitations_due_for_reminder()
    for pk in due:
        enqueue(task_send_invitation, pk, reminder=True)  # the rows are stored already: no commit to wait for
    return len(due)


@shared_task(name="surveys.purge_expired")
def task_purge_expired() -> int:
    """Periodic (daily, see apps.py): enforce each survey's retention date."""
    return services.responses_purge_expired()
