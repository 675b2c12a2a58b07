from celery import shared_task

from . import services


@shared_task(name="events.expire_offers")
def task_expire_offers() -> int:
    return services.offers_expire()


@shared_task(name="events.send_reminders")
def task_send_reminders() -> int:
    return services.reminders_send()
