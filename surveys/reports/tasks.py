from celery import shared_task

from . import services


@shared_task(
    name="surveys.build_report",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=5,
)
def task_build_report(job_id: int) -> None:
    services.report_build(job_id=job_id)


@shared_task(name="surveys.expire_reports")
def task_expire_reports() -> int:
    return services.reports_expire()
