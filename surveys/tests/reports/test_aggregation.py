"""Counts against an independent computation from the raw rows; filters; scoping; suppression."""

import datetime
import itertools
from collections import Counter

import pytest
from django.utils import timezone

from surveys.definition import load_definition
from surveys.disclosure import published_values, suppress_table
from surveys.enums import ResponseStatus
from surveys.models import Answer
from surveys.reports.aggregation import Filters, api_shape, survey_results
from surveys.tests.factories import make_survey

from .conftest import fill
from .helpers import add_response

pytestmark = pytest.mark.django_db


def raw_choice_counts(survey, institution=None, language=None):
    """The counts recomputed in Python from every Answer row, one by one."""
    counts = Counter()
    rows = Answer.objects.filter(
        response__survey=survey, response__status=ResponseStatus.SUBMITTED, choice__isnull=False
    )
    if institution:
        rows = rows.filter(response__institution=institution)
    if language:
        rows = rows.filter(response__language=language)
    for answer in rows.select_related("question", "choice"):
        if answer.question.type == "ranking" and answer.value_number != 1:
            continue
        counts[(answer.question.code, answer.choice.code)] += 1
    return counts


def test_counts_equal_an_independent_computation(survey):
    results = survey_results(survey=survey)
    expected = raw_choice_counts(survey)
    assert results["responses"] == 65
    checked = 0
    for q in results["questions"]:
        if q["kind"] != "choice":
            continue
        for code, count in q["counts"].items():
            if count is not None:
                assert count == expected[(q["code"], code)], (q["code"], code)
                checked += 1
    assert checked >= 12
    went = next(q for q in results["questions"] if q["code"] == "went")
    assert went["n"] == 65
    assert went["counts"]["yes"] + went["counts"]["no"] == 65
    yes_row = next(r for r in went["rows"] if r["code"] == "yes")
    assert yes_row["percent"] == round(100 * went["counts"]["yes"] / 65, 1)


def test_mean_and_median_of_numbers(survey):
    values = sorted(
        Answer.objects.filter(question__code="score", response__survey=survey).values_list("value_number", flat=True)
    )
    q = next(q for q in survey_results(survey=survey)["questions"] if q["code"] == "score")
    assert q["mean"] == round(sum(values) / len(values), 2)
    middle = len(values) // 2
    median = values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
    assert q["median"] == median
    assert sum(b["count"] or 0 for b in q["histogram"]) <= len(values)
    assert len(q["histogram"]) == 11  # 0 to 10, one bin each


def test_likert_mean_on_the_scale_positions(uni_a):
    survey = make_survey(k=5, slug="likert")
    from surveys.models import Choice, Question

    q = Question.objects.get(survey=survey, code="went")
    q.type = "likert"
    q.save()
    Choice.objects.filter(question=q).delete()
    for i, code in enumerate(["low", "mid", "high"]):
        Choice.objects.create(question=q, code=code, label=code, order=i)
    survey.save()  # a new updated_at: the definition is read again
    for code in ["low"] * 2 + ["mid"] * 3 + ["high"] * 5:
        add_response(survey, went=code)
    item = next(x for x in survey_results(survey=survey)["questions"] if x["code"] == "went")
    assert item["mean"] == round((2 * 1 + 3 * 2 + 5 * 3) / 10, 2)
    assert item["median"] == 2.5


def test_filters_by_language_date_and_answer(survey, uni_b):
    french = survey_results(survey=survey, filters=Filters(language="fr"))
    assert french["responses"] == 25
    went_yes = survey_results(survey=survey, filters=Filters(choices={"went": "yes"}))
    expected_yes = raw_choice_counts(survey)[("went", "yes")]
    assert went_yes["responses"] == expected_yes
    q = next(q for q in went_yes["questions"] if q["code"] == "went")
    assert q["counts"]["no"] == 0
    today = timezone.localdate()
    recent = survey_results(survey=survey, filters=Filters(date_from=today - datetime.timedelta(days=4)))
    count = sum(
        1
        for r in survey.responses.filter(status=ResponseStatus.SUBMITTED)
        if timezone.localtime(r.submitted_at).date() >= today - datetime.timedelta(days=4)
    )
    assert recent["responses"] == count


def test_institution_scope_sees_only_its_responses(survey, uni_a, uni_b):
    a = survey_results(survey=survey, institution_ids=[uni_a.pk])
    b = survey_results(survey=survey, institution_ids=[uni_b.pk])
    # an institution's figures are protected: each is one of the values its true count can give
    assert a["responses"] in published_values(40, 5) and b["responses"] in published_values(25, 5)
    expected_a = raw_choice_counts(survey, institution=uni_a)
    checked = 0
    for q in a["questions"]:
        if q["kind"] == "choice":
            for code, count in q["counts"].items():
                assert count in published_values(expected_a[(q["code"], code)], 5)
                checked += count is not None
    assert checked > 10


def test_fewer_than_k_responses_gives_no_result(survey, uni_a):
    small = make_survey(k=5, slug="small")
    fill(small, institution=uni_a, count=4, seed=3)
    results = survey_results(survey=small, institution_ids=[uni_a.pk])
    assert results["too_few"] is True
    assert results["questions"] == []
    assert results["responses"] is None  # 4 is itself below k
    assert "Counts below 5, zeros included, are not shown" in results["method_note"]


def test_small_counts_suppressed_and_percent_needs_a_base_of_k(uni_a):
    survey = make_survey(k=5, slug="tiny-cells")
    for i in range(12):
        add_response(survey, went="yes" if i < 10 else "no", income="low" if i < 9 else "high")
    results = survey_results(survey=survey)
    went = next(q for q in results["questions"] if q["code"] == "went")
    # "no" = 2 is below k; a one-way table with its total shown needs a second hidden cell
    assert went["counts"] == {"yes": None, "no": None}
    income = next(q for q in results["questions"] if q["code"] == "income")
    assert income["counts"]["high"] is None
    body = api_shape(results)
    assert next(q for q in body["questions"] if q["code"] == "went")["counts"] == {"yes": None, "no": None}


