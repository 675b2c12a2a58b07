"""Demo content: the two SIEM surveys, open, and synthetic student responses (bulk inserted)."""

import datetime
import random
import time

from django.db import connection, transaction
from django.utils import timezone

from siem_portal.exceptions import ConflictError

from .definition import load_definition
from .enums import PREFER_NOT_TO_SAY, QuestionType, ResponseStatus, SurveyStatus
from .models import Answer, Response, Survey
from .services import survey_create_from_spec, survey_update_wording
from .siem_data import STUDENT
from .siem_translations import siem_specs
from .validation import condition_met

DEMO_INSTITUTIONS = [
    ("universite-libre-demo", "BE", "fr"),
    ("universidad-demo-vigo", "ES", "es"),
    ("masaryk-demo-university", "CZ", "cs"),
    ("riga-demo-university", "LV", "lv"),
]
DEFAULT_DEMO_RESPONSES = 50
TEXTS = [
    "A grant paid before leaving.",
    "Someone to talk to who had done it.",
    "Clear information in my language.",
    "Accessible housing.",
    "Knowing my credits would count.",
]


CREATED, UPDATED, UNCHANGED, KEPT = "created", "wording updated", "unchanged", "kept as it is"


def load_siem_surveys():
    """Create the SIEM surveys when missing and open them; bring existing ones' wording up to date.

    Returns ``(survey, what happened)`` pairs. New or corrected translations reach an existing
    database in place (same version, same questions, answers untouched). A survey whose questions
    were changed in the builder since is kept as it is: the loader never restructures live surveys.
    """
    out = []
    for spec in siem_specs():
        survey = Survey.objects.filter(slug=spec["slug"]).first()
        if survey is None:
            survey = survey_create_from_spec(spec=spec)
            survey.status = SurveyStatus.OPEN
            survey.save(update_fields=["status", "updated_at"])
            out.append((survey, CREATED))
            continue
        try:
            changed = survey_update_wording(survey=survey, spec=spec)
        except ConflictError:
            out.append((survey, KEPT))
        else:
            survey.refresh_from_db()
            out.append((survey, UPDATED if changed else UNCHANGED))
    return out


def _pick(q, rng, bias=None):
    options = [c for c in q.choices if c.code != PREFER_NOT_TO_SAY]
    if q.special_category and rng.random() < 0.06:
        return next(c for c in q.choices if c.code == PREFER_NOT_TO_SAY)
    if bias and bias in {c.code for c in options}:
        return next(c for c in options if c.code == bias)
    return rng.choice(options)


def synthetic_values(definition, rng: random.Random, institution: tuple) -> tuple[dict, list]:
    """Plausible answers for one student, following the survey's conditions. Returns values and rows
    as (question id, choice id, number, text, date) tuples."""
    slug, country, language = institution
    disadvantaged = rng.random() < 0.35
    consent = rng.random() < 0.85
    values: dict = {}
    rows = []
    for q in definition.answerable():
        if q.special_category and not consent:
            continue
        if not condition_met(q.condition, values):
            continue
        if not q.required and rng.random() < 0.08:
            continue
        t = q.type
        if q.choices and t in (QuestionType.SINGLE, QuestionType.YES_NO, QuestionType.LIKERT):
            bias = None
            if q.code == "went_abroad":
                bias = "yes" if rng.random() < (0.15 if disadvantaged else 0.4) else "no"
            elif q.code in ("first_generation", "ethnic_minority", "disability") and disadvantaged:
                bias = "yes" if rng.random() < 0.5 else "no"
            elif q.code in ("first_generation", "ethnic_minority", "lgbtqi", "disability"):
                bias = "yes" if rng.random() < 0.1 else "no"
            elif q.code == "income" and disadvantaged:
                bias = "low"
            elif q.code == "study_level":
                bias = rng.choice(["bachelor", "bachelor", "bachelor", "master", "master", "graduated", "doctorate"])
            c = _pick(q, rng, bias)
            values[q.code] = c.code
            rows.append((q.id, c.id, None, TEXTS[0] if c.is_other else "", None))
        elif t in (QuestionType.MULTIPLE, QuestionType.RANKING):
            options = [c for c in q.choices if c.code != PREFER_NOT_TO_SAY]
            n = (
                len(options)
                if t == QuestionType.RANKING
                else rng.randint(1, min(3, q.validation.get("max_selections") or 3))
            )
            chosen = rng.sample(options, n)
            values[q.code] = [c.code for c in chosen]
            for pos, c in enumerate(chosen, start=1):
                rows.append((q.id, c.id, pos if t == QuestionType.RANKING else None, "", None))
        elif t in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RATING):
            lo = q.validation.get("min", 0)
            hi = q.validation.get("max", 10 if t == QuestionType.RATING else 100)
            if q.code == "age":
                value = rng.randint(18, 30)
            elif q.code in ("graduation_year",):
                value = rng.randint(2015, 2025)
            elif t == QuestionType.DECIMAL:
                value = round(rng.uniform(lo, min(hi, 12)), 1)
            else:
                value = (
                    rng.randint(int(lo), int(min(hi, lo + 20)))
                    if t != QuestionType.RATING
                    else rng.choice([5, 6, 7, 7, 8, 8, 8, 9, 9, 10])
                )
            values[q.code] = value
            rows.append((q.id, None, value, "", None))
        elif t == QuestionType.DATE:
            day = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))
            values[q.code] = day
            rows.append((q.id, None, None, "", day))
        elif t == QuestionType.INSTITUTION:
            values[q.code] = slug
            rows.append((q.id, None, None, slug, None))
        elif t == QuestionType.COUNTRY:
            value = (
                country if q.code == "study_country" else rng.choice(["FR", "DE", "ES", "IT", "PT", "NL", "SE", "PL"])
            )
            values[q.code] = value
            rows.append((q.id, None, None, value, None))
        elif t == QuestionType.LANGUAGE:
            value = language if rng.random() < 0.8 else "en"
            values[q.code] = value
            rows.append((q.id, None, None, value, None))
        elif rng.random() < 0.25:
            values[q.code] = rng.choice(TEXTS)
            rows.append((q.id, None, None, values[q.code], None))
    return {"consent": consent}, rows


