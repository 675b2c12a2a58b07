from celery import shared_task

from . import jobs


@shared_task(name="siem_portal.requeue_pending_jobs")
def task_requeue_pending_jobs() -> dict[str, int]:
    """Periodic (every minute): queue again the row-backed jobs left pending (see ``siem_portal.jobs``)."""
    return jobs.pending_jobs_requeue()
