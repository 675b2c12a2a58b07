"""Every format built by a job and read back with its own reader."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pyreadstat
import pytest
from pypdf import PdfReader

from surveys.disclosure import published_values
from surveys.models import Answer
from surveys.reports.models import ReportJob, ReportStatus, SpecialCategoryExport
from surveys.reports.services import report_job_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    def run(user, survey, fmt, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            job, created = report_job_request(requester=user, survey=survey, fmt=fmt, **kwargs)
        job.refresh_from_db()
        assert job.status == ReportStatus.DONE, job.error
        return job

    return run


def _csv_rows(job):
    text = Path(job.file.path).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_csv_one_row_per_response_with_codes_labels_and_neutralised_formulas(survey, survey_manager, build):
    job = build(survey_manager, survey, "csv")
    rows = _csv_rows(job)
    header, data = rows[0], rows[1:]  # one header row of variable names: the labels are in the codebook
    assert len(data) == 65
    assert header[:4] == ["response_id", "submitted_at", "language", "institution"]
    assert len(header) == len(set(header))
    assert "went" in header and "went_label" in header and "why__money" in header
    assert "income" not in header  # special-category: left out unless asked
    assert "Did you go abroad?" not in header
    by_pseudonym = {row[0]: dict(zip(header, row, strict=True)) for row in data}
    response = survey.responses.filter(institution__slug="uni-b").first()
    row = by_pseudonym[response.pseudonym]
    went = Answer.objects.get(response=response, question__code="went").choice
    assert row["went"] == went.code
    assert row["went_label"] == went.label
    chosen = set(Answer.objects.filter(response=response, question__code="why").values_list("choice__code", flat=True))
    for code in ("money", "family", "other"):
        assert row[f"why__{code}"] == ("1" if code in chosen else "0")
    assert row["comment"] == '\'=HYPERLINK("http://x")'
    assert row["institution"] == "uni-b"
    assert row["score"] == str(int(Answer.objects.get(response=response, question__code="score").value_number))


def test_csv_read_by_pandas_has_numbers_as_numbers(survey, survey_manager, build):
    import pandas as pd

    job = build(survey_manager, survey, "csv")
    frame = pd.read_csv(job.file.path, encoding="utf-8-sig")
    assert len(frame) == 65  # no row of labels read as data
    assert pd.api.types.is_integer_dtype(frame["score"])  # a rating answered by everyone
    assert pd.api.types.is_integer_dtype(frame["why__money"])
    assert pd.api.types.is_float_dtype(frame["months"])  # an integer question with blanks: NaN makes floats
    assert frame["months"].dropna().between(1, 12).all()
    assert frame["response_id"].map(type).eq(str).all()  # the pseudonym stays text
    stored = Answer.objects.filter(question__code="score").values_list("value_number", flat=True)
    scores = sorted(int(v) for v in stored)
    assert sorted(frame["score"].tolist()) == scores
    assert '\'=HYPERLINK("http://x")' in set(frame["comment"])
    assert list(frame.columns).count("institution") == 1


def test_csv_has_one_institution_column_when_the_survey_asks_for_it(survey_manager, uni_a, build):
    from surveys.tests.factories import make_survey, spec

    from .helpers import add_response

    sections = spec()["sections"]
    sections[0]["questions"].append({"code": "institution", "type": "institution", "text": "Institution?"})
    survey = make_survey(slug="with-institution", sections=sections)
    response = add_response(survey, institution=uni_a, went="no")
    Answer.objects.create(response=response, question=survey.questions.get(code="institution"), value_text="uni-a")
    header, row = _csv_rows(build(survey_manager, survey, "csv"))
    assert header.count("institution") == 1 and len(header) == len(set(header))
    assert row[header.index("institution")] == "uni-a"


def test_special_category_only_when_asked_and_audited(survey, survey_manager, build):
    job = build(survey_manager, survey, "csv", include_special=True)
    header = _csv_rows(job)[0]
    assert "income" in header
    entry = SpecialCategoryExport.objects.get()
    assert (entry.actor, entry.job, entry.format, entry.questions) == (survey_manager, job, "csv", ["income"])


def test_xlsx_summary_codebook_data_and_charts(survey, survey_manager, build):
    job = build(survey_manager, survey, "xlsx", breakdown="went")
    book = openpyxl.load_workbook(job.file.path)
    assert book.sheetnames == ["Summary", "Codebook", "Data"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[1][:2] == ("Responses", 65)
    went_title = next(i for i, row in enumerate(summary) if row[0] == "went: Did you go abroad?")
    yes = Answer.objects.filter(question__code="went", choice__code="yes").count()
    assert summary[went_title + 2][:2] == ("Yes", yes)
    # the percentage is a number of the share, formatted as percent, not a text or a 0-100 figure
    n = summary[went_title][2]
    cell = book["Summary"].cell(row=went_title + 3, column=3)
    assert isinstance(cell.value, float) and cell.value == pytest.approx(round(100 * yes / n, 1) / 100)
    assert 0 < cell.value < 1 and "%" in cell.number_format
    data = list(book["Data"].iter_rows(values_only=True))
    assert len(data) == 66
    comments = {row[data[0].index("comment")] for row in data[1:]}
    assert '\'=HYPERLINK("http://x")' in comments
    with __import__("zipfile").ZipFile(job.file.path) as z:
        assert any(name.startswith("xl/charts/chart") for name in z.namelist())


def test_xlsx_for_an_iro_officer_has_no_data_sheet_and_only_their_institution(survey, officer_a, uni_a, build):
    job = build(officer_a, survey, "xlsx", institution=uni_a)
    book = openpyxl.load_workbook(job.file.path)
    assert book.sheetnames == ["Summary", "Codebook"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    # the protected total of University A's 40, the very figure of the officer's results page
    from surveys.reports.aggregation import survey_results

    page = survey_results(survey=survey, institution_ids=[uni_a.pk])
    assert summary[1][0] == "Responses"
    assert summary[1][1] == page["responses"] and page["responses"] in published_values(40, 5)


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_sav_and_dta_keep_variable_and_value_labels(survey, survey_manager, build, fmt):
    job = build(survey_manager, survey, fmt)
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    frame, meta = reader(job.file.path)
    assert len(frame) == 65
    assert meta.column_names_to_labels["went"] == "Did you go abroad?"
    assert meta.variable_value_labels["went"] == {1: "Yes", 2: "No"}
    yes = Answer.objects.filter(question__code="went", choice__code="yes").count()
    assert int((frame["went"] == 1).sum()) == yes
    assert "went_label" not in frame.columns
    assert "income" not in frame.columns
    money = Answer.objects.filter(question__code="why", choice__code="money").count()
    assert int(frame["why__money"].sum()) == money


def test_sav_has_real_dates_and_measurement_levels(survey, survey_manager, build):
    import datetime

    response = survey.responses.order_by("pk").first()
    Answer.objects.create(
        response=response, question=survey.questions.get(code="when"), value_date=datetime.date(2024, 3, 15)
    )
    job = build(survey_manager, survey, "sav")
    frame, meta = pyreadstat.read_sav(job.file.path)
    types = meta.original_variable_types
    assert types["when"].startswith("DATE") and types["submitted_at"].startswith("DATETIME")
    assert types["comment"].startswith("A")
    row = frame[frame["response_id"] == response.pseudonym].iloc[0]
    assert row["when"] == datetime.date(2024, 3, 15)
    submitted = response.submitted_at.astimezone(datetime.UTC).replace(tzinfo=None)
    assert abs(row["submitted_at"] - submitted) < datetime.timedelta(seconds=1)
    assert frame["when"].isna().sum() == 64
    measure = meta.variable_measure
    assert measure["went"] == "nominal" and measure["why__money"] == "nominal" and measure["country"] == "nominal"
    assert measure["support_a"] == "ordinal" and measure["score"] == "ordinal" and measure["rank__a"] == "ordinal"
    assert measure["months"] == "scale" and measure["ratio"] == "scale" and measure["when"] == "scale"


def _long_survey():
    from surveys.tests.factories import make_survey, spec

    sections = spec()["sections"]
    sections[0]["questions"][0]["text"] = "Did you go abroad " + "for a study period or a traineeship " * 3 + "?"
    return make_survey(slug="long-labels", sections=sections)


def test_dta_is_release_118_and_says_which_labels_it_cut(survey_manager, uni_a, build):
    import pandas as pd

    from .helpers import add_response

    survey = _long_survey()
    full = survey.questions.get(code="went").text
    assert len(full) > 80
    add_response(survey, institution=uni_a, went="yes", months=3, score=7)
    job = build(survey_manager, survey, "dta")
    with open(job.file.path, "rb") as handle:
        assert handle.read(67).startswith(b"<stata_dta><header><release>118</release>")
    reader = pd.io.stata.StataReader(job.file.path)
    with reader:
        frame = reader.read()
        labels = reader.variable_labels()
        file_label = reader.data_label
    assert frame["months"].tolist() == [3] and frame["score"].tolist() == [7]
    assert len(labels["went"]) == 80 and labels["went"].endswith("…")
    assert full.startswith(labels["went"][:-1])
    assert labels["months"] == "How many months?"  # a short label is kept whole
    assert file_label == "Cut labels: went"
    # the codebook keeps the full text and says the Stata label is cut
    book = openpyxl.load_workbook(build(survey_manager, survey, "xlsx").file.path)
    codebook = {row[0]: row for row in book["Codebook"].iter_rows(values_only=True)}
    assert codebook["went"][1] == full
    assert "80" in codebook["went"][3] and codebook["months"][3] is None


def test_pdf_has_cover_method_note_questions_and_breakdown(survey, survey_manager, build):
    job = build(survey_manager, survey, "pdf", breakdown="went")
    text = "\n".join(page.extract_text() for page in PdfReader(job.file.path).pages)
    assert "Test survey" in text
    assert "Method and disclosure control" in text
    assert "Counts from 1 to 4 are hidden" in text.replace("\n", " ")
    assert "went: Did you go abroad?" in text
    assert "Breakdown by Did you go abroad?" in text
    assert "Responses: 65" in text


def test_json_is_the_api_body(survey, officer_b, uni_b, build):
    job = build(officer_b, survey, "json", breakdown="went", institution=uni_b)
    body = json.loads(Path(job.file.path).read_text())
    assert body["responses"] in published_values(25, 5)
    assert body["k"] == 5
    assert set(body["breakdown"]["groups"]) == {"yes", "no"}
    went = next(q for q in body["questions"] if q["code"] == "went")
    expected = Answer.objects.filter(question__code="went", choice__code="yes", response__institution=uni_b).count()
    assert went["counts"]["yes"] in published_values(expected, 5)
    # the very body the API gives the same person
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(officer_b)
    answer = api.get(f"/api/v1/surveys/{survey.slug}/results/", {"breakdown": "went"}).json()
    assert answer["questions"] == body["questions"]
    assert answer["breakdown"]["groups"] == body["breakdown"]["groups"]


def test_iro_officer_cannot_get_record_level_files(survey, officer_a, uni_a):
    from siem_portal.exceptions import ApplicationError

    for fmt in ("csv", "sav", "dta"):
        with pytest.raises(ApplicationError):
            report_job_request(requester=officer_a, survey=survey, fmt=fmt, institution=uni_a)
    assert ReportJob.objects.count() == 0
