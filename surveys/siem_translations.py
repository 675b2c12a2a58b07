"""The SIEM surveys in every language the portal speaks.

``siem_data.py`` holds the structure with English and French; every other language is one JSON
file, ``surveys/content/siem_<language>.json``, so a translator works in one file and never touches
the structure. The loader (``load_siem_surveys``, ``seed_demo``) merges the files into each text's
``translations``. A file looks like this (``python manage.py load_siem_surveys --english-template``
prints it with the English texts, to start a new language)::

    {
      "shared_labels": {"<English option label>": "<translation>"},
      "<survey slug>": {
        "title": "...", "description": "...", "consent_text": "...",
        "sections": [{"title": "...", "description": "..."}],
        "questions": {
          "<question code>": {
            "text": "...", "help": "...",
            "choices": {"<option code>": "..."},
            "rows": {"<matrix row code>": "..."}
          }
        }
      }
    }

``shared_labels`` translates the options several questions share (the agreement and importance
scales, "Other, please specify"); an option of a question's own ``choices`` wins over it. Sections
are listed in their order. Keys that match nothing in the survey are reported by
:func:`content_problems` (a test fails on them), so a renamed code cannot leave a translation behind
unnoticed.
"""

import copy
import json
from functools import cache
from pathlib import Path

from .siem_data import SURVEYS

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SURVEY_FIELDS = ("title", "description", "consent_text")


def content_files() -> dict[str, Path]:
    """``{language: path}`` of every translation file."""
    return {path.stem.removeprefix("siem_"): path for path in sorted(CONTENT_DIR.glob("siem_*.json"))}


@cache
def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _put(item: dict, language: str, field: str, value) -> None:
    if isinstance(value, str) and value.strip():
        item.setdefault("translations", {}).setdefault(language, {})[field] = value.strip()


def _merge(spec: dict, language: str, content: dict, shared: dict, used: set, problems: list) -> None:
    where = f"{language}: {spec['slug']}"
    unknown = set(content) - {*SURVEY_FIELDS, "sections", "questions"}
    problems += [f"{where}: unknown key {key!r}" for key in sorted(unknown)]
    for field in SURVEY_FIELDS:
        _put(spec, language, field, content.get(field))
    sections = content.get("sections") or []
    if len(sections) > len(spec["sections"]):
        problems.append(f"{where}: {len(sections)} sections translated, the survey has {len(spec['sections'])}")
    for section, tr in zip(spec["sections"], sections, strict=False):
        problems += [f"{where}: unknown section key {key!r}" for key in sorted(set(tr) - {"title", "description"})]
        _put(section, language, "title", tr.get("title"))
        _put(section, language, "description", tr.get("description"))
    questions = {q["code"]: q for section in spec["sections"] for q in section["questions"]}
    translated = content.get("questions") or {}
    for code in sorted(set(translated) - set(questions)):
        problems.append(f"{where}: no question {code!r}")
    for code, q in questions.items():
        tr = translated.get(code) or {}
        problems += [
            f"{where}.{code}: unknown key {key!r}" for key in sorted(set(tr) - {"text", "help", "choices", "rows"})
        ]
        _put(q, language, "text", tr.get("text"))
        _put(q, language, "help", tr.get("help"))
        own = tr.get("choices") or {}
        problems += [f"{where}.{code}: no option {c!r}" for c in sorted(set(own) - {c["code"] for c in q["choices"]})]
        for choice in q["choices"]:
            label = own.get(choice["code"])
            if not label and choice["label"] in shared:
                label = shared[choice["label"]]
                used.add(choice["label"])
            _put(choice, language, "label", label)
        rows = tr.get("rows") or {}
        problems += [
            f"{where}.{code}: no row {r!r}" for r in sorted(set(rows) - {r["code"] for r in q.get("rows") or []})
        ]
        for row in q.get("rows") or []:
            _put(row, language, "text", rows.get(row["code"]))


def _build() -> tuple[list[dict], list[str]]:
    specs = copy.deepcopy(SURVEYS)
    problems: list[str] = []
    for language, path in content_files().items():
        content = _read(path)
        shared = content.get("shared_labels") or {}
        used: set = set()
        by_slug = {spec["slug"]: spec for spec in specs}
        for key in sorted(set(content) - {"shared_labels"} - set(by_slug)):
            problems.append(f"{language}: no survey {key!r}")
        for slug, spec in by_slug.items():
            _merge(spec, language, content.get(slug) or {}, shared, used, problems)
        problems += [f"{language}: shared label {label!r} is used by no option" for label in sorted(set(shared) - used)]
    return specs, problems


def siem_specs() -> list[dict]:
    """Both SIEM surveys with every language's translations merged in (fresh copies)."""
    return _build()[0]


def content_problems() -> list[str]:
    """Keys of the translation files that match nothing in the surveys."""
    return _build()[1]


def english_template() -> dict:
    """A translation file with the English texts in place: the start of a new language."""
    labels: dict = {}
    for spec in SURVEYS:
        for section in spec["sections"]:
            for q in section["questions"]:
                for choice in q["choices"]:
                    labels[choice["label"]] = labels.get(choice["label"], 0) + 1
    shared = {label for label, n in labels.items() if n > 1}
    out: dict = {"shared_labels": {label: label for label in sorted(shared)}}
    for spec in SURVEYS:
        item: dict = {field: spec[field] for field in SURVEY_FIELDS if spec.get(field)}
        item["sections"] = [
            {"title": s["title"], **({"description": s["description"]} if s.get("description") else {})}
            for s in spec["sections"]
        ]
        item["questions"] = {}
        for section in spec["sections"]:
            for q in section["questions"]:
                entry: dict = {"text": q["text"]}
                if q.get("help"):
                    entry["help"] = q["help"]
                own = {c["code"]: c["label"] for c in q["choices"] if c["label"] not in shared}
                if own:
                    entry["choices"] = own
                if q.get("rows"):
                    entry["rows"] = {r["code"]: r["text"] for r in q["rows"]}
                item["questions"][q["code"]] = entry
        out[spec["slug"]] = item
    return out
