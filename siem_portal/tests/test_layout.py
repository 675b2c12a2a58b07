"""The layout rules of docs/conventions.md that a test can keep."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN_APPS = ("surveys", "impact", "testimonials", "events", "publications")


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_never_import_each_other(app):
    """Apps meet in siem_portal/registry.py; an import across apps would tie their releases together."""
    others = set(DOMAIN_APPS) - {app}
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for module in _imported_modules(path):
            if module.split(".")[0] in others:
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    assert found == []


def test_no_tracked_file_names_a_path_of_one_machine():
    """Docs, benches and scripts give paths relative to the repository."""
    offenders = []
    for folder in ("docs", "bench", ".ci"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".md", ".py", ""}:
                text = path.read_text(encoding="utf-8", errors="ignore")
                if "/work/" in text or "/home/" in text:
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
