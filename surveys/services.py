"""Every write of the surveys app: definitions, versions, responses, consent, invitations."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from siem_portal.exceptions import ApplicationError, ConflictError, ForbiddenError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit

from .definition import load_definition
from .enums import (
    CHOICE_TYPES,
    PREFER_NOT_TO_SAY,
    Access,
    InvitationStatus,
    Operator,
    QuestionType,
    ResponseStatus,
    SurveyStatus,
)
from .models import MIN_K, Answer, Choice, Invitation, Participation, Question, Response, Section, Survey
from .validation import answer_rows, stored_answers, validate_answers, values_from_rows

SURVEY_FIELDS = (
    "title",
    "description",
    "audience",
    "access",
    "anonymous",
    "languages",
    "consent_text",
    "consent_version",
    "k",
    "opens_at",
    "closes_at",
    "retention_until",
    "reminder_days",
    "translations",
)
WORDING_FIELDS = {"title", "description", "text", "help", "label", "translations", "consent_text", "consent_version"}
# the options every yes/no and special-category question gets, in the portal's six languages
YES_NO = [
    (
        "yes",
        "Yes",
        {
            "fr": {"label": "Oui"},
            "es": {"label": "Sí"},
            "nl": {"label": "Ja"},
            "cs": {"label": "Ano"},
            "lv": {"label": "Jā"},
        },
    ),
    (
        "no",
        "No",
        {
            "fr": {"label": "Non"},
            "es": {"label": "No"},
            "nl": {"label": "Nee"},
            "cs": {"label": "Ne"},
            "lv": {"label": "Nē"},
        },
    ),
]
PREFER_NOT = (
    "Prefer not to say",
    {
        "fr": {"label": "Je préfère ne pas répondre"},
        "es": {"label": "Prefiero no contestar"},
        "nl": {"label": "Zeg ik liever niet"},
        "cs": {"label": "Nechci uvést"},
        "lv": {"label": "Nevēlos atbildēt"},
    },
)


# --- definitions ----------------------------------------------------------------------------------


def _spec_errors(spec: dict) -> dict:
    """Structural checks of a survey specification; returns errors keyed by question code or field."""
    errors: dict = {}
    seen: list = []
    types = set(QuestionType.values)
    operators = set(Operator.values)
    if not isinstance(spec.get("sections"), list) or not spec["sections"]:
        errors["sections"] = [_("A survey needs at least one section.")]
        return errors
    for si, section in enumerate(spec["sections"]):
        if not isinstance(section, dict) or not str(section.get("title", "")).strip():
            errors[f"sections.{si}"] = [_("Every section needs a title.")]
            continue
        for qi, q in enumerate(section.get("questions") or []):
            if not isinstance(q, dict):
                errors[f"sections.{si}.questions.{qi}"] = [_("A question must be an object.")]
                continue
            code = str(q.get("code", ""))
            key = code or f"sections.{si}.questions.{qi}"
            problems = []
            if not code or slugify(code).replace("-", "_") != code.replace("-", "_") or len(code) > 64:
                problems.append(_("A code is made of letters, digits and underscores."))
            if code in seen:
                problems.append(_("This code is used by another question of the survey."))
            if q.get("type") not in types:
                problems.append(_("Unknown question type %(t)s.") % {"t": q.get("type")})
            if not str(q.get("text", "")).strip():
                problems.append(_("A question needs a text."))
            choices = q.get("choices") or []
            codes = [c.get("code") for c in choices if isinstance(c, dict)]
            if len(set(codes)) != len(codes) or len(codes) != len(choices):
                problems.append(_("Choice codes must be unique within the question."))
            if q.get("type") in CHOICE_TYPES - {QuestionType.YES_NO} | {QuestionType.MATRIX} and not choices:
                problems.append(_("This type of question needs choices."))
            if q.get("type") == QuestionType.MATRIX:
                rows = q.get("rows") or []
                if not rows:
                    problems.append(_("A matrix needs rows."))
                for row in rows:
                    rcode = row.get("code") if isinstance(row, dict) else None
                    if not rcode or rcode in seen or rcode == code:
                        problems.append(_("Every matrix row needs its own code, unique in the survey."))
                    else:
                        seen.append(rcode)
            if q.get("special_category") and q.get("type") not in CHOICE_TYPES | {QuestionType.MATRIX}:
                problems.append(
                    _("Special-category questions must be choice questions (to offer “Prefer not to say”).")
                )
            condition = q.get("condition")
            if condition:
                rules = condition.get("all") if isinstance(condition, dict) else None
                if not isinstance(rules, list) or not rules:
                    problems.append(_('A condition is {"all": [rules]}.'))
                else:
                    for rule in rules:
                        if not isinstance(rule, dict) or rule.get("operator") not in operators:
                            problems.append(_("A condition rule needs an operator: equals, in, not, gte or lte."))
                        elif rule.get("question") not in seen:
                            problems.append(
                                _("A condition can only look at an earlier question (%(c)s is not one).")
                                % {"c": rule.get("question")}
                            )
            if problems:
                errors[key] = problems
            if code:
                seen.append(code)
    return errors


def _choices_of(q: dict) -> list:
    """A question's options as stored: yes/no questions without options get Yes and No, and
    special-category questions always offer "Prefer not to say"."""
    choices = list(q.get("choices") or [])
    if q["type"] == QuestionType.YES_NO and not choices:
        choices = [{"code": c, "label": label, "translations": tr} for c, label, tr in YES_NO]
    if q.get("special_category") and not any(c.get("code") == PREFER_NOT_TO_SAY for c in choices):
        choices.append({"code": PREFER_NOT_TO_SAY, "label": PREFER_NOT[0], "translations": PREFER_NOT[1]})
    return choices


def _make_questions(survey: Survey, section: Section, questions: list, *, version: int, start_order: int = 0):
    created = []
    for order, q in enumerate(questions, start=start_order):
        question = Question(
            survey=survey,
            section=section,
            order=order,
            code=q["code"],
            type=q["type"],
            widget=q.get("widget") or "radio",
            text=q["text"],
            help=q.get("help", ""),
            required=bool(q.get("required")),
            special_category=bool(q.get("special_category")),
            validation=q.get("validation") or {},
            condition=q.get("condition") or None,
            translations=q.get("translations") or {},
            since_version=version,
        )
        full_clean_or_raise(question, exclude=["survey", "section", "parent"])
        question.save()
        choices = _choices_of(q)
        Choice.objects.bulk_create(
            [
                Choice(
                    question=question,
                    code=c["code"],
                    label=c.get("label") or c["code"],
                    order=i,
                    is_other=bool(c.get("is_other")),
                    translations=c.get("translations") or {},
                )
                for i, c in enumerate(choices)
            ]
        )
        for i, row in enumerate(q.get("rows") or []):
            Question.objects.create(
                survey=survey,
                section=section,
                parent=question,
                order=i,
                code=row["code"],
                type=QuestionType.LIKERT,
                text=row.get("text") or row["code"],
                required=bool(row.get("required", q.get("required"))),
                special_category=question.special_category,
                translations=row.get("translations") or {},
                since_version=version,
            )
        created.append(question)
    return created


@transaction.atomic
def survey_create_from_spec(*, spec: dict, created_by=None) -> Survey:
    """Create a whole survey (sections, questions, choices) from a specification, all or nothing.

    The specification is the API's definition shape; the SIEM loader, the XLSForm import, the API
    and "duplicate" all go through here, so the same structural checks apply everywhere.
    """
    if not isinstance(spec, dict):
        raise ApplicationError(_("A survey definition must be an object."))
    errors = _spec_errors(spec)
    title = str(spec.get("title", "")).strip()
    if not title:
        errors["title"] = [_("A survey needs a title.")]
    slug = spec.get("slug") or slugify(title)[:180]
    if Survey.objects.filter(slug=slug).exists():
        errors["slug"] = [_("Another survey already uses this address.")]
    if errors:
        raise ApplicationError(_("The survey definition has errors."), errors=errors)
    survey = Survey(slug=slug, title=title, created_by=created_by)
    for name in SURVEY_FIELDS:
        if name in spec and name != "title" and spec[name] is not None:
            setattr(survey, name, spec[name])
    full_clean_or_raise(survey, exclude=["created_by"], message=_("The survey definition has errors."))
    survey.save()
    for order, s in enumerate(spec["sections"]):
        section = Section.objects.create(
            survey=survey,
            order=order,
            title=s["title"],
            description=s.get("description", ""),
            translations=s.get("translations") or {},
        )
        _make_questions(survey, section, s.get("questions") or [], version=1)
    return survey


def survey_to_spec(survey: Survey) -> dict:
    """The survey as a specification (for duplicate, export and the API's manager view)."""
    sections = list(survey.sections.order_by("order", "id"))
    questions = list(Question.objects.filter(survey=survey, removed_in_version__isnull=True).order_by("order", "id"))
    choices: dict = {}
    for c in Choice.objects.filter(question__survey=survey).order_by("order", "id"):
        choices.setdefault(c.question_id, []).append(
            {"code": c.code, "label": c.label, "is_other": c.is_other, "translations": c.translations}
        )
    rows: dict = {}
    for q in questions:
        if q.parent_id:
            rows.setdefault(q.parent_id, []).append({"code": q.code, "text": q.text, "translations": q.translations})
    out = {name: getattr(survey, name) for name in SURVEY_FIELDS}
    for name in ("opens_at", "closes_at", "retention_until"):
        out[name] = out[name].isoformat() if out[name] else None
    out.update(slug=survey.slug, status=survey.status, version=survey.version, sections=[])
    for s in sections:
        qs = []
        for q in questions:
            if q.section_id != s.id or q.parent_id:
                continue
            item = {
                "code": q.code,
                "type": q.type,
                "widget": q.widget,
                "text": q.text,
                "help": q.help,
                "required": q.required,
                "special_category": q.special_category,
                "validation": q.validation,
                "condition": q.condition,
                "translations": q.translations,
                "choices": choices.get(q.id, []),
            }
            if q.type == QuestionType.MATRIX:
                item["rows"] = rows.get(q.id, [])
            qs.append(item)
        out["sections"].append(
            {"title": s.title, "description": s.description, "translations": s.translations, "questions": qs}
        )
    return out


def _has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey=survey).exists()


