"""Capacity under concurrency: only meaningful on PostgreSQL, where requests really run in parallel."""

import threading

import pytest
from django.db import connection

from accounts.tests.factories import UserFactory
from events import services
from events.enums import RegistrationState

from .factories import EventFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _fire(event, users):
    barrier = threading.Barrier(len(users))
    errors, states = [], []

    def register(user):
        try:
            barrier.wait()
            states.append(services.registration_create(event=event, user=user).state)
        except Exception as exc:  # noqa: BLE001 (the test reports every error)
            errors.append(repr(exc))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=register, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return states, errors


def test_fifty_concurrent_registrations_for_ten_seats():
    event = EventFactory(capacity=10, waitlist_enabled=True)
    users = [UserFactory() for _ in range(50)]
    states, errors = _fire(event, users)
    assert errors == []
    assert states.count(RegistrationState.CONFIRMED) == 10
    assert states.count(RegistrationState.WAITLISTED) == 40
    assert event.registrations.filter(state=RegistrationState.CONFIRMED).count() == 10


def test_same_person_twice_at_once_gets_one_registration():
    event = EventFactory(capacity=10)
    user = UserFactory()
    states, errors = _fire(event, [user, user])
    assert len(states) == 1 and len(errors) == 1
    assert "ConflictError" in errors[0]
    assert event.registrations.count() == 1
