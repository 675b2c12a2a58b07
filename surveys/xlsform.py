"""XLSForm (ODK / KoboToolbox) import and export.

Import reads the ``survey``, ``choices`` and ``settings`` sheets with openpyxl into a survey
specification, collecting every row it cannot map (with its row number) before anything is
created; the specification then goes through ``survey_create_from_spec`` in one transaction.
Export writes the same sheets with xlsxwriter. Types that XLSForm lacks (rating, country, ...) are
kept in an extra ``siem_type`` column that other tools ignore, so a round trip loses nothing.
"""

import copy
import io
import re
import warnings
from dataclasses import dataclass, field

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
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a legacy .xls (OLE2 compound file)


def NOT_A_WORKBOOK() -> str:  # noqa: N802 - a message, translated when it is raised
    return _("This file is not an Excel workbook (.xlsx or .xls).")


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
        raise ApplicationError(NOT_A_WORKBOOK(), field="file") from None


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


@dataclass
class Skipped:
    """A row the portal did not import: its sheet row number, name, type and why."""

    row: int
    name: str
    type: str
    reason: str
    refuses: bool = True  # False for rows that carry no question (device metadata)

    def as_dict(self) -> dict:
        return {"row": self.row, "name": self.name, "type": self.type, "reason": self.reason}


@dataclass
class XLSFormImport:
    spec: dict
    skipped: list = field(default_factory=list)


