"""XLSForm (ODK / KoboToolbox) import and export.

Import reads the ``survey``, ``choices`` and ``settings`` sheets with openpyxl into a survey
specification, collecting every row it cannot map (with its row number) before anything is
created; the specification then goes through ``survey_create_from_spec`` in one transaction.
Export writes the same sheets with xlsxwriter. Types that XLSForm lacks (rating, country, ...) are
kept in an extra ``siem_type`` column that other tools ignore, so a round trip loses nothing.
"""

import io
import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from siem_portal.exceptions import ApplicationError
from siem_portal.uploads import xlsx_check_archive

from .enums import QuestionType

LANGUAGE_NAMES = {
    "english": "en",
    "french": "fr",
    "français": "fr",
    "spanish": "es",
    "español": "es",
    "dutch": "nl",
    "czech": "cs",
    "latvian": "lv",
    "german": "de",
    "italian": "it",
    "portuguese": "pt",
}
LANGUAGE_LABELS = {
    "en": "English (en)",
    "fr": "French (fr)",
    "es": "Spanish (es)",
    "nl": "Dutch (nl)",
    "cs": "Czech (cs)",
    "lv": "Latvian (lv)",
}
SIMPLE = {
    "text": QuestionType.SHORT_TEXT,
    "integer": QuestionType.INTEGER,
    "int": QuestionType.INTEGER,
    "decimal": QuestionType.DECIMAL,
    "date": QuestionType.DATE,
    "note": QuestionType.NOTE,
}
TRUE = {"yes", "true", "true()", "1", "y"}


def _language(header_suffix: str) -> str | None:
    suffix = header_suffix.strip()
    match = re.search(r"\(([a-zA-Z]{2,3})\)", suffix)
    if match:
        return match.group(1).lower()[:2]
    if re.fullmatch(r"[a-zA-Z]{2}", suffix):
        return suffix.lower()
    return LANGUAGE_NAMES.get(suffix.lower())


# An XLSForm of a few hundred questions has a few hundred rows. A sheet may declare a range of
# 1,048,576 x 16,384 and have formatted, empty rows far below its data: only the present rows are
# read, each at most MAX_COLUMNS + 1 wide, so such a sheet costs a moment, not minutes.
MAX_ROWS = 5000
MAX_COLUMNS = 300
EXCEL_MAX_ROWS = 1_048_576


def _rows(sheet):
    """The non-empty rows of a sheet as (row number, {header: text}), read lazily.

    Empty rows are skipped wherever they are; a sheet with a value beyond row ``MAX_ROWS`` or in
    column ``MAX_COLUMNS + 1`` is refused with a message rather than cut.
    """
    try:
        return _read_rows(sheet)
    except ApplicationError:
        raise
    except Exception:  # noqa: BLE001 - a damaged or hostile sheet: the XML or zip reader's own error, whichever it is
        raise ApplicationError(_("This file is not an Excel workbook (.xlsx)."), field="file") from None


def _read_rows(sheet):
    sheet.reset_dimensions()  # ignore the declared range; read the rows that are there
    width = MAX_COLUMNS + 1
    headers: list = []
    out = []
    rows = sheet.iter_rows(max_row=EXCEL_MAX_ROWS, max_col=width, values_only=True)
    empty = None  # openpyxl yields one and the same tuple for every missing row: skipped by identity
    for number, row in enumerate(rows, start=1):
        if row is empty:
            continue
        if row.count(None) == len(row):
            empty = row
            continue
        if number > MAX_ROWS:
            raise ApplicationError(
                _("The sheet “%(sheet)s” has a value in row %(row)d: an XLSForm may have at most %(limit)d rows.")
                % {"sheet": sheet.title, "row": number, "limit": MAX_ROWS},
                field="file",
            )
        if len(row) == width and row[-1] is not None:
            raise ApplicationError(
                _("The sheet “%(sheet)s” has a value in column %(column)d of row %(row)d: at most %(limit)d columns.")
                % {"sheet": sheet.title, "column": width, "row": number, "limit": MAX_COLUMNS},
                field="file",
            )
        if not headers:
            headers = [str(h).strip() if h is not None else "" for h in row]
            continue
        item = {
            headers[i]: str(v).strip() for i, v in enumerate(row) if v is not None and i < len(headers) and headers[i]
        }
        if any(item.values()):
            out.append((number, item))
    return headers, out