def _structural_change(survey: Survey) -> None:
    """Before a change of structure: a survey with responses moves to a new version."""
    if _has_responses(survey):
        survey.version += 1
    survey.save()  # touches updated_at, so cached definitions are reloaded


@transaction.atomic
def survey_update(*, survey: Survey, data: dict) -> Survey:
    """Change the survey's own fields. Anonymity cannot be switched off once someone answered."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if "anonymous" in data and survey.anonymous and not data["anonymous"] and _has_responses(survey):
        raise ConflictError(
            _("This survey already has anonymous responses: it cannot stop being anonymous."), field="anonymous"
        )
    if "k" in data and data["k"] is not None and int(data["k"]) < MIN_K:
        raise ApplicationError(_("The disclosure threshold cannot be below 5."), field="k")
    for name in SURVEY_FIELDS:
        if name in data:
            setattr(survey, name, data[name])
    if "slug" in data and data["slug"] != survey.slug:
        if Survey.objects.filter(slug=data["slug"]).exclude(pk=survey.pk).exists():
            raise ApplicationError(_("Another survey already uses this address."), field="slug")
        survey.slug = data["slug"]
    full_clean_or_raise(survey, exclude=["created_by"], message=_("Please correct the survey."))
    survey.save()
    return survey


def survey_create(*, created_by, data: dict) -> Survey:
    spec = {**data, "sections": [{"title": _("Section 1"), "questions": []}]}
    return survey_create_from_spec(spec=spec, created_by=created_by)


def survey_set_status(*, survey: Survey, status: str) -> Survey:
    allowed = {
        SurveyStatus.DRAFT: {SurveyStatus.OPEN, SurveyStatus.ARCHIVED},
        SurveyStatus.OPEN: {SurveyStatus.CLOSED},
        SurveyStatus.CLOSED: {SurveyStatus.OPEN, SurveyStatus.ARCHIVED},
        SurveyStatus.ARCHIVED: set(),
    }
    if status not in allowed[survey.status]:
        raise ConflictError(
            _("A %(from)s survey cannot become %(to)s.")
            % {"from": survey.get_status_display(), "to": SurveyStatus(status).label}
        )
    if status == SurveyStatus.OPEN and not Question.objects.filter(survey=survey).exists():
        raise ApplicationError(_("Add at least one question before publishing."))
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    return survey


def survey_duplicate(*, survey: Survey, created_by) -> Survey:
    spec = survey_to_spec(survey)
    base = f"{survey.slug}-copy"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    spec.update(slug=slug, title=_("%(title)s (copy)") % {"title": survey.title})
    return survey_create_from_spec(spec=spec, created_by=created_by)


def _structure(spec: dict) -> list:
    """What answers depend on: sections, question codes and types, rules, option and row codes.

    Wording (texts, help, labels, translations) is left out: it may change in place."""
    return [
        [
            (
                q["code"],
                q["type"],
                q.get("widget") or "radio",
                bool(q.get("required")),
                bool(q.get("special_category")),
                q.get("validation") or {},
                q.get("condition") or None,
                [(c["code"], bool(c.get("is_other"))) for c in _choices_of(q)],
                [r["code"] for r in q.get("rows") or []],
            )
            for q in s.get("questions") or []
        ]
        for s in spec["sections"]
    ]


SURVEY_WORDING_FIELDS = ("title", "description", "consent_text", "consent_version", "languages", "translations")


def _set_changed(obj, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


@transaction.atomic
def survey_update_wording(*, survey: Survey, spec: dict) -> bool:
    """Bring a survey's wording in line with a specification of the same structure, in place.

    Titles, descriptions, consent text, question texts, help, option labels, matrix rows and their
    translations change; the version, the ids and the stored answers stay as they are. Returns
    whether anything changed. A specification with another structure is a ``ConflictError``: that
    needs the builder, which moves a survey with responses to a new version.
    """
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if _structure(survey_to_spec(survey)) != _structure(spec):
        raise ConflictError(
            _("The survey's questions differ from the definition: only its wording can be updated in place.")
        )
    changed = _set_changed(survey, {name: spec[name] for name in SURVEY_WORDING_FIELDS if name in spec})
    sections = list(survey.sections.order_by("order", "id"))
    questions = {q.code: q for q in Question.objects.filter(survey=survey, removed_in_version__isnull=True)}
    choices = {(c.question_id, c.code): c for c in Choice.objects.filter(question__survey=survey)}
    dirty_sections, dirty_questions, dirty_choices = [], [], []
    for section, s in zip(sections, spec["sections"], strict=True):
        values = {
            "title": s["title"],
            "description": s.get("description") or "",
            "translations": s.get("translations") or {},
        }
        if _set_changed(section, values):
            dirty_sections.append(section)
        for q in s.get("questions") or []:
            question = questions[q["code"]]
            values = {"text": q["text"], "help": q.get("help", ""), "translations": q.get("translations") or {}}
            if _set_changed(question, values):
                dirty_questions.append(question)
            for c in _choices_of(q):
                choice = choices[(question.pk, c["code"])]
                values = {"label": c.get("label") or c["code"], "translations": c.get("translations") or {}}
                if _set_changed(choice, values):
                    dirty_choices.append(choice)
            for row in q.get("rows") or []:
                question = questions[row["code"]]
                values = {"text": row.get("text") or row["code"], "translations": row.get("translations") or {}}
                if _set_changed(question, values):
                    dirty_questions.append(question)
    Section.objects.bulk_update(dirty_sections, ["title", "description", "translations"])
    Question.objects.bulk_update(dirty_questions, ["text", "help", "translations"])
    Choice.objects.bulk_update(dirty_choices, ["label", "translations"])
    changed = changed or bool(dirty_sections or dirty_questions or dirty_choices)
    if changed:
        full_clean_or_raise(survey, exclude=["created_by"])
        survey.save()  # touches updated_at, so cached definitions and pages are rebuilt
    return changed


@transaction.atomic
def section_save(*, survey: Survey, section: Section | None = None, data: dict) -> Section:
    """Add a section (a structural change) or fix a section's wording in place."""
    if section is None:
        _structural_change(survey)
        order = (survey.sections.aggregate(m=Max("order"))["m"] or 0) + 1
        section = Section(survey=survey, order=order)
    for name in ("title", "description", "translations"):
        if name in data:
            setattr(section, name, data[name])
    if not section.title.strip():
        raise ApplicationError(_("A section needs a title."), field="title")
    section.save()
    survey.save(update_fields=["updated_at"])
    return section