def _detect_type(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return ".xlsx"
    if data[:8] == OLE_MAGIC:
        return ".xls"
    raise ApplicationError(NOT_A_WORKBOOK(), field="file")


def _check_xlsx_bounds(data: bytes) -> None:
    """The .xlsx limits (archive, rows, columns) checked before pyxform reads the workbook."""
    from openpyxl import load_workbook

    xlsx_check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - the zip or XML reader's own error, whichever it is
        raise ApplicationError(NOT_A_WORKBOOK(), field="file") from None
    try:
        for name in workbook.sheetnames:
            _rows(workbook[name])
    finally:
        workbook.close()


def _check_row_count(workbook) -> None:
    for sheet in ("survey", "choices", "settings"):
        rows = getattr(workbook, sheet, None) or []
        if len(rows) + 1 > MAX_ROWS:
            raise ApplicationError(
                _("The sheet “%(sheet)s” has a value in row %(row)d: an XLSForm may have at most %(limit)d rows.")
                % {"sheet": sheet, "row": len(rows) + 1, "limit": MAX_ROWS},
                field="file",
            )


def _read_workbook(data: bytes):
    """The workbook as pyxform reads it (.xlsx or .xls), after the upload limits are checked."""

    file_type = _detect_type(data)
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it does not read (extensions, data validation)
        warnings.simplefilter("ignore", UserWarning)
        return _read_checked(data, file_type)


def _read_checked(data: bytes, file_type: str):
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform

    if file_type == ".xlsx":
        _check_xlsx_bounds(data)
    try:
        workbook = get_xlsform(data, file_type=file_type)
    except PyXFormError as exc:
        if str(exc).startswith("Argument 'definition'"):  # neither reader could open it
            raise ApplicationError(NOT_A_WORKBOOK(), field="file") from None
        raise ApplicationError(
            _("This XLSForm is not valid: %(error)s") % {"error": str(exc)[:500]}, field="file"
        ) from None
    _check_row_count(workbook)
    return workbook


def _pyxform_check(workbook) -> None:
    """Refuse what pyxform (ODK's converter) refuses, with its message."""
    from pyxform.builder import create_survey_element_from_dict
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json

    try:
        survey = create_survey_element_from_dict(workbook_to_json(copy.deepcopy(workbook), form_name="data"))
        survey.to_xml(validate=False, pretty_print=False)
    except (PyXFormError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ApplicationError(
            _("This XLSForm is not valid: %(error)s") % {"error": str(exc)[:500]}, field="file"
        ) from None


def _sheet(workbook, name: str, aliases_map: dict, columns: set, default_language: str) -> list:
    from pyxform.parsing.sheet_headers import dealias_and_group_headers

    rows = getattr(workbook, name, None)
    if not rows:
        return []
    return list(
        dealias_and_group_headers(
            sheet_name=name,
            sheet_data=copy.deepcopy(rows),
            sheet_header=getattr(workbook, f"{name}_header", None) or [{}],
            header_aliases=aliases_map,
            header_columns=columns,
            default_language=default_language,
            add_row_number=True,
        ).data
    )


def _lower_keys(row: dict) -> dict:
    return {str(key).lower(): value for key, value in row.items()}


def _read_sheets(workbook) -> tuple[dict, list, list]:
    from pyxform import aliases
    from pyxform.question import MultipleChoiceQuestion, Option

    settings = _lower_keys((workbook.settings or [{}])[0]) if workbook.settings else {}
    default_language = settings.get("default_language") or DEFAULT
    survey = _sheet(
        workbook, "survey", aliases.survey_header, set(MultipleChoiceQuestion.get_slot_names()), default_language
    )
    choices = _sheet(workbook, "choices", aliases.list_header, set(Option.get_slot_names()), default_language)
    return settings, [_lower_keys(r) for r in survey], [_lower_keys(r) for r in choices]


DEFAULT = "default"


def _code(name) -> str:
    """An XLSForm name (letters, digits, ``_``, ``-``, ``.``) as a portal code (lower case, ``_``)."""
    return slugify(str(name).replace(".", "_")).replace("-", "_")[:64]


def _texts(value, default_language: str) -> tuple[str, dict]:
    """The English (or default-language) text of a column and its translations by language code."""
    if not value:
        return "", {}
    if isinstance(value, str):
        value = {DEFAULT: value}
    texts = {}
    for language, text in value.items():
        code = _language(default_language if language == DEFAULT else str(language)) or "en"
        texts.setdefault(code, str(text))
    main = texts.get("en") or next(iter(texts.values()), "")
    return main, {lang: text for lang, text in texts.items() if lang != "en"}


def _choice_lists(choices: list, default_language: str) -> dict:
    lists: dict = {}
    for item in choices:
        list_name, name = item.get("list name") or item.get("list_name"), item.get("name")
        if not list_name or not name:
            continue  # pyxform refuses a choice without them; empty rows carry none
        label, translations = _texts(item.get("label"), default_language)
        lists.setdefault(str(list_name), []).append(
            {
                "code": _code(name) or str(name),
                "label": label or str(name),
                "is_other": str(item.get("siem_other", "")).lower() in TRUE or name == "other",
                "translations": {lang: {"label": text} for lang, text in translations.items()},
            }
        )
    return lists


METADATA = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
    "background-audio",
}
SIMPLE_TYPES = {**SIMPLE, "string": QuestionType.SHORT_TEXT}
SELECTS = {
    "select one": QuestionType.SINGLE,
    "select all that apply": QuestionType.MULTIPLE,
    "rank": QuestionType.RANKING,
}
REFERENCE = re.compile(r"\$\{([^}]+)\}")


def _unsupported(kind: str) -> str:
    return _("The portal has no question of type “%(type)s”.") % {"type": kind}


class _Reader:
    """Walks the survey rows once, keeping groups on a stack; each row goes to one small handler."""

    def __init__(self, settings: dict, lists: dict):
        self.settings, self.lists = settings, lists
        self.default_language = settings.get("default_language") or DEFAULT
        self.sections: list = []
        self.loose = {"title": settings.get("form_title") or _("Questions"), "questions": [], "translations": {}}
        self.current = None
        self.stack: list = []
        self.skipped: list = []
        self.codes: dict = {}  # XLSForm name -> portal code of every imported question
        self.choice_questions: set = set()

    # -- helpers
    def skip(self, item: dict, reason: str, refuses: bool = True):
        self.skipped.append(Skipped(item["__row"], str(item.get("name", "")), item["type"], reason, refuses))

    def bind(self, item: dict, key: str) -> str:
        return str((item.get("bind") or {}).get(key, "") or "")

    def appearance(self, item: dict) -> str:
        return str((item.get("control") or {}).get("appearance", "") or "")

    def condition(self, item: dict) -> tuple[dict | None, str | None]:
        """The row's relevant as a condition, or the reason it cannot be kept."""
        relevant = self.bind(item, "relevant")
        if not relevant:
            return None, None
        condition = parse_relevant(relevant)
        if condition is None:
            return None, _("This relevant expression cannot be mapped: %(e)s") % {"e": relevant}
        missing = sorted({r["question"] for r in condition["all"]} - set(self.codes))
        if missing:
            return None, _("The relevant expression refers to %(names)s, which is not imported.") % {
                "names": ", ".join(missing)
            }
        return {"all": [self.rule(rule) for rule in condition["all"]]}, None

    def rule(self, rule: dict) -> dict:
        """A rule on XLSForm names as a rule on portal codes (the question's, and its choices')."""
        code = self.codes[rule["question"]]

        def value(v):
            return _code(v) or v if isinstance(v, str) and code in self.choice_questions else v

        values = [value(v) for v in rule["value"]] if isinstance(rule["value"], list) else value(rule["value"])
        return {**rule, "question": code, "value": values}

    def target(self):
        return self.current if self.current is not None else self.loose

    # -- rows
    def read(self, rows: list) -> None:
        for item in rows:
            raw = " ".join(str(item.get("type", "")).split())
            if not raw:
                continue
            item["type"] = raw
            self.row(item, raw.lower())
        if self.loose["questions"]:
            self.sections.insert(0, self.loose)

    def row(self, item: dict, kind: str) -> None:
        if self.stack and self.stack[-1]["kind"] == "skip":
            self.inside_skipped(item, kind)
        elif kind.startswith(("begin ", "begin_")):
            self.begin(item, kind[6:])
        elif kind.startswith(("end ", "end_")) and kind not in METADATA:
            self.end()
        elif kind in METADATA:
            self.skip(item, _("Device metadata: the portal records its own dates and users."), refuses=False)
        elif kind == "calculate":
            self.skip(item, _("The portal does not compute values from other answers."))
        else:
            self.question(item, kind)

    def inside_skipped(self, item: dict, kind: str) -> None:
        group = self.stack[-1]
        if kind.startswith(("begin ", "begin_")):
            self.stack.append({"kind": "skip", "name": group["name"]})
        elif kind.startswith(("end ", "end_")) and kind not in METADATA:
            self.stack.pop()
            return
        self.skip(item, _("Inside “%(name)s”, which is not imported.") % {"name": group["name"]})

    def begin(self, item: dict, control: str) -> None:
        from pyxform import aliases

        name = str(item.get("name", ""))
        if aliases.control.get(control) != "group":
            self.skip(item, _("Repeats are not supported: the portal asks each question once."))
            self.stack.append({"kind": "skip", "name": name})
            return
        condition, problem = self.condition(item)
        if problem:
            self.skip(item, problem)
            self.stack.append({"kind": "skip", "name": name})
            return
        label, label_tr = _texts(item.get("label"), self.default_language)
        if "table-list" in self.appearance(item) or item.get("siem_type") == "matrix":
            self.begin_matrix(item, label, label_tr, condition)
        elif self.current is None:
            self.current = {
                "title": label or name,
                "translations": {lang: {"title": text} for lang, text in label_tr.items()},
                "questions": [],
            }
            self.sections.append(self.current)
            self.stack.append({"kind": "section", "condition": condition})
        else:
            self.stack.append({"kind": "inner", "condition": condition})

    def begin_matrix(self, item: dict, label: str, label_tr: dict, condition) -> None:
        hint, hint_tr = _texts(item.get("hint"), self.default_language)
        name = str(item.get("name", ""))
        matrix = {
            "code": _code(name) or name,
            "type": QuestionType.MATRIX,
            "text": label or name,
            "help": hint,
            "required": False,
            "special_category": str(item.get("siem_special", "")).lower() in TRUE,
            "condition": self.merged(condition),
            "translations": _merge(label_tr, hint_tr),
            "choices": None,
            "rows": [],
        }
        self.stack.append({"kind": "matrix", "question": matrix, "condition": None, "item": item})
        self.target()["questions"].append(matrix)

    def end(self) -> None:
        closed = self.stack.pop() if self.stack else {"kind": "none"}
        if closed["kind"] == "section":
            self.current = None
        if closed["kind"] == "matrix":
            question = closed["question"]
            if question["choices"] is None:
                question["choices"] = []
            if not question["rows"]:
                self.target()["questions"].remove(question)
                self.skip(closed["item"], _("A table-list group with no select_one row has nothing to ask."))
            else:
                self.codes[closed["item"]["name"]] = question["code"]

    def merged(self, condition) -> dict | None:
        conditions = [g["condition"] for g in self.stack if g.get("condition")] + ([condition] if condition else [])
        return {"all": [r for c in conditions for r in c["all"]]} if conditions else None

    def question_type(self, item: dict, kind: str) -> tuple[str | None, list, str | None]:
        """The portal type and choices of a row, or the reason it cannot be imported."""
        from pyxform import aliases
        from pyxform.xls2json import RE_SELECT

        match = RE_SELECT.match(item["type"])
        if match:
            command = aliases.select.get(match.group("select_command").lower(), "")
            if command not in SELECTS:
                return None, [], _unsupported(item["type"])
            if item.get("choice_filter"):
                return None, [], _("Choice filters are not supported: every choice would be shown.")
            choices = [dict(c) for c in self.lists.get(match.group("list_name"), [])]
            if not choices:
                return (
                    None,
                    [],
                    _("The choice list %(l)s is missing from the choices sheet.") % {"l": match.group("list_name")},
                )
            if match.group("specify_other"):
                choices.append({"code": "other", "label": "Other", "is_other": True, "translations": {}})
            return SELECTS[command], choices, None
        if kind not in SIMPLE_TYPES:
            return None, [], _unsupported(item["type"])
        qtype = SIMPLE_TYPES[kind]
        if qtype == QuestionType.SHORT_TEXT and "multiline" in self.appearance(item):
            qtype = QuestionType.LONG_TEXT
        return qtype, [], None

    def question(self, item: dict, kind: str) -> None:
        qtype, choices, problem = self.question_type(item, kind)
        condition, problem = (None, problem) if problem else self.condition(item)
        validation = {}
        if not problem and self.bind(item, "constraint"):
            validation = parse_constraint(self.bind(item, "constraint"))
            if validation is None:
                problem = _("This constraint cannot be mapped: %(e)s") % {"e": self.bind(item, "constraint")}
        if not problem and self.bind(item, "calculate"):
            problem = _("The portal does not compute values from other answers.")
        if not problem:
            problem = self.code_problem(item)
        if problem:
            self.skip(item, problem)
            return
        siem_type = str(item.get("siem_type", ""))
        if siem_type in QuestionType.values:
            qtype = siem_type
        if qtype == QuestionType.RATING:
            validation = {
                k: v for k, v in validation.items() if not (k == "min" and v == 0) and not (k == "max" and v == 10)
            }
        self.add(item, qtype, choices, validation, condition)

    def code_problem(self, item: dict) -> str | None:
        code = _code(item.get("name", ""))
        if not code:
            return _("The name “%(name)s” cannot be a question code.") % {"name": item.get("name", "")}
        if code in self.codes.values():
            return _("The name “%(name)s” is the same code as an earlier question.") % {"name": item.get("name", "")}
        return None

    def add(self, item: dict, qtype: str, choices: list, validation: dict, condition) -> None:
        label, label_tr = _texts(item.get("label"), self.default_language)
        hint, hint_tr = _texts(item.get("hint"), self.default_language)
        code = _code(item["name"])
        question = {
            "code": code,
            "type": qtype,
            "widget": "dropdown" if "minimal" in self.appearance(item) else "radio",
            "text": label or code,
            "help": hint,
            "required": self.bind(item, "required").lower() in TRUE,
            "special_category": str(item.get("siem_special", "")).lower() in TRUE,
            "validation": validation,
            "condition": self.merged(condition),
            "translations": _merge(label_tr, hint_tr),
            "choices": choices,
        }
        if self.stack and self.stack[-1]["kind"] == "matrix":
            self.add_matrix_row(item, question)
            return
        self.codes[str(item["name"])] = code
        if choices:
            self.choice_questions.add(code)
        self.target()["questions"].append(question)

    def add_matrix_row(self, item: dict, question: dict) -> None:
        matrix = self.stack[-1]["question"]
        if question["type"] not in (QuestionType.SINGLE, QuestionType.LIKERT):
            self.skip(item, _("A table-list group may only hold select_one rows."))
            return
        if matrix["choices"] is None:
            matrix["choices"] = question["choices"]
        matrix["rows"].append(
            {
                "code": question["code"],
                "text": question["text"],
                "required": question["required"],
                "translations": {
                    lang: {"text": t["text"]} for lang, t in question["translations"].items() if "text" in t
                },
            }
        )
        matrix["required"] = matrix["required"] or question["required"]

    def report_references(self, rows: list) -> None:
        """Labels and hints that name a field which was not imported are listed too."""
        skipped = {s.name for s in self.skipped if s.name}
        kept = {s.row for s in self.skipped}
        for item in rows:
            if item.get("__row") in kept or not item.get("type"):
                continue
            texts = [item.get("label"), item.get("hint")]
            words = " ".join(t if isinstance(t, str) else " ".join(map(str, (t or {}).values())) for t in texts)
            names = sorted(set(REFERENCE.findall(words)) & skipped)
            if names:
                self.skip(
                    item,
                    _("The label shows %(names)s, which is not imported: the reference is kept as written.")
                    % {"names": ", ".join(f"${{{name}}}" for name in names)},
                    refuses=False,
                )


def xlsform_read(data: bytes, *, skip_unsupported: bool = False) -> XLSFormImport:
    """Read an XLSForm (.xlsx or .xls) through pyxform into a survey specification.

    Rows the portal cannot represent refuse the form with their row numbers, or, with
    ``skip_unsupported``, are left out and listed in ``skipped``.
    """
    workbook = _read_workbook(data)
    _pyxform_check(workbook)
    settings, rows, choices = _read_sheets(workbook)
    reader = _Reader(settings, _choice_lists(choices, settings.get("default_language") or DEFAULT))
    reader.read(rows)
    reader.report_references(rows)
    refusing = [s for s in reader.skipped if s.refuses]
    if refusing and not skip_unsupported:
        errors: dict = {}
        for s in refusing:
            errors.setdefault(f"survey:{s.row}", []).append(s.reason)
        raise ApplicationError(
            _(
                "Some rows of the XLSForm cannot be imported. "
                "Send it again with “skip unsupported rows” to import the rest."
            ),
            errors=errors,
        )
    if not any(section["questions"] for section in reader.sections):
        raise ApplicationError(_("This XLSForm has no question the portal can import."), field="file")
    return XLSFormImport(_spec(settings, reader.sections), sorted(reader.skipped, key=lambda s: s.row))


def _spec(settings: dict, sections: list) -> dict:
    sections = [s for s in sections if s["questions"]]
    form_id = str(settings.get("form_id") or settings.get("id_string") or "")
    return {
        "slug": slugify(form_id.replace("_", "-"))[:180] or None,
        "title": str(settings.get("form_title") or settings.get("title") or sections[0]["title"]),
        "languages": sorted({lang for s in sections for q in s["questions"] for lang in q["translations"]} | {"en"}),
        "translations": {},
        "sections": sections,
    }


def xlsform_to_spec(data: bytes, *, skip_unsupported: bool = False) -> dict:
    """The survey specification of an XLSForm (see ``xlsform_read``)."""
    return xlsform_read(data, skip_unsupported=skip_unsupported).spec


def _merge(label_tr: dict, hint_tr: dict) -> dict:
    out: dict = {}
    for lang, text in label_tr.items():
        out.setdefault(lang, {})["text"] = text
    for lang, text in hint_tr.items():
        out.setdefault(lang, {})["help"] = text
    return out


NATURAL = {
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
SELECT_KINDS = {
    QuestionType.SINGLE: "select_one",
    QuestionType.YES_NO: "select_one",
    QuestionType.LIKERT: "select_one",
    QuestionType.MULTIPLE: "select_multiple",
    QuestionType.RANKING: "rank",
}
# types XLSForm lacks, kept in the siem_type column that other tools ignore
SIEM_TYPES = {
    QuestionType.YES_NO,
    QuestionType.LIKERT,
    QuestionType.RATING,
    QuestionType.COUNTRY,
    QuestionType.LANGUAGE,
    QuestionType.INSTITUTION,
}


def _languages(spec: dict) -> list:
    languages = [lang for lang in (spec.get("languages") or []) if lang != "en"]
    for s in spec["sections"]:
        for q in s["questions"]:
            languages += [lang for lang in q.get("translations", {}) if lang not in languages and lang != "en"]
    return languages


class _Writer:
    """Writes the survey, choices and settings sheets, one small method per kind of row."""

    def __init__(self, workbook, languages: list):
        self.languages = languages
        self.survey_sheet = workbook.add_worksheet("survey")
        self.choices_sheet = workbook.add_worksheet("choices")
        self.settings_sheet = workbook.add_worksheet("settings")
        names = [f"{LANGUAGE_LABELS.get(lang, lang)}" for lang in languages]
        self.headers = ["type", "name", "label::English (en)"] + [f"label::{n}" for n in names]
        self.headers += ["hint::English (en)"] + [f"hint::{n}" for n in names]
        self.headers += ["required", "relevant", "constraint", "appearance", "siem_type", "siem_special"]
        self.choice_headers = ["list_name", "name", "label::English (en)"] + [f"label::{n}" for n in names]
        self.choice_headers += ["siem_other"]
        self.survey_sheet.write_row(0, 0, self.headers)
        self.choices_sheet.write_row(0, 0, self.choice_headers)
        self.row_number, self.choice_number = 1, 1

    def write(self, values: dict) -> None:
        self.survey_sheet.write_row(self.row_number, 0, [values.get(h, "") for h in self.headers])
        self.row_number += 1

    def labels(self, base: str, text: str, translations: dict, key: str) -> dict:
        out = {f"{base}::English (en)": text}
        for lang in self.languages:
            value = (translations.get(lang) or {}).get(key)
            if value:
                out[f"{base}::{LANGUAGE_LABELS.get(lang, lang)}"] = value
        return out

    def write_list(self, name: str, choices: list) -> None:
        for c in choices:
            values = {"list_name": name, "name": c["code"], "siem_other": "yes" if c.get("is_other") else ""}
            values.update(self.labels("label", c["label"], c.get("translations") or {}, "label"))
            self.choices_sheet.write_row(self.choice_number, 0, [values.get(h, "") for h in self.choice_headers])
            self.choice_number += 1

    def section(self, index: int, section: dict) -> None:
        values = {"type": "begin group", "name": f"section_{index}", "appearance": "field-list"}
        values.update(self.labels("label", section["title"], section.get("translations") or {}, "title"))
        self.write(values)
        for q in section["questions"]:
            self.question(q)
        self.write({"type": "end group", "name": f"section_{index}"})

    def question(self, q: dict) -> None:
        base = {
            "name": q["code"],
            "required": "yes" if q.get("required") else "",
            "relevant": format_relevant(q.get("condition")),
            "siem_special": "yes" if q.get("special_category") else "",
        }
        base.update(self.labels("label", q["text"], q.get("translations") or {}, "text"))
        base.update(self.labels("hint", q.get("help") or "", q.get("translations") or {}, "help"))
        if q["type"] == QuestionType.MATRIX:
            self.matrix(q, base)
        elif q["type"] in SELECT_KINDS:
            self.select(q, base)
        else:
            self.simple(q, base)

    def matrix(self, q: dict, base: dict) -> None:
        self.write({**base, "type": "begin group", "appearance": "table-list", "siem_type": "matrix", "required": ""})
        self.write_list(q["code"], q["choices"])
        for r in q.get("rows", []):
            row = {
                "type": f"select_one {q['code']}",
                "name": r["code"],
                "required": "yes" if r.get("required", q.get("required")) else "",
            }
            row.update(self.labels("label", r["text"], r.get("translations") or {}, "text"))
            self.write(row)
        self.write({"type": "end group", "name": q["code"]})

    def select(self, q: dict, base: dict) -> None:
        self.write_list(q["code"], q["choices"])
        self.write(
            {
                **base,
                "type": f"{SELECT_KINDS[q['type']]} {q['code']}",
                "constraint": format_constraint(q.get("validation") or {}),
                "appearance": "minimal" if q.get("widget") == "dropdown" else "",
                "siem_type": q["type"] if q["type"] in SIEM_TYPES else "",
            }
        )

    def simple(self, q: dict, base: dict) -> None:
        validation = dict(q.get("validation") or {})
        if q["type"] == QuestionType.RATING:
            validation.setdefault("min", 0)
            validation.setdefault("max", 10)
        self.write(
            {
                **base,
                "type": NATURAL[q["type"]],
                "constraint": format_constraint(validation),
                "appearance": "multiline" if q["type"] == QuestionType.LONG_TEXT else "",
                "siem_type": q["type"] if q["type"] in SIEM_TYPES else "",
            }
        )

    def settings(self, spec: dict) -> None:
        self.settings_sheet.write_row(0, 0, ["form_title", "form_id", "version", "default_language"])
        row = [spec["title"], spec.get("slug") or "", str(spec.get("version", 1)), "English (en)"]
        self.settings_sheet.write_row(1, 0, row)


def spec_to_xlsform(spec: dict) -> bytes:
    """Write a survey specification as an XLSForm workbook that pyxform converts."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    writer = _Writer(workbook, _languages(spec))
    for index, section in enumerate(spec["sections"], start=1):
        writer.section(index, section)
    writer.settings(spec)
    workbook.close()
    return buffer.getvalue()


def survey_import_xlsform(*, data: bytes, slug: str | None = None, created_by=None, skip_unsupported: bool = False):
    """Create a draft survey from an XLSForm; returns the survey and the rows left out (``Skipped``)."""
    from .services import survey_create_from_spec

    result = xlsform_read(data, skip_unsupported=skip_unsupported)
    if slug:
        result.spec["slug"] = slug
    return survey_create_from_spec(spec=result.spec, created_by=created_by), result.skipped