def _texts(item: dict, base: str, default_language: str) -> tuple[str, dict]:
    """The English (or default-language) text of a column and its translations."""
    texts = {}
    for key, value in item.items():
        if not value:
            continue
        if key == base:
            texts.setdefault(default_language, value)
        elif key.startswith(base + "::"):
            language = _language(key.split("::", 1)[1])
            if language:
                texts[language] = value
    main = texts.get("en") or texts.get(default_language) or next(iter(texts.values()), "")
    return main, {lang: text for lang, text in texts.items() if lang != "en"}


def _ref(expr: str) -> str | None:
    match = re.fullmatch(r"\$\{([A-Za-z_][\w.-]*)\}", expr.strip())
    return match.group(1) if match else None


def _literal(text: str):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    try:
        number = float(text)
        return int(number) if number == int(number) else number
    except ValueError:
        return None


def parse_relevant(expr: str) -> dict | None:
    """``relevant`` to our condition; None when it cannot be mapped."""
    rules = []
    for part in re.split(r"\s+and\s+", expr.strip()):
        part = part.strip()
        if part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        if " or " in part:
            refs, values = set(), []
            for alt in re.split(r"\s+or\s+", part):
                rule = _simple_rule(alt.strip())
                if rule is None or rule["operator"] != "equals":
                    return None
                refs.add(rule["question"])
                values.append(rule["value"])
            if len(refs) != 1:
                return None
            rules.append({"question": refs.pop(), "operator": "in", "value": values})
            continue
        rule = _simple_rule(part)
        if rule is None:
            return None
        rules.append(rule)
    return {"all": rules} if rules else None


def _simple_rule(part: str) -> dict | None:
    match = re.fullmatch(r"not\(\s*selected\(\s*(\$\{[^}]+\})\s*,\s*(.+?)\s*\)\s*\)", part)
    if match:
        ref, value = _ref(match.group(1)), _literal(match.group(2))
        return {"question": ref, "operator": "not", "value": value} if ref and value is not None else None
    match = re.fullmatch(r"selected\(\s*(\$\{[^}]+\})\s*,\s*(.+?)\s*\)", part)
    if match:
        ref, value = _ref(match.group(1)), _literal(match.group(2))
        return {"question": ref, "operator": "equals", "value": value} if ref and value is not None else None
    match = re.fullmatch(r"(\$\{[^}]+\})\s*(>=|<=|!=|=)\s*(.+)", part)
    if match:
        ref, op, value = _ref(match.group(1)), match.group(2), _literal(match.group(3))
        if not ref or value is None:
            return None
        operator = {">=": "gte", "<=": "lte", "!=": "not", "=": "equals"}[op]
        return {"question": ref, "operator": operator, "value": value}
    return None


def format_relevant(condition: dict | None) -> str:
    if not condition:
        return ""
    parts = []
    for rule in condition.get("all", []):
        ref, op, value = "${" + rule["question"] + "}", rule["operator"], rule["value"]

        def lit(v):
            return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else f"'{v}'"

        if op == "equals":
            parts.append(f"selected({ref}, {lit(value)})")
        elif op == "not":
            parts.append(f"not(selected({ref}, {lit(value)}))")
        elif op == "in":
            parts.append("(" + " or ".join(f"selected({ref}, {lit(v)})" for v in value) + ")")
        elif op == "gte":
            parts.append(f"{ref} >= {lit(value)}")
        elif op == "lte":
            parts.append(f"{ref} <= {lit(value)}")
    return " and ".join(parts)