@transaction.atomic
def question_add(*, survey: Survey, section: Section, data: dict) -> Question:
    existing = survey_to_spec(survey)
    existing_codes = [q["code"] for s in existing["sections"] for q in s["questions"]]
    existing_codes += [r["code"] for s in existing["sections"] for q in s["questions"] for r in q.get("rows", [])]
    removed = set(
        Question.objects.filter(survey=survey, removed_in_version__isnull=False).values_list("code", flat=True)
    )
    # check the new question as the last one of a survey holding the earlier ones
    spec = {
        "sections": [
            {
                "title": "x",
                "questions": [{"code": c, "type": "short_text", "text": "x"} for c in existing_codes] + [data],
            }
        ]
    }
    errors = _spec_errors(spec)
    if data.get("code") in removed:
        errors[data["code"]] = [_("This code was used by a removed question: choose another.")]
    if errors:
        raise ApplicationError(_("Please correct the question."), errors=errors)
    _structural_change(survey)
    order = (Question.objects.filter(section=section, parent=None).aggregate(m=Max("order"))["m"] or 0) + 1
    return _make_questions(survey, section, [data], version=survey.version, start_order=order)[0]


@transaction.atomic
def question_update(*, question: Question, data: dict) -> Question:
    """Wording (text, help, translations) changes in place; other changes are structural."""
    survey = question.survey
    structural = {k for k in data if k not in WORDING_FIELDS and data[k] != getattr(question, k)}
    if "type" in structural and Answer.objects.filter(question=question).exists():
        raise ConflictError(
            _("This question has answers: its type cannot change. Remove it and add a new question."), field="type"
        )
    if "condition" in structural and data["condition"]:
        spec_q = {**survey_to_spec(survey)}
        earlier = []
        for s in spec_q["sections"]:
            for q in s["questions"]:
                if q["code"] == question.code:
                    break
                earlier.append(q["code"])
                earlier += [r["code"] for r in q.get("rows", [])]
            else:
                continue
            break
        errors = _spec_errors(
            {
                "sections": [
                    {
                        "title": "x",
                        "questions": [{"code": c, "type": "short_text", "text": "x"} for c in earlier]
                        + [
                            {
                                "code": question.code,
                                "type": question.type,
                                "text": question.text,
                                "choices": [{"code": "x"}],
                                "rows": [{"code": question.code + "__row"}],
                                "condition": data["condition"],
                            }
                        ],
                    }
                ]
            }
        )
        if errors:
            raise ApplicationError(_("Please correct the condition."), errors=errors)
    for name, value in data.items():
        if name in {
            "text",
            "help",
            "required",
            "validation",
            "condition",
            "translations",
            "widget",
            "special_category",
        }:
            setattr(question, name, value)
    if not question.text.strip():
        raise ApplicationError(_("A question needs a text."), field="text")
    if structural:
        _structural_change(survey)
    else:
        survey.save(update_fields=["updated_at"])
    question.save()
    if question.special_category and not question.choices.filter(code=PREFER_NOT_TO_SAY).exists():
        order = (question.choices.aggregate(m=Max("order"))["m"] or 0) + 1
        Choice.objects.create(
            question=question, code=PREFER_NOT_TO_SAY, label=PREFER_NOT[0], translations=PREFER_NOT[1], order=order
        )
    return question


