from celery import shared_task

from . import services


@shared_task(name="events.expire_offers")
def task_expire_offers() -> int:
    return services.offers_expire()


@shared_task(name="events.send_reminders")
def task_send_reminders() -> int:
    return services.reminders_send()


@shared_task(name="events.send_co_presenter_invitation", acks_late=True)
def task_send_co_presenter_invitation(invitation_id: int) -> bool:
    from .services_cfp import co_presenter_invitation_send

    return co_presenter_invitation_send(invitation_id=invitation_id)


@shared_task(name="events.send_confirm_reminders")
def task_send_confirm_reminders() -> int:
    from .services_cfp import confirm_reminders_send

    return confirm_reminders_send()
