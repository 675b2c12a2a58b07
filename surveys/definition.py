"""A survey's structure loaded once (3 queries) and kept in memory per survey version.

The page, the API, the validation and the seeder all read the definition from here, so taking a
survey costs no query per question.
"""

from dataclasses import dataclass, field

from .enums import QuestionType
from .models import Choice, Question, Section, Survey


@dataclass
class ChoiceDef:
    id: int
    code: str
    label: str
    is_other: bool
    translations: dict

    def tr(self, language):
        return (self.translations.get(language) or {}).get("label") or self.label


@dataclass
class QuestionDef:
    id: int
    code: str
    type: str
    widget: str
    text: str
    help: str
    required: bool
    special_category: bool
    validation: dict
    condition: dict | None
    translations: dict
    section_index: int
    parent_code: str | None = None
    choices: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    def tr(self, name, language):
        return (self.translations.get(language) or {}).get(name) or getattr(self, name)

    def choice(self, code):
        for c in self.choices:
            if c.code == code:
                return c
        return None

    @property
    def answerable(self) -> bool:
        return self.type not in (QuestionType.MATRIX, QuestionType.NOTE)


@dataclass
class SectionDef:
    id: int
    title: str
    description: str
    translations: dict
    questions: list = field(default_factory=list)

    def tr(self, name, language):
        return (self.translations.get(language) or {}).get(name) or getattr(self, name)

    @property
    def special(self) -> bool:
        return any(q.special_category for q in self.questions)


@dataclass
class SurveyDef:
    survey_id: int
    version: int
    sections: list
    by_code: dict
    has_special: bool

    def answerable(self):
        """Every question that takes a value, in order (matrix rows instead of their matrix)."""
        for section in self.sections:
            for q in section.questions:
                if q.type == QuestionType.MATRIX:
                    yield from q.rows
                elif q.answerable:
                    yield q


_cache: dict = {}


def load_definition(survey: Survey) -> SurveyDef:
    key = (survey.pk, survey.version, survey.updated_at)
    cached = _cache.get(survey.pk)
    if cached and cached[0] == key:
        return cached[1]
    sections = [
        SectionDef(s.id, s.title, s.description, s.translations or {})
        for s in Section.objects.filter(survey=survey).order_by("order", "id")
    ]
    index = {s.id: i for i, s in enumerate(sections)}
    questions = list(
        Question.objects.filter(survey=survey, removed_in_version__isnull=True).order_by(
            "section__order", "order", "id"
        )
    )
    choices: dict[int, list] = {}
    for c in Choice.objects.filter(question__survey=survey).order_by("order", "id"):
        choices.setdefault(c.question_id, []).append(ChoiceDef(c.id, c.code, c.label, c.is_other, c.translations or {}))
    by_id, by_code = {}, {}
    for q in questions:
        qd = QuestionDef(
            q.id,
            q.code,
            q.type,
            q.widget,
            q.text,
            q.help,
            q.required,
            q.special_category,
            q.validation or {},
            q.condition,
            q.translations or {},
            index[q.section_id],
            choices=choices.get(q.id, []),
        )
        by_id[q.id] = qd
        by_code[q.code] = qd
    for q in questions:
        qd = by_id[q.id]
        if q.parent_id:
            parent = by_id.get(q.parent_id)
            if parent is None:
                continue
            qd.parent_code = parent.code
            qd.choices = parent.choices
            qd.condition = qd.condition or parent.condition
            qd.special_category = qd.special_category or parent.special_category
            parent.rows.append(qd)
        else:
            sections[index[q.section_id]].questions.append(qd)
    definition = SurveyDef(
        survey.pk, survey.version, sections, by_code, any(q.special_category for q in by_id.values())
    )
    _cache[survey.pk] = (key, definition)
    return definition