@transaction.atomic
def question_remove(*, question: Question) -> None:
    """Delete a question; once answered it is kept for the old answers and leaves the new version."""
    survey = question.survey
    referenced = [
        q.code
        for q in Question.objects.filter(survey=survey, removed_in_version__isnull=True).exclude(condition=None)
        if any(r.get("question") == question.code for r in (q.condition or {}).get("all", []))
    ]
    if referenced:
        raise ConflictError(
            _("Questions %(codes)s depend on this one in their conditions.") % {"codes": ", ".join(referenced)}
        )
    answered = _has_responses(survey)
    _structural_change(survey)
    if answered:
        Question.objects.filter(pk=question.pk).update(removed_in_version=survey.version)
        question.rows.update(removed_in_version=survey.version)
    else:
        question.delete()


def _reorder(items: list, index: int, direction: int) -> bool:
    target = index + direction
    if not 0 <= target < len(items):
        return False
    items[index], items[target] = items[target], items[index]
    for order, item in enumerate(items):
        if item.order != order:
            type(item).objects.filter(pk=item.pk).update(order=order)
    return True


def _check_conditions_still_point_back(survey: Survey) -> None:
    errors = _spec_errors(survey_to_spec(survey))
    if errors:
        raise ConflictError(
            _("After this move a condition would look at a later question: move that question first."),
            errors=errors,
        )