def parse_constraint(expr: str) -> dict | None:
    validation = {}
    for part in re.split(r"\s+and\s+", expr.strip()):
        part = part.strip()
        match = re.fullmatch(r"\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)", part)
        if match:
            number = float(match.group(2))
            number = int(number) if number == int(number) else number
            validation["min" if match.group(1).startswith(">") else "max"] = number
            continue
        match = re.fullmatch(r"\.\s*(>=|<=)\s*date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)", part)
        if match:
            validation["min" if match.group(1) == ">=" else "max"] = match.group(2)
            continue
        match = re.fullmatch(r"string-length\(\s*\.\s*\)\s*<=\s*(\d+)", part)
        if match:
            validation["max_length"] = int(match.group(1))
            continue
        match = re.fullmatch(r"count-selected\(\s*\.\s*\)\s*(<=|>=)\s*(\d+)", part)
        if match:
            validation["max_selections" if match.group(1) == "<=" else "min_selections"] = int(match.group(2))
            continue
        match = re.fullmatch(r"regex\(\s*\.\s*,\s*'(.*)'\s*\)", part)
        if match:
            validation["pattern"] = match.group(1)
            continue
        return None
    return validation


def format_constraint(validation: dict) -> str:
    parts = []
    for key, op in (("min", ">="), ("max", "<=")):
        if isinstance(validation.get(key), str):
            parts.append(f". {op} date('{validation[key]}')")
            validation = {k: v for k, v in validation.items() if k != key}
    if validation.get("min") is not None:
        parts.append(f". >= {validation['min']}")
    if validation.get("max") is not None:
        parts.append(f". <= {validation['max']}")
    if validation.get("max_length"):
        parts.append(f"string-length(.) <= {validation['max_length']}")
    if validation.get("min_selections"):
        parts.append(f"count-selected(.) >= {validation['min_selections']}")
    if validation.get("max_selections"):
        parts.append(f"count-selected(.) <= {validation['max_selections']}")
    if validation.get("pattern"):
        parts.append(f"regex(., '{validation['pattern']}')")
    return " and ".join(parts)


