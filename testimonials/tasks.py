"""Celery tasks of the stories app: load a stored question by id, call a service."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


def _run(task, fn, question_id: int, *, answer: bool) -> bool:
    try:
        return fn(question_id=question_id)
    except Exception as exc:  # SMTP and broker errors vary; retry with capped backoff, then mark failed
        if task.request.is_eager or task.request.retries >= MAX_RETRIES:
            logger.exception("Relaying message %s failed", question_id)
            services.message_relay_failed(question_id=question_id, answer=answer)
            return False
        raise task.retry(exc=exc, countdown=min(60 * 2**task.request.retries, 3600)) from exc


@shared_task(bind=True, name="testimonials.relay_question", max_retries=MAX_RETRIES)
def task_relay_question(self, question_id: int) -> bool:
    return _run(self, services.question_relay, question_id, answer=False)


@shared_task(bind=True, name="testimonials.relay_answer", max_retries=MAX_RETRIES)
def task_relay_answer(self, question_id: int) -> bool:
    return _run(self, services.answer_relay, question_id, answer=True)
