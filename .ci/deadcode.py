"""Dead code: the functions, classes, methods, properties and imports that nothing uses (vulture).

Run by ``make lint`` (``.venv/bin/python .ci/deadcode.py``); exits 1 and lists them when there are any.
Confidence 60, vulture's level for unused functions, classes and methods. Names Django, DRF, Celery
or pytest call by convention are ignored by the patterns below; single names reached only through a
dotted path in settings or a library hook are listed in ``vulture_whitelist.py``. Unused variables and
attributes are not reported: at this level they are model, form and serializer fields and enum
members, read by templates and the ORM where vulture cannot see (ruff reports unused local variables).
"""

import sys
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "accounts",
    "events",
    "impact",
    "publications",
    "siem_portal",
    "surveys",
    "testimonials",
    "conftest.py",
    "vulture_whitelist.py",
]
EXCLUDE = ["*/migrations/*", "*/siem_portal/settings/*", "*/siem_portal/formats/*"]
MIN_CONFIDENCE = 60
IGNORE_DECORATORS = [
    "@receiver",  # signal receivers
    "@register.*",  # template tags and filters
    "@shared_task",  # Celery tasks, queued by name
    "@admin.register",
    "@admin.display",
    "@action",  # DRF viewset actions
    "@*.mapping.*",
    "@pytest.fixture",
    "@factory.post_generation",
    "@rules.predicate",
    "@extend_schema_field",
    "@deconstructible",
]
IGNORE_NAMES = [
    # Django and DRF hooks, called by the framework
    "Meta",
    "ready",
    "Command",
    "add_arguments",
    "handle",
    "clean",
    "clean_*",
    "_post_clean",
    "save",
    "delete",
    "dispatch",
    "form_valid",
    "form_invalid",
    "get_*",
    "has_permission",
    "has_object_permission",
    "has_*_permission",
    "*Config",
    "*Admin",
    "*Inline",
    "*Middleware",
    "process_view",
    "process_request",
    "process_response",
    "__call__",
    "perform_*",
    "create",
    "update",
    "partial_update",
    "list",
    "retrieve",
    "destroy",
    "validate",
    "validate_*",
    "to_representation",
    "to_internal_value",
    "authenticate",
    "authenticate_header",
    "prepare_value",
    "label_from_instance",
    "as_sql",
    "as_postgresql",
    # syndication feeds and sitemaps
    "item_*",
    "items",
    "location",
    "lastmod",
    "feed_url",
    "link",
    "title",
    "description",
    # pytest
    "test_*",
    "Test*",
    "pytest_*",
]


def main() -> int:
    vulture = Vulture(verbose=False, ignore_names=IGNORE_NAMES, ignore_decorators=IGNORE_DECORATORS)
    vulture.scavenge([str(ROOT / path) for path in PATHS], exclude=EXCLUDE)
    unused = [
        item
        for item in vulture.get_unused_code(min_confidence=MIN_CONFIDENCE)
        if item.typ not in ("variable", "attribute")
    ]
    for item in unused:
        print(item.get_report())
    return 1 if unused else 0


if __name__ == "__main__":
    sys.exit(main())