def xlsform_to_spec(data: bytes) -> dict:
    """Read an XLSForm into a survey specification, or raise with every row that cannot be mapped."""
    from openpyxl import load_workbook

    xlsx_check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl's errors for a damaged file are of many kinds
        raise ApplicationError(_("This file is not an Excel workbook (.xlsx)."), field="file") from None
    sheets = {name.lower(): workbook[name] for name in workbook.sheetnames}
    if "survey" not in sheets:
        raise ApplicationError(_("An XLSForm needs a “survey” sheet."), field="file")
    errors: dict = {}

    def error(sheet, row, message):
        errors.setdefault(f"{sheet}:{row}", []).append(message)

    settings = {}
    if "settings" in sheets:
        _h, rows = _rows(sheets["settings"])
        if rows:
            settings = rows[0][1]
    default_language = _language(settings.get("default_language", "")) or "en"
    lists: dict = {}
    if "choices" in sheets:
        _h, rows = _rows(sheets["choices"])
        for number, item in rows:
            list_name = item.get("list_name") or item.get("list name")
            name = item.get("name")
            if not list_name or not name:
                error("choices", number, _("A choice needs a list_name and a name."))
                continue
            label, translations = _texts(item, "label", default_language)
            code = slugify(name).replace("-", "_") or name
            lists.setdefault(list_name, []).append(
                {
                    "code": code,
                    "label": label or name,
                    "is_other": item.get("siem_other", "").lower() in TRUE or name == "other",
                    "translations": {lang: {"label": text} for lang, text in translations.items()},
                }
            )
    _h, rows = _rows(sheets["survey"])
    sections: list = []
    loose = {"title": settings.get("form_title") or _("Questions"), "questions": [], "translations": {}}
    stack: list = []  # open groups: dicts with kind section/matrix/inner and their relevant
    current = None

    def target():
        return current if current is not None else loose

    for number, item in rows:
        raw_type = item.get("type", "")
        parts = raw_type.split()
        kind = parts[0].lower() if parts else ""
        name = item.get("name", "")
        label, label_tr = _texts(item, "label", default_language)
        hint, hint_tr = _texts(item, "hint", default_language)
        relevant = item.get("relevant", "")
        condition = None
        if relevant:
            condition = parse_relevant(relevant)
            if condition is None:
                error("survey", number, _("This relevant expression cannot be mapped: %(e)s") % {"e": relevant})
        if kind in ("begin", "begin_group") and (
            kind == "begin_group" or (len(parts) > 1 and parts[1].lower() == "group")
        ):
            is_matrix = "table-list" in item.get("appearance", "") or item.get("siem_type") == "matrix"
            if is_matrix:
                matrix = {
                    "code": name,
                    "type": QuestionType.MATRIX,
                    "text": label or name,
                    "help": hint,
                    "required": False,
                    "special_category": item.get("siem_special", "").lower() in TRUE,
                    "condition": condition,
                    "translations": _merge(label_tr, hint_tr),
                    "choices": None,
                    "rows": [],
                }
                stack.append({"kind": "matrix", "question": matrix, "condition": condition})
                target()["questions"].append(matrix)
            elif current is None:
                current = {
                    "title": label or name,
                    "translations": {lang: {"title": text} for lang, text in label_tr.items()},
                    "questions": [],
                }
                sections.append(current)
                stack.append({"kind": "section", "condition": condition})
            else:
                stack.append({"kind": "inner", "condition": condition})
            continue
        if kind in ("end", "end_group") and (kind == "end_group" or (len(parts) > 1 and parts[1].lower() == "group")):
            if not stack:
                error("survey", number, _("“end group” without a “begin group”."))
                continue
            closed = stack.pop()
            if closed["kind"] == "section":
                current = None
            continue
        if (
            kind
            in (
                "start",
                "end",
                "today",
                "deviceid",
                "username",
                "calculate",
                "audit",
                "phonenumber",
                "subscriberid",
                "simserial",
            )
            and not label
        ):
            continue  # metadata rows carry no question
        if not name:
            error("survey", number, _("A question needs a name."))
            continue
        code = name
        siem_type = item.get("siem_type", "")
        choices = None
        if kind in ("select_one", "select_multiple", "rank", "select_one_from_file"):
            list_name = parts[1] if len(parts) > 1 else ""
            if list_name not in lists:
                error(
                    "survey", number, _("The choice list %(l)s is missing from the choices sheet.") % {"l": list_name}
                )
                continue
            choices = [dict(c) for c in lists[list_name]]
            qtype = {
                "select_one": QuestionType.SINGLE,
                "select_multiple": QuestionType.MULTIPLE,
                "rank": QuestionType.RANKING,
            }.get(kind)
            if qtype is None:
                error("survey", number, _("The type %(t)s is not supported.") % {"t": raw_type})
                continue
            if "or_other" in parts:
                choices.append({"code": "other", "label": "Other", "is_other": True, "translations": {}})
        elif kind in SIMPLE:
            qtype = SIMPLE[kind]
            if qtype == QuestionType.SHORT_TEXT and "multiline" in item.get("appearance", ""):
                qtype = QuestionType.LONG_TEXT
        else:
            error("survey", number, _("The type %(t)s is not supported.") % {"t": raw_type})
            continue
        if siem_type in QuestionType.values:
            qtype = siem_type
        validation = {}
        if item.get("constraint"):
            validation = parse_constraint(item["constraint"])
            if validation is None:
                error("survey", number, _("This constraint cannot be mapped: %(e)s") % {"e": item["constraint"]})
                validation = {}
        if qtype == QuestionType.RATING:
            validation = {
                k: v for k, v in validation.items() if not (k == "min" and v == 0) and not (k == "max" and v == 10)
            }
        all_conditions = [g["condition"] for g in stack if g.get("condition")] + ([condition] if condition else [])
        merged = {"all": [r for c in all_conditions for r in c["all"]]} if all_conditions else None
        question = {
            "code": code,
            "type": qtype,
            "widget": "dropdown" if "minimal" in item.get("appearance", "") else "radio",
            "text": label or name,
            "help": hint,
            "required": item.get("required", "").lower() in TRUE,
            "special_category": item.get("siem_special", "").lower() in TRUE,
            "validation": validation,
            "condition": merged,
            "translations": _merge(label_tr, hint_tr),
            "choices": choices or [],
        }
        matrix_group = stack[-1] if stack and stack[-1]["kind"] == "matrix" else None
        if matrix_group is not None:
            matrix = matrix_group["question"]
            if qtype not in (QuestionType.SINGLE, QuestionType.LIKERT):
                error("survey", number, _("A table-list group may only hold select_one rows."))
                continue
            if matrix["choices"] is None:
                matrix["choices"] = question["choices"]
            matrix["rows"].append(
                {
                    "code": code,
                    "text": question["text"],
                    "required": question["required"],
                    "translations": {
                        lang: {"text": t["text"]} for lang, t in question["translations"].items() if "text" in t
                    },
                }
            )
            matrix["required"] = matrix["required"] or question["required"]
            continue
        target()["questions"].append(question)
    if stack:
        error("survey", len(rows) + 1, _("A “begin group” is never closed."))
    if loose["questions"]:
        sections.insert(0, loose)
    for section in sections:
        for q in section["questions"]:
            if q["type"] == QuestionType.MATRIX and q["choices"] is None:
                q["choices"] = []
    if errors:
        raise ApplicationError(_("Some rows of the XLSForm cannot be imported."), errors=errors)
    title = settings.get("form_title") or (sections[0]["title"] if sections else "")
    return {
        "slug": slugify(settings.get("form_id", "").replace("_", "-"))[:180] or None,
        "title": title,
        "languages": sorted({lang for s in sections for q in s["questions"] for lang in q["translations"]} | {"en"}),
        "translations": {},
        "sections": sections,
    }


