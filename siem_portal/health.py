import json

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("healthz", "1", 5)
    return "ok" if cache.get("healthz") == "1" else "error"


def _check_broker() -> str:
    from siem_portal.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


@never_cache
def healthz(request):
    """200 with the status of each part; 503 when the database (or a configured broker) is down."""
    checks = {"database": _check_database, "cache": _check_cache}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _check_broker
    result, healthy = {}, True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure of a part is reported, never raised
            result[name] = f"error: {exc.__class__.__name__}"
        if result[name] != "ok" and name in ("database", "broker"):
            healthy = False
    body = {"status": "ok" if healthy else "error", **result}
    return HttpResponse(json.dumps(body), status=200 if healthy else 503, content_type="application/json")
