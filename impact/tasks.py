from celery import shared_task

from . import services


@shared_task(
    name="impact.build_report", autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=300, max_retries=5
)
def task_build_report(report_id: int) -> None:
    services.report_build(report_id=report_id)