def test_free_text_only_when_asked(survey):
    without = next(q for q in survey_results(survey=survey)["questions"] if q["code"] == "comment")
    assert without["texts"] is None
    with_texts = next(q for q in survey_results(survey=survey, texts=True)["questions"] if q["code"] == "comment")
    assert "A's comment" in with_texts["texts"]


def test_breakdown_cross_tables_match_raw_rows_and_hide_small_cells(survey):
    results = survey_results(survey=survey, breakdown="went")
    bd = results["breakdown"]
    groups = [g["code"] for g in bd["groups"]]
    assert groups == ["yes", "no"]
    # raw cross counts: question answer by the respondent's answer to "went"
    went_of = dict(
        Answer.objects.filter(question__code="went", question__survey=survey).values_list("response_id", "choice__code")
    )
    expected = Counter()
    for rid, code, choice in Answer.objects.filter(question__survey=survey, choice__isnull=False).values_list(
        "response_id", "question__code", "choice__code"
    ):
        expected[(code, choice, went_of[rid])] += 1
    income = next(t for t in bd["tables"] if t["code"] == "income")
    for row in income["rows"]:
        for j, g in enumerate(groups):
            if row["cells"][j] is not None:
                assert row["cells"][j] == expected[("income", row["code"], g)]
    # every small count is hidden, in every table
    for t in bd["tables"]:
        for row in t["rows"]:
            for j, g in enumerate(groups):
                if 0 < expected[(t["code"], row["code"], g)] < 5:
                    assert row["cells"][j] is None


def _recover(table_cells, row_totals, col_totals):
    """What someone could work out from a published table: a row or column with one hidden cell."""
    found = {}
    for i, row in enumerate(table_cells):
        hidden = [j for j, v in enumerate(row) if v is None]
        if len(hidden) == 1 and row_totals[i] is not None:
            found[(i, hidden[0])] = row_totals[i] - sum(v for v in row if v is not None)
    for j in range(len(col_totals)):
        column = [row[j] for row in table_cells]
        hidden = [i for i, v in enumerate(column) if v is None]
        if len(hidden) == 1 and col_totals[j] is not None:
            found[(hidden[0], j)] = col_totals[j] - sum(v for v in column if v is not None)
    return found


def test_hidden_cells_cannot_be_recovered_from_the_totals(survey, uni_b):
    """The single-table attacker against exact figures (a survey manager's, here University B's 25
    French answers): totals minus shown cells never give a hidden one."""
    bd = survey_results(survey=survey, filters=Filters(language="fr"), breakdown="went")["breakdown"]
    hidden = 0
    for t in bd["tables"]:
        cells = [r["cells"] for r in t["rows"]]
        hidden += sum(v is None for row in cells for v in row)
        assert _recover(cells, [r["total"] for r in t["rows"]], t["col_totals"]) == {}
    assert hidden > 0  # the data has small cells, so the attack had something to try


def test_cross_table_recovery_attack_on_a_crafted_table():
    counts = [[20, 3, 15], [12, 14, 30], [7, 18, 2]]
    table = suppress_table(counts, 5)
    assert _recover(table.cells, table.row_totals, table.col_totals) == {}
    assert table.cells[0][1] is None and table.cells[2][2] is None


@pytest.mark.parametrize("responses", [10, 40])
def test_query_count_does_not_grow_with_responses(responses, uni_a, django_assert_max_num_queries):
    survey = make_survey(k=5, slug=f"q-{responses}")
    fill(survey, institution=uni_a, count=responses, seed=responses, comment="text")
    load_definition(survey)
    # base count, answered, choices, numbers, codes, one per text question (1), breakdown
    with django_assert_max_num_queries(7):
        survey_results(survey=survey, breakdown="went", texts=True)


def test_query_count_is_the_same_for_10_and_40_responses(uni_a, django_assert_num_queries):
    counts = []
    for n in (10, 40):
        survey = make_survey(k=5, slug=f"same-{n}")
        fill(survey, institution=uni_a, count=n, seed=n)
        load_definition(survey)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            survey_results(survey=survey, breakdown="went", texts=True)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_all_combinations_of_filters_are_consistent(survey):
    total = survey_results(survey=survey)["responses"]
    parts = [survey_results(survey=survey, filters=Filters(language=lang))["responses"] for lang in ("en", "fr")]
    assert sum(parts) == total
    for a, b in itertools.combinations(["yes", "no"], 2):
        ya = survey_results(survey=survey, filters=Filters(choices={"went": a}))["responses"]
        yb = survey_results(survey=survey, filters=Filters(choices={"went": b}))["responses"]
        assert ya + yb == total


def test_code_answers_are_shown_by_name():
    from types import SimpleNamespace

    from accounts.tests.factories import InstitutionFactory
    from surveys.enums import QuestionType
    from surveys.reports.aggregation import code_labels

    InstitutionFactory(slug="uni-x", name="University X")
    assert code_labels(SimpleNamespace(type=QuestionType.INSTITUTION), ["uni-x", "other"]) == {
        "uni-x": "University X",
        "other": "Other institution",
    }
    assert code_labels(SimpleNamespace(type=QuestionType.COUNTRY), ["LV"]) == {"LV": "Latvia"}
    assert code_labels(SimpleNamespace(type=QuestionType.LANGUAGE), ["fr"]) == {"fr": "French"}
