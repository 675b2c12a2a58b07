"""Beat schedule of the events app, stored for django-celery-beat's DatabaseScheduler:
expire seat offers and re-queue unsent co-presenter invitations every 5 minutes, send reminders (event, unconfirmed sessions) every hour."""

from django.db import migrations

TASKS = [
    ("events.expire_offers", "events.expire_offers", 5, "minutes"),
    ("events.requeue_invitations", "events.requeue_invitations", 5, "minutes"),
    ("events.send_reminders", "events.send_reminders", 1, "hours"),
    ("events.send_confirm_reminders", "events.send_confirm_reminders", 1, "hours"),
]


def add_tasks(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, every, period in TASKS:
        schedule, _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
        PeriodicTask.objects.update_or_create(name=name, defaults={"task": task, "interval": schedule})


def remove_tasks(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[t[0] for t in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(add_tasks, remove_tasks)]
