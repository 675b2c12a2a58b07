from celery import shared_task

from . import services


@shared_task(name="publications.extract_text")
def task_extract_text(version_id: int) -> None:
    services.version_extract_text(version_id=version_id)


@shared_task(name="publications.make_thumbnail")
def task_make_thumbnail(version_id: int) -> None:
    services.version_make_thumbnail(version_id=version_id)
