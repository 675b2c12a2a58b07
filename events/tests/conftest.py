import pytest


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a service and deliver the emails it queued, as a committed request would."""
    from django.core import mail

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = fn(**kwargs)
        return result

    run.outbox = mail.outbox
    return run