def _merge(label_tr: dict, hint_tr: dict) -> dict:
    out: dict = {}
    for lang, text in label_tr.items():
        out.setdefault(lang, {})["text"] = text
    for lang, text in hint_tr.items():
        out.setdefault(lang, {})["help"] = text
    return out


def spec_to_xlsform(spec: dict) -> bytes:
    """Write a survey specification as an XLSForm workbook."""
    import xlsxwriter

    languages = [lang for lang in (spec.get("languages") or []) if lang != "en"]
    for s in spec["sections"]:
        for q in s["questions"]:
            languages += [lang for lang in q.get("translations", {}) if lang not in languages and lang != "en"]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    survey_sheet = workbook.add_worksheet("survey")
    choices_sheet = workbook.add_worksheet("choices")
    settings_sheet = workbook.add_worksheet("settings")
    headers = ["type", "name", "label::English (en)"]
    headers += [f"label::{LANGUAGE_LABELS.get(lang, lang)}" for lang in languages]
    headers += ["hint::English (en)"] + [f"hint::{LANGUAGE_LABELS.get(lang, lang)}" for lang in languages]
    headers += ["required", "relevant", "constraint", "appearance", "siem_type", "siem_special"]
    survey_sheet.write_row(0, 0, headers)
    choice_headers = (
        ["list_name", "name", "label::English (en)"]
        + [f"label::{LANGUAGE_LABELS.get(lang, lang)}" for lang in languages]
        + ["siem_other"]
    )
    choices_sheet.write_row(0, 0, choice_headers)
    row_number, choice_number = 1, 1

    def write(values: dict):
        nonlocal row_number
        survey_sheet.write_row(row_number, 0, [values.get(h, "") for h in headers])
        row_number += 1

    def labels(base: str, text: str, translations: dict, key: str) -> dict:
        out = {f"{base}::English (en)": text}
        for lang in languages:
            value = (translations.get(lang) or {}).get(key)
            if value:
                out[f"{base}::{LANGUAGE_LABELS.get(lang, lang)}"] = value
        return out

    def write_list(name: str, choices: list):
        nonlocal choice_number
        for c in choices:
            values = {"list_name": name, "name": c["code"], "siem_other": "yes" if c.get("is_other") else ""}
            values.update(labels("label", c["label"], c.get("translations") or {}, "label"))
            choices_sheet.write_row(choice_number, 0, [values.get(h, "") for h in choice_headers])
            choice_number += 1

    natural = {
        QuestionType.SHORT_TEXT: "text",
        QuestionType.LONG_TEXT: "text",
        QuestionType.INTEGER: "integer",
        QuestionType.DECIMAL: "decimal",
        QuestionType.DATE: "date",
        QuestionType.NOTE: "note",
        QuestionType.RATING: "integer",
        QuestionType.COUNTRY: "text",
        QuestionType.LANGUAGE: "text",
        QuestionType.INSTITUTION: "text",
    }
    for index, s in enumerate(spec["sections"], start=1):
        values = {"type": "begin group", "name": f"section_{index}", "appearance": "field-list"}
        values.update(labels("label", s["title"], s.get("translations") or {}, "title"))
        write(values)
        for q in s["questions"]:
            base = {
                "name": q["code"],
                "required": "yes" if q.get("required") else "",
                "relevant": format_relevant(q.get("condition")),
                "siem_special": "yes" if q.get("special_category") else "",
            }
            base.update(labels("label", q["text"], q.get("translations") or {}, "text"))
            base.update(labels("hint", q.get("help") or "", q.get("translations") or {}, "help"))
            if q["type"] == QuestionType.MATRIX:
                write(
                    {**base, "type": "begin group", "appearance": "table-list", "siem_type": "matrix", "required": ""}
                )
                write_list(q["code"], q["choices"])
                for r in q.get("rows", []):
                    row = {
                        "type": f"select_one {q['code']}",
                        "name": r["code"],
                        "required": "yes" if r.get("required", q.get("required")) else "",
                    }
                    row.update(labels("label", r["text"], r.get("translations") or {}, "text"))
                    write(row)
                write({"type": "end group", "name": q["code"]})
                continue
            if q["type"] in (
                QuestionType.SINGLE,
                QuestionType.YES_NO,
                QuestionType.LIKERT,
                QuestionType.MULTIPLE,
                QuestionType.RANKING,
            ):
                kind = {QuestionType.MULTIPLE: "select_multiple", QuestionType.RANKING: "rank"}.get(
                    q["type"], "select_one"
                )
                write_list(q["code"], q["choices"])
                extra = (
                    ""
                    if q["type"] == QuestionType.SINGLE
                    or q["type"] == QuestionType.MULTIPLE
                    or q["type"] == QuestionType.RANKING
                    else q["type"]
                )
                write(
                    {
                        **base,
                        "type": f"{kind} {q['code']}",
                        "constraint": format_constraint(q.get("validation") or {}),
                        "appearance": "minimal" if q.get("widget") == "dropdown" else "",
                        "siem_type": extra,
                    }
                )
                continue
            validation = dict(q.get("validation") or {})
            if q["type"] == QuestionType.RATING:
                validation.setdefault("min", 0)
                validation.setdefault("max", 10)
            write(
                {
                    **base,
                    "type": natural[q["type"]],
                    "constraint": format_constraint(validation),
                    "appearance": "multiline" if q["type"] == QuestionType.LONG_TEXT else "",
                    "siem_type": q["type"]
                    if q["type"]
                    in (QuestionType.RATING, QuestionType.COUNTRY, QuestionType.LANGUAGE, QuestionType.INSTITUTION)
                    else "",
                }
            )
        write({"type": "end group", "name": f"section_{index}"})
    settings_sheet.write_row(0, 0, ["form_title", "form_id", "version", "default_language"])
    settings_sheet.write_row(1, 0, [spec["title"], spec.get("slug") or "", str(spec.get("version", 1)), "English (en)"])
    workbook.close()
    return buffer.getvalue()


def survey_import_xlsform(*, data: bytes, slug: str | None = None, created_by=None):
    from .services import survey_create_from_spec

    spec = xlsform_to_spec(data)
    if slug:
        spec["slug"] = slug
    return survey_create_from_spec(spec=spec, created_by=created_by)