@transaction.atomic
def question_move(*, question: Question, direction: int) -> None:
    """Move a question up (-1) or down (+1) in its section; conditions must still look back."""
    siblings = list(
        Question.objects.filter(section=question.section, parent=None, removed_in_version__isnull=True).order_by(
            "order", "id"
        )
    )
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    if _reorder(siblings, index, direction):
        _check_conditions_still_point_back(question.survey)
        _structural_change(question.survey)


@transaction.atomic
def section_move(*, section: Section, direction: int) -> None:
    sections = list(Section.objects.filter(survey=section.survey).order_by("order", "id"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    if _reorder(sections, index, direction):
        _check_conditions_still_point_back(section.survey)
        _structural_change(section.survey)


@transaction.atomic
def choice_save(*, question: Question, choice: Choice | None = None, data: dict) -> Choice:
    if choice is None:
        code = str(data.get("code", ""))
        if not code or slugify(code).replace("-", "_") != code.replace("-", "_"):
            raise ApplicationError(_("A code is made of letters, digits and underscores."), field="code")
        if question.choices.filter(code=code).exists():
            raise ApplicationError(_("Another option of this question has this code."), field="code")
        _structural_change(question.survey)
        order = (question.choices.aggregate(m=Max("order"))["m"] or 0) + 1
        choice = Choice(question=question, code=code, order=order)
    else:
        question.survey.save(update_fields=["updated_at"])
    for name in ("label", "translations", "is_other"):
        if name in data:
            setattr(choice, name, data[name])
    if not str(choice.label).strip():
        raise ApplicationError(_("An option needs a label."), field="label")
    choice.save()
    return choice


@transaction.atomic
def choice_remove(*, choice: Choice) -> None:
    if Answer.objects.filter(choice=choice).exists():
        raise ConflictError(_("This option has been chosen in responses and cannot be removed."))
    if choice.code == PREFER_NOT_TO_SAY and choice.question.special_category:
        raise ConflictError(_("Special-category questions always offer “Prefer not to say”."))
    _structural_change(choice.question.survey)
    choice.delete()


# --- taking a survey ------------------------------------------------------------------------------


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def survey_check_can_answer(*, survey: Survey, user=None, invitation: Invitation | None = None) -> None:
    """Raise when this person (or invitation) may not answer now; 409 for closed or already answered."""
    if survey.not_yet_open():
        raise ConflictError(_("This survey is not open yet."))
    if not survey.is_open():
        raise ConflictError(_("This survey is closed."))
    signed_in = bool(user and user.is_authenticated)
    if survey.access == Access.SIGNED_IN and not signed_in and invitation is None:
        raise ForbiddenError(_("Please sign in to answer this survey."))
    if survey.access == Access.INVITATION and invitation is None:
        raise ForbiddenError(_("This survey is by invitation only: please use the link you received."))
    if invitation is not None and invitation.survey_id != survey.pk:
        raise ForbiddenError(_("This invitation is for another survey."))
    if invitation is not None and invitation.status == InvitationStatus.FINISHED:
        raise ConflictError(_("This invitation has already been used to answer."))
    if survey.anonymous:
        if signed_in and Participation.objects.filter(survey=survey, user=user).exists():
            raise ConflictError(_("You have already answered this survey. Thank you!"))
    elif (
        signed_in and Response.objects.filter(survey=survey, respondent=user, status=ResponseStatus.SUBMITTED).exists()
    ):
        raise ConflictError(_("You have already answered this survey. Thank you!"))


def _institution_for(definition, values: dict, user):
    from accounts.enums import OrganisationKind
    from accounts.models import Organisation

    for q in definition.answerable():
        if q.type == QuestionType.INSTITUTION and values.get(q.code) not in (None, "other"):
            return Organisation.objects.filter(slug=values[q.code]).first()
    if user is not None and user.is_authenticated:
        return Organisation.objects.filter(memberships__user=user, kind=OrganisationKind.HIGHER_EDUCATION).first()
    return None


def _verified_tie(institution, *, user, invitation: Invitation | None) -> bool:
    """Whether the response's tie to ``institution`` is verified: it came through an invitation the
    institution issued, or from a verified account that is a member of it. Only such responses
    count in the institution's results; others count in survey-wide results only."""
    if institution is None:
        return False
    if invitation is not None and invitation.organisation_id == institution.pk:
        return True
    if user is None or not user.is_authenticated:
        return False
    from accounts.models import Membership
    from accounts.rules import is_verified

    return is_verified(user) and Membership.objects.filter(user=user, organisation=institution).exists()


def _record_finish(*, survey: Survey, response: Response, user, invitation: Invitation | None) -> None:
    now = timezone.now()
    signed_in = bool(user and user.is_authenticated)
    if survey.anonymous and (signed_in or invitation is not None):
        try:
            with transaction.atomic():
                Participation.objects.create(survey=survey, user=user if signed_in else None, invitation=invitation)
        except IntegrityError:
            raise ConflictError(_("You have already answered this survey. Thank you!")) from None
    if invitation is not None:
        Invitation.objects.filter(pk=invitation.pk).update(
            status=InvitationStatus.FINISHED, finished_at=now, started_at=invitation.started_at or now
        )


@transaction.atomic
def response_create(
    *, survey: Survey, answers: dict, consent=None, user=None, invitation=None, language: str = "en"
) -> Response:
    """Validate and store a complete response in one go (the API): all or nothing.

    Costs a bounded number of queries whatever the number of answers (one bulk insert).
    """
    survey_check_can_answer(survey=survey, user=user, invitation=invitation)
    definition = load_definition(survey)
    if consent is not None and not isinstance(consent, bool):
        raise ApplicationError(_("Consent is true or false."), field="consent")
    result = validate_answers(definition, answers, consent=consent, strict=True)
    if not result.ok:
        raise ApplicationError(_("Some answers need correcting."), errors=result.errors)
    signed_in = bool(user and user.is_authenticated)
    if not survey.anonymous and signed_in:
        # an unfinished draft from the pages gives way to the complete answer
        Response.objects.filter(survey=survey, respondent=user, status=ResponseStatus.IN_PROGRESS).delete()
    now = timezone.now()
    institution = _institution_for(definition, result.values, user)
    if institution is None and invitation is not None:
        institution = invitation.organisation
    response = Response(
        survey=survey,
        version=survey.version,
        respondent=user if (signed_in and not survey.anonymous) else None,
        invitation=invitation if not survey.anonymous else None,
        institution=institution,
        # a boolean, not a link: anonymous responses stay apart from who took part
        institution_verified=_verified_tie(institution, user=user, invitation=invitation),
        language=language,
        status=ResponseStatus.SUBMITTED,
        started_at=now,
        submitted_at=now,
    )
    if definition.has_special and consent is not None:
        response.consent, response.consent_version, response.consent_at = consent, survey.consent_version, now
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ConflictError(_("You have already answered this survey. Thank you!")) from None
    Answer.objects.bulk_create(answer_rows(definition, result.values, response.pk), batch_size=500)
    _record_finish(survey=survey, response=response, user=user, invitation=invitation)
    return response


@transaction.atomic
def response_start(*, survey: Survey, user=None, invitation=None, language: str = "en") -> tuple[Response, str]:
    """Open a draft. Returns it and, for anonymous drafts, the resume code to show once."""
    survey_check_can_answer(survey=survey, user=user, invitation=invitation)
    signed_in = bool(user and user.is_authenticated)
    code = ""
    response = Response(survey=survey, version=survey.version, language=language)
    if survey.anonymous:
        code = "-".join(secrets.token_hex(2).upper() for _ in range(4))
        response.resume_code_hash = _hash(code)
    else:
        response.respondent = user if signed_in else None
        response.invitation = invitation
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise ConflictError(_("You have already started this survey.")) from None
    if invitation is not None and invitation.started_at is None:
        Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.STARTED, started_at=timezone.now())
    return response, code


def response_by_resume_code(*, survey: Survey, code: str) -> Response | None:
    if not code or not code.strip():
        return None
    return Response.objects.filter(
        survey=survey, status=ResponseStatus.IN_PROGRESS, resume_code_hash=_hash(code)
    ).first()


def response_values(response: Response) -> dict:
    definition = load_definition(response.survey)
    return values_from_rows(definition, stored_answers(response))


@transaction.atomic
def response_set_consent(*, response: Response, given: bool) -> Response:
    response.consent = bool(given)
    response.consent_version = response.survey.consent_version
    response.consent_at = timezone.now()
    response.save(update_fields=["consent", "consent_version", "consent_at"])
    if not given:
        # declining removes any special-category answer given before
        Answer.objects.filter(response=response, question__special_category=True).delete()
    return response


@transaction.atomic
def response_save_step(*, response: Response, step: int, raw: dict, next_step: int) -> Response:
    """Store one page of answers (a draft). Errors on that page raise; hidden answers are dropped."""
    survey = response.survey
    if response.status != ResponseStatus.IN_PROGRESS:
        raise ConflictError(_("This response has already been submitted."))
    if not survey.is_open():
        raise ConflictError(_("This survey is closed."))
    definition = load_definition(survey)
    section = definition.sections[step]
    codes = set()
    for q in section.questions:
        codes.update(r.code for r in q.rows) if q.rows else codes.add(q.code)
    values = values_from_rows(definition, stored_answers(response))
    for code in list(values):
        if code.removesuffix("__other") in codes:
            del values[code]
    values.update({k: v for k, v in raw.items() if k.removesuffix("__other") in codes})
    result = validate_answers(definition, values, consent=response.consent, strict=False, drop_hidden=True, scope=codes)
    if not result.ok:
        raise ApplicationError(_("Some answers need correcting."), errors=result.errors)
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(answer_rows(definition, result.values, response.pk), batch_size=500)
    response.step = next_step
    response.save(update_fields=["step"])
    return response


@transaction.atomic
def response_submit(*, response: Response, user=None, invitation=None) -> Response:
    """Finish a draft: check every visible required question, then record who took part."""
    survey = response.survey
    if response.status != ResponseStatus.IN_PROGRESS:
        raise ConflictError(_("This response has already been submitted."))
    if not survey.is_open():
        raise ConflictError(_("This survey is closed."))
    definition = load_definition(survey)
    values = values_from_rows(definition, stored_answers(response))
    result = validate_answers(definition, values, consent=response.consent, strict=False, drop_hidden=True)
    if not result.ok:
        raise ApplicationError(_("Some answers need correcting."), errors=result.errors)
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(answer_rows(definition, result.values, response.pk), batch_size=500)
    response.status = ResponseStatus.SUBMITTED
    response.submitted_at = timezone.now()
    response.resume_code_hash = ""
    response.version = survey.version
    response.institution = _institution_for(definition, result.values, user if not survey.anonymous else None)
    if response.institution is None and invitation is not None:
        response.institution = invitation.organisation
    response.institution_verified = _verified_tie(response.institution, user=user, invitation=invitation)
    response.save()
    _record_finish(survey=survey, response=response, user=user, invitation=invitation)
    return response


@transaction.atomic
def response_withdraw(*, response: Response, user) -> None:
    """The respondent takes back a response while the survey is open."""
    if response.respondent_id != user.pk:
        raise ForbiddenError(_("This is not your response."))
    if not response.survey.is_open():
        raise ConflictError(_("The survey is closed: responses can no longer be withdrawn."))
    if response.invitation_id:
        Invitation.objects.filter(pk=response.invitation_id).update(status=InvitationStatus.STARTED, finished_at=None)
    response.delete()


# --- invitations ----------------------------------------------------------------------------------


@transaction.atomic
def invitations_add(
    *, survey: Survey, emails: list[str], users: dict | None = None, organisation=None
) -> list[Invitation]:
    """Store one invitation per new address and send them after commit (by Celery). With
    ``organisation`` the invitations are that institution's: responses through them count for it."""
    from django.core.validators import validate_email

    clean, bad = [], []
    for email in emails:
        email = email.strip().lower()
        if not email:
            continue
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email)
            continue
        if email not in clean:
            clean.append(email)
    if bad:
        raise ApplicationError(
            _("These are not email addresses: %(list)s") % {"list": ", ".join(bad[:10])}, field="emails"
        )
    existing = set(Invitation.objects.filter(survey=survey, email__in=clean).values_list("email", flat=True))
    users = users or {}
    new = Invitation.objects.bulk_create(
        [
            Invitation(survey=survey, email=e, user=users.get(e), organisation=organisation)
            for e in clean
            if e not in existing
        ]
    )
    ids = list(Invitation.objects.filter(survey=survey, email__in=[i.email for i in new]).values_list("id", flat=True))
    from .tasks import task_send_invitation

    for pk in ids:
        enqueue_on_commit(task_send_invitation, pk)
    return new


