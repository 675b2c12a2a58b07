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
    header, labels, data = rows[0], rows[1], rows[2:]
    assert len(data) == 65
    assert header[:4] == ["response_id", "submitted_at", "language", "institution"]
    assert "went" in header and "went_label" in header and "why__money" in header
    assert "income" not in header  # special-category: left out unless asked
    assert labels[header.index("went")] == "Did you go abroad?"
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
