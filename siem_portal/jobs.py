"""One way to queue background work, and one sweep for the work that did not get queued.

Every job is a row first (a notification, an invitation, a report job...). The service stores the
row and calls ``enqueue_on_commit(task, row.pk)``: the task is queued once the transaction commits,
and a broker that is down never breaks the request (the row stays pending). The beat task
``siem_portal.requeue_pending_jobs`` then queues again, for every kind registered with
``register_pending_job``, the rows still pending after a few minutes.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .registry import PendingJobKind, registry

logger = logging.getLogger(__name__)

# A row the sweep queued is left alone for this long; a row is swept once it is this old.
REQUEUE_AFTER = timedelta(minutes=5)
# At most this many rows of each kind per sweep, oldest first (the next sweep takes the rest).
REQUEUE_CAP = 1000


def enqueue(task, *args, **kwargs) -> bool:
    """Queue ``task`` now; False (logged) when the broker refused it, never an exception.

    Without a broker (eager mode) the task runs here; its own failure is logged the same way, and
    the row stays pending for the sweep.
    """
    try:
        task.delay(*args, **kwargs)
    except Exception:  # the broker's errors vary by transport; the sweep is the safety net
        logger.warning("Could not queue %s%r; the sweep will queue it again.", task.name, args, exc_info=True)
        return False
    return True


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


def _pending_filter(kind: PendingJobKind) -> Q:
    return kind.pending if isinstance(kind.pending, Q) else Q(**kind.pending)


def pending_jobs_requeue(*, older_than: timedelta = REQUEUE_AFTER, cap: int = REQUEUE_CAP) -> dict[str, int]:
    """Queue again the rows of every pending job kind still pending after ``older_than``.

    Skips rows the sweep queued less than ``older_than`` ago, takes at most ``cap`` rows of each
    kind, and goes on past a row that could not be queued. Returns the number queued per kind.
    """
    now = timezone.now()
    cutoff = now - older_than
    queued = {}
    current_app.loader.import_default_modules()  # every app's tasks module (a no-op in a worker)
    for kind in registry.pending_jobs.values():
        model = apps.get_model(kind.model)
        task = current_app.tasks[kind.task]
        ids = list(
            model.objects.filter(_pending_filter(kind), **{f"{kind.since}__lt": cutoff})
            .filter(Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=cutoff))
            .order_by(kind.since, "pk")
            .values_list("pk", flat=True)[:cap]
        )
        done = 0
        for pk in ids:
            try:
                model.objects.filter(pk=pk).update(last_attempt_at=now)
                if enqueue(task, pk, **kind.task_kwargs):
                    done += 1
            except Exception:  # one bad row must not stop the others
                logger.exception("Could not queue %s %s again.", kind.name, pk)
        if ids:
            logger.info("Queued %s of %s pending %s again.", done, len(ids), kind.name)
        queued[kind.name] = done
    return queued