def invitations_add_organisation(*, survey: Survey, organisation) -> list[Invitation]:
    members = {m.user.email.lower(): m.user for m in organisation.memberships.select_related("user")}
    return invitations_add(survey=survey, emails=list(members), users=members, organisation=organisation)


def invitations_remind(*, survey: Survey) -> int:
    """Queue a reminder to everyone invited who has not finished."""
    from .tasks import task_send_invitation

    ids = list(
        Invitation.objects.filter(
            survey=survey, status__in=[InvitationStatus.SENT, InvitationStatus.STARTED]
        ).values_list("id", flat=True)
    )
    for pk in ids:
        enqueue_on_commit(task_send_invitation, pk, reminder=True)
    return len(ids)


MAX_REMINDERS = 3


def invitations_due_for_reminder(*, now=None) -> list[int]:
    """Invitations of open surveys with scheduled reminders whose last email is old enough."""
    from datetime import timedelta

    now = now or timezone.now()
    due = []
    candidates = Invitation.objects.filter(
        survey__status=SurveyStatus.OPEN,
        survey__reminder_days__isnull=False,
        status__in=[InvitationStatus.SENT, InvitationStatus.STARTED],
        reminders__lt=MAX_REMINDERS,
    ).values_list("id", "sent_at", "reminded_at", "survey__reminder_days")
    for pk, sent_at, reminded_at, days in candidates:
        last = reminded_at or sent_at
        if last is not None and last <= now - timedelta(days=days):
            due.append(pk)
    return due


