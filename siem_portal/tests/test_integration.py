"""A real Celery worker, a real broker (Redis), a real SMTP server: the notification path end to end."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.db import connection

from accounts import services
from accounts.enums import NotificationStatus
from accounts.models import Notification
from accounts.tests.factories import UserFactory
from siem_portal.celery import app as celery_app

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


class Sink(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url_for_worker() -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


@pytest.fixture
def smtp_sink():
    handler = Sink()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture
def worker(smtp_sink):
    controller, _ = smtp_sink
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "siem_portal.settings.test",
        "DATABASE_URL": _database_url_for_worker(),
        "EMAIL_URL": f"smtp://{controller.hostname}:{controller.port}",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "siem_portal", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield process
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def real_broker():
    """Queue tasks on the configured broker instead of running them in-process."""
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


def _wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_notification_delivered_by_real_worker_through_redis_to_smtp(smtp_sink, worker, real_broker):
    _, sink = smtp_sink
    user = UserFactory(email="worker.test@example.com")
    notification = services.notification_create(
        recipient=user, kind="account", subject="Delivered by a worker", body_text="Hello from Celery."
    )
    assert _wait_for(lambda: len(sink.messages) >= 1), "no email reached the SMTP sink"
    notification.refresh_from_db()
    assert _wait_for(lambda: Notification.objects.get(pk=notification.pk).status == NotificationStatus.SENT)
    message = sink.messages[0]
    assert message["To"] == "worker.test@example.com"
    assert message["Subject"] == "Delivered by a worker"
    time.sleep(1)
    assert len(sink.messages) == 1  # once