def add_synthetic_responses(*, survey: Survey, count: int, seed: int = 2026, batch: int = 2000) -> float:
    """Insert ``count`` submitted synthetic responses with bulk inserts; returns the seconds taken."""
    from accounts.models import Organisation

    started = time.perf_counter()
    definition = load_definition(survey)
    rng = random.Random(seed + Response.objects.filter(survey=survey).count())
    institutions = [
        (inst, Organisation.objects.filter(slug=inst[0]).values_list("id", flat=True).first())
        for inst in DEMO_INSTITUTIONS
    ]
    now = timezone.now()
    done = 0
    while done < count:
        size = min(batch, count - done)
        generated = []
        for _ in range(size):
            inst, org_id = rng.choice(institutions)
            meta, rows = synthetic_values(definition, rng, inst)
            submitted = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 120))
            response = Response(
                survey_id=survey.pk,
                version=survey.version,
                institution_id=org_id,
                language=rng.choice(["en", inst[2], inst[2]]),  # mostly the institution's language
                status=ResponseStatus.SUBMITTED,
                started_at=submitted - datetime.timedelta(minutes=rng.randint(5, 40)),
                submitted_at=submitted,
                consent=meta["consent"],
                consent_version=survey.consent_version,
                consent_at=submitted,
            )
            generated.append((response, rows))
        with transaction.atomic():
            Response.objects.bulk_create([r for r, _ in generated], batch_size=batch)
            # executemany straight into the narrow table: Answer objects would cost 10x the time
            table = connection.ops.quote_name(Answer._meta.db_table)
            columns = "response_id, question_id, choice_id, value_number, value_text, value_date"
            sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608 (model's table name)
            with connection.cursor() as cursor:
                cursor.executemany(
                    sql,
                    [
                        (r.pk, qid, cid, num, text, day.isoformat() if day else None)
                        for r, rows in generated
                        for qid, cid, num, text, day in rows
                    ],
                )
        done += size
    return time.perf_counter() - started


def seed(*, stdout=None, responses: int = 0, **options) -> None:
    loaded = load_siem_surveys()
    student = Survey.objects.get(slug=STUDENT["slug"])
    wanted = max(responses or 0, DEFAULT_DEMO_RESPONSES)
    have = Response.objects.filter(survey=student, status=ResponseStatus.SUBMITTED).count()
    seconds = 0.0
    if wanted > have:
        seconds = add_synthetic_responses(survey=student, count=wanted - have)
    if stdout:
        stdout.write(
            f"surveys: {len(loaded)} SIEM surveys; student survey has {max(wanted, have)} responses"
            + (f" ({wanted - have} added in {seconds:.1f} s)" if wanted > have else "")
        )