def invitation_send(*, invitation_id: int, reminder: bool = False) -> None:
    """Email one invitation (or a reminder) once; called by the task."""
    from siem_portal.emails import email_render, email_send

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("survey").get(pk=invitation_id)
        if reminder:
            if invitation.status not in (InvitationStatus.SENT, InvitationStatus.STARTED):
                return
            if invitation.reminded_at and (timezone.now() - invitation.reminded_at).total_seconds() < 3600:
                return
            if invitation.reminders >= MAX_REMINDERS:
                return
        elif invitation.status != InvitationStatus.PENDING:
            return
        language = invitation.user.preferred_language if invitation.user else "en"
        template = "surveys/reminder" if reminder else "surveys/invitation"
        context = {"survey": invitation.survey, "title": invitation.survey.tr("title", language)}
        if invitation.user is not None:
            # people with an account see it in the portal too, and may turn these emails off
            from accounts.services import notification_create

            notification_create(
                recipient=invitation.user,
                kind="surveys_invitation",
                template=template,
                context=context,
                link=invitation.get_link(),
            )
        else:
            rendered = email_render(template, {**context, "link": invitation.get_link()}, language=language)
            email_send(to=[invitation.email], subject=rendered.subject, text=rendered.text, html=rendered.html)
        now = timezone.now()
        if reminder:
            invitation.reminded_at, invitation.reminders = now, invitation.reminders + 1
        else:
            invitation.status, invitation.sent_at = InvitationStatus.SENT, now
        invitation.save()


def responses_purge_expired(*, today=None) -> int:
    """Delete the responses (and participations, invitations) of surveys past their retention date."""
    from .selectors import surveys_past_retention

    total = 0
    for survey in surveys_past_retention(today=today):
        with transaction.atomic():
            total += Response.objects.filter(survey=survey).count()
            Response.objects.filter(survey=survey).delete()
            Participation.objects.filter(survey=survey).delete()
            Invitation.objects.filter(survey=survey).delete()
    return total
