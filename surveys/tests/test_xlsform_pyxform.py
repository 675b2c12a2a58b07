"""The XLSForm import and export against pyxform (ODK's and KoboToolbox's converter) and real forms.

The forms in ``data/xlsforms/`` are pyxform's own test and example forms (BSD 2-Clause, see the
README there): .xls and .xlsx, legacy spellings, upper-case headers, repeats, calculations, choice
filters, "or other", metadata rows. Each one is imported through the API, once refusing what the
portal cannot represent and once with ``skip_unsupported``; ``FIGURES`` records what happens.
"""

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "xlsforms"

# form: (without skip_unsupported: "imported" or the first refused row "survey:N" or "file",
#        with skip_unsupported: number of skipped/listed rows, or "file" when it is refused as a whole)
FIGURES = {
    "ODKValidateWarnings.xlsx": ("survey:3", 1),
    "UCL_Biomass_Plot_Form.xlsx": ("survey:16", 55),
    "attribute_columns_test.xlsx": ("survey:7", 37),
    "bad_calc.xlsx": ("survey:2", "file"),
    "calculate.xls": ("survey:2", 4),
    "cascading_select_test_equivalent.xls": ("survey:5", 6),
    "case_insensitivity.xlsx": ("survey:3", 2),
    "choice_filter_test.xlsx": ("survey:3", 2),
    "duplicate_columns.xlsx": ("file", "file"),
    "extra_columns.xlsx": ("imported", 0),
    "extra_sheet_names.xlsx": ("imported", 0),
    "field-list.xlsx": ("imported", 0),
    "flat_xlsform_test.xlsx": ("survey:3", 27),
    "gps.xls": ("survey:2", "file"),
    "group.xlsx": ("survey:4", 1),
    "ict_survey_fails.xls": ("imported", 0),
    "loop.xlsx": ("survey:3", 2),
    "or_other.xlsx": ("survey:3", 1),
    "pull_data.xlsx": ("survey:2", 2),
    "specify_other.xlsx": ("imported", 0),
    "survey_no_name.xlsx": ("imported", 0),
    "table-list.xls": ("survey:7", 3),
    "text_and_integer.xlsx": ("imported", 0),
    "tutorial.xls": ("survey:2", "file"),
    "widgets.xls": ("survey:5", 15),
    "xl_date_ambiguous.xlsx": ("survey:4", 2),
    "xlsform_spec_test.xlsx": ("survey:7", 35),
    "yes_or_no_question.xlsx": ("imported", 0),
}


def _post(api_client, data: bytes, **extra):
    return api_client.post("/api/v1/surveys/import/", {"file": io.BytesIO(data), **extra}, format="multipart")


def test_every_shared_form_is_in_the_figures():
    assert sorted(p.name for p in DATA.glob("*.xls*")) == sorted(FIGURES)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_a_real_form_is_imported_or_refused_by_row_with_a_clear_message(api_client, survey_manager, name):
    strict, skipping = FIGURES[name]
    data = (DATA / name).read_bytes()
    api_client.force_authenticate(survey_manager)
    response = _post(api_client, data)
    if strict == "imported":
        assert response.status_code == 201, response.json()
        assert response.json()["skipped"] == [] or all(
            "metadata" in s["reason"] or "not imported" in s["reason"] for s in response.json()["skipped"]
        )
    else:
        assert response.status_code == 400, response.content
        body = response.json()
        assert body["detail"]
        assert min(body["errors"], key=lambda k: (k.split(":")[0], int(k.split(":")[1]) if ":" in k else 0)) == strict
        assert all(messages and all(messages) for messages in body["errors"].values())
        assert Survey.objects.count() == 0
    skipped = _post(api_client, data, skip_unsupported="true", slug="skipped")
    if skipping == "file":
        assert skipped.status_code == 400
        assert skipped.json()["detail"]
        return
    assert skipped.status_code == 201, skipped.json()
    rows = skipped.json()["skipped"]
    assert len(rows) == skipping
    assert all(set(row) == {"row", "name", "type", "reason"} and row["row"] >= 2 and row["reason"] for row in rows)
    assert Question.objects.filter(survey__slug="skipped").exists()


def _sheet(rows: list, choices: list | None = None) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "survey"
    for row in rows:
        sheet.append(row)
    if choices:
        sheet = wb.create_sheet("choices")
        for row in choices:
            sheet.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_legacy_spellings_upper_case_headers_and_or_other_are_understood(api_client, survey_manager):
    data = _sheet(
        [
            ["TYPE", "NAME", "LABEL::English (en)", "LABEL::French (fr)", "REQUIRED"],
            ["select one from colours or specify other", "colour", "Colour?", "Couleur ?", "yes"],
            ["select all that apply from colours", "colours", "Colours?", "Couleurs ?", None],
            ["today", "today", "Today", None, None],
        ],
        [["LIST NAME", "NAME", "LABEL::English (en)"], ["colours", "red", "Red"], ["colours", "blue", "Blue"]],
    )
    api_client.force_authenticate(survey_manager)
    response = _post(api_client, data, slug="legacy")
    assert response.status_code == 201, response.json()
    assert [(s["row"], s["name"]) for s in response.json()["skipped"]] == [(4, "today")]
    colour = Question.objects.get(survey__slug="legacy", code="colour")
    assert colour.type == "single" and colour.required and colour.translations["fr"]["text"] == "Couleur ?"
    assert [(c.code, c.is_other) for c in colour.choices.order_by("order")] == [
        ("red", False),
        ("blue", False),
        ("other", True),
    ]
    assert Question.objects.get(survey__slug="legacy", code="colours").type == "multiple"


def test_a_calculate_row_is_listed_with_the_labels_that_show_it(api_client, survey_manager):
    data = _sheet(
        [
            ["type", "name", "label", "calculation"],
            ["integer", "age", "Age?", None],
            ["calculate", "months", None, "${age} * 12"],
            ["note", "show", "That is ${months} months.", None],
        ]
    )
    api_client.force_authenticate(survey_manager)
    refused = _post(api_client, data)
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["survey:3"]
    response = _post(api_client, data, skip_unsupported="true", slug="calc")
    assert response.status_code == 201
    assert [(s["row"], s["name"]) for s in response.json()["skipped"]] == [(3, "months"), (4, "show")]
    assert "${months}" in response.json()["skipped"][1]["reason"]


def test_the_import_page_offers_skipping_and_lists_every_skipped_row(client, survey_manager):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = (DATA / "widgets.xls").read_bytes()
    client.force_login(survey_manager)
    refused = client.post("/manage/surveys/import/", {"file": SimpleUploadedFile("widgets.xls", data)})
    assert refused.status_code == 400
    assert "survey:5" in refused.content.decode()
    page = client.post(
        "/manage/surveys/import/", {"file": SimpleUploadedFile("widgets.xls", data), "skip_unsupported": "on"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "15 rows were left out" in text
    assert text.count('<th scope="row">') == 15
    survey = Survey.objects.get()
    assert f"/manage/surveys/{survey.slug}/" in text


def test_the_import_refuses_people_who_do_not_manage_surveys(api_client, client, user):
    data = (DATA / "yes_or_no_question.xlsx").read_bytes()
    api_client.force_authenticate(user)
    assert _post(api_client, data, skip_unsupported="true").status_code == 403
    client.force_login(user)
    assert client.get("/manage/surveys/import/").status_code in (302, 403)
    assert Survey.objects.count() == 0


@pytest.mark.parametrize("slug", ["siem-student-survey", "siem-staff-survey"])
def test_the_siem_surveys_export_passes_pyxform_in_six_languages(api_client, survey_manager, tmp_path, slug):
    from surveys.demo import load_siem_surveys

    load_siem_surveys()
    api_client.force_authenticate(survey_manager)
    exported = api_client.get(f"/api/v1/surveys/{slug}/xlsform/").content
    headers = [c.value for c in next(load_workbook(io.BytesIO(exported), read_only=True)["survey"].iter_rows())]
    for language in ("English (en)", "French (fr)", "Spanish (es)", "Dutch (nl)", "Czech (cs)", "Latvian (lv)"):
        assert f"label::{language}" in headers
    path = tmp_path / f"{slug}.xlsx"
    path.write_bytes(exported)
    result = convert(xlsform=str(path), validate=False, pretty_print=False)
    assert "<h:title>" in result.xform
    survey = Survey.objects.get(slug=slug)
    for question in Question.objects.filter(survey=survey, removed_in_version__isnull=True)[:50]:
        assert f"/{question.code}" in result.xform


def test_the_xlsform_reader_and_writer_stay_small_functions():
    """pyxform reads the workbook; what is left is small functions (the hand-written reader had 88)."""
    import subprocess
    import sys

    module = Path(__file__).parents[1] / "xlsform.py"
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "C901"]
        + ["--config", "lint.mccabe.max-complexity=9", "--output-format", "concise", str(module)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
