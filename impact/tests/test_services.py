import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from accounts.enums import OrganisationKind
from accounts.models import Notification
from accounts.tests.factories import UserFactory
from impact import privacy, selectors, services
from impact.enums import Audience, Phase, ReportStatus
from impact.models import Assessment, DimensionResult, Indicator, Rating, Report, Respondent
from siem_portal.exceptions import ApplicationError, ConflictError

from .factories import (
    assessment_with_respondents,
    closed_assessment,
    framework_make,
    member_of,
    organisation_with_admin,
    rate_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    return framework_make()


def test_only_the_organisation_admin_starts_an_assessment_and_becomes_its_respondent(framework):
    organisation, admin = organisation_with_admin()
    with pytest.raises(PermissionDenied):
        services.assessment_start(
            user=member_of(organisation), framework=framework, organisation=organisation, title="x"
        )
    assessment = services.assessment_start(user=admin, framework=framework, organisation=organisation, title="2026")
    assert list(assessment.respondents.values_list("user_id", flat=True)) == [admin.pk]


def test_a_student_framework_cannot_be_used_for_an_organisation(framework):
    organisation, admin = organisation_with_admin()
    student_fw = framework_make(audience=Audience.STUDENT)
    with pytest.raises(ApplicationError, match="organisations"):
        services.assessment_start(user=admin, framework=student_fw, organisation=organisation, title="x")
    with pytest.raises(ApplicationError, match="before or after"):
        services.assessment_start(user=admin, framework=student_fw, title="x")
    assert Assessment.objects.count() == 0


def test_invitation_notifies_the_member_and_refuses_outsiders_and_duplicates(
    framework, django_capture_on_commit_callbacks
):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    member = member_of(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        services.respondent_invite(assessment=assessment, by=admin, user=member, role="volunteer")
    assert Respondent.objects.get(assessment=assessment, user=member).role == "volunteer"
    note = Notification.objects.get(recipient=member)
    assert note.kind == "impact_invitation"
    assert note.link == f"/impact/assessments/{assessment.pk}/"
    assert [m.to for m in mail.outbox] == [[member.email]]
    with pytest.raises(ConflictError):
        services.respondent_invite(assessment=assessment, by=admin, user=member, role="staff")
    with pytest.raises(ApplicationError, match="members"):
        services.respondent_invite(assessment=assessment, by=admin, user=UserFactory(), role="staff")
    with pytest.raises(PermissionDenied):
        services.respondent_invite(assessment=assessment, by=member, user=member_of(organisation), role="staff")


def test_bad_ratings_store_nothing(framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    good = Indicator.objects.filter(framework=framework).first()
    foreign = Indicator.objects.filter(framework=framework_make()).first()
    for ratings, message in [
        ([{"indicator": good.pk, "score": 3}, {"indicator": good.pk + 10_000, "score": 2}], "not part"),
        ([{"indicator": good.pk, "score": 6}], "whole number from 0 to 5"),
        ([{"indicator": good.pk, "score": -1}], "whole number"),
        ([{"indicator": good.pk, "score": "4"}], "whole number"),
        ([{"indicator": foreign.pk, "score": 2}], "not part"),
    ]:
        with pytest.raises(ApplicationError) as excinfo:
            services.ratings_save(assessment=assessment, user=admin, ratings=ratings)
        assert message in str(excinfo.value.errors)
    assert Rating.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services.ratings_save(assessment=assessment, user=UserFactory(), ratings=[{"indicator": good.pk, "score": 1}])
    assert Rating.objects.count() == 0


def test_ratings_are_amended_until_close_then_frozen(framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    indicator = Indicator.objects.filter(framework=framework).first()
    services.ratings_save(assessment=assessment, user=admin, ratings=[{"indicator": indicator.pk, "score": 1}])
    services.ratings_save(assessment=assessment, user=admin, ratings=[{"indicator": indicator.pk, "score": None}])
    assert list(Rating.objects.values_list("score", flat=True)) == [None]
    assert Respondent.objects.get(user=admin).completed_at is None
    rate_all(assessment, admin, 4)
    assert Respondent.objects.get(user=admin).completed_at is not None
    services.assessment_close(assessment=assessment, by=admin)
    with pytest.raises(ConflictError):
        services.ratings_save(assessment=assessment, user=admin, ratings=[{"indicator": indicator.pk, "score": 0}])
    assert set(Rating.objects.values_list("score", flat=True)) == {4}


def test_close_stores_dimension_scores_and_tells_the_other_respondents(framework, django_capture_on_commit_callbacks):
    organisation, admin = organisation_with_admin()
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, admin, 4)
    rate_all(assessment, other, 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_close(assessment=assessment, by=admin)
    results = DimensionResult.objects.filter(assessment=assessment)
    assert sorted((r.mean, r.respondents, r.spread) for r in results) == [(2.5, 2, 1.5), (2.5, 2, 1.5)]
    assert [m.to for m in mail.outbox] == [[other.email]]
    with pytest.raises(ConflictError):
        services.assessment_close(assessment=assessment, by=admin)


def test_closing_without_any_score_is_refused(framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    with pytest.raises(ApplicationError, match="Nobody"):
        services.assessment_close(assessment=assessment, by=admin)
    assert Assessment.objects.get().status == "open"


def test_only_the_latest_closed_assessment_of_an_organisation_counts_for_the_benchmark(framework):
    first = closed_assessment(framework=framework, score=1)
    second = closed_assessment(framework=framework, organisation=first.organisation, score=4)
    first.refresh_from_db()
    assert (first.is_latest, second.is_latest) == (False, True)
    assert set(DimensionResult.objects.filter(is_latest=True).values_list("mean", flat=True)) == {4.0}


@pytest.mark.parametrize(("peers", "shown"), [(4, False), (5, True)])
def test_benchmark_needs_five_other_organisations(framework, peers, shown):
    own = closed_assessment(framework=framework, score=2)
    for score in range(peers):
        closed_assessment(framework=framework, score=score + 1)
    # an organisation of another kind never counts
    closed_assessment(framework=framework, score=5, kind=OrganisationKind.STUDENT_ASSOCIATION)
    results = selectors.results_for(assessment=own)
    assert results.benchmark_peers == peers
    assert results.benchmark_shown is shown
    if shown:
        # peers scored 1..5: mean 3, quartiles 2 / 3 / 4; the organisation itself is left out
        assert results.dimensions[0].benchmark == {"organisations": 5, "mean": 3.0, "q1": 2.0, "median": 3.0, "q3": 4.0}
    else:
        assert all(row.benchmark is None for row in results.dimensions)


def test_student_sees_the_change_from_before_to_after():
    framework = framework_make(audience=Audience.STUDENT)
    student = UserFactory()
    for phase, score in ((Phase.BEFORE, 1), (Phase.AFTER, 4)):
        assessment = services.assessment_start(user=student, framework=framework, phase=phase, title=phase)
        rate_all(assessment, student, score)
        services.assessment_close(assessment=assessment, by=student)
    results = selectors.results_for(assessment=assessment)
    assert [(r.previous, r.stat.mean, r.change) for r in results.dimensions] == [(1.0, 4.0, 3.0), (1.0, 4.0, 3.0)]


def test_pdf_report_holds_the_dimension_scores(framework, django_capture_on_commit_callbacks):
    organisation, admin = organisation_with_admin(name="Bridges PDF")
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, admin, 4)
    rate_all(assessment, other, 1)
    assessment = services.assessment_close(assessment=assessment, by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(assessment=assessment, by=admin)  # Celery runs eagerly in tests
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE
    text = " ".join(page.extract_text() for page in PdfReader(report.file.open("rb")).pages)
    assert "Bridges PDF" in text
    assert "Dimension 0 2.50" in text
    assert "Dimension 1 2.50" in text
    assert Notification.objects.filter(recipient=admin, kind="impact_report_ready").count() == 1


def test_report_refused_while_open(framework):
    organisation, admin = organisation_with_admin()
    assessment, _ = assessment_with_respondents(framework=framework, organisation=organisation, admin=admin)
    with pytest.raises(ConflictError):
        services.report_request(assessment=assessment, by=admin)
    assert Report.objects.count() == 0


def test_privacy_export_and_erase(framework):
    organisation, admin = organisation_with_admin()
    assessment, (_, member) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, member, 3)
    student_fw = framework_make(audience=Audience.STUDENT)
    personal = services.assessment_start(user=member, framework=student_fw, phase=Phase.BEFORE, title="Mine")
    rate_all(personal, member, 2)
    data = privacy.export_impact(member)
    assert sorted(a["title"] for a in data["assessments"]) == ["Assessment", "Mine"]
    assert {r["score"] for a in data["assessments"] for r in a["ratings"]} == {2, 3}
    privacy.erase_impact(member)
    assert not Assessment.objects.filter(pk=personal.pk).exists()
    # the organisation keeps the anonymous ratings
    assert Respondent.objects.filter(assessment=assessment, user=None).count() == 1
    assert Rating.objects.filter(respondent__assessment=assessment, score=3).count() == 4
    assert privacy.export_impact(member)["assessments"] == []


def test_a_person_sees_only_their_organisations_and_invited_assessments(framework):
    mine = closed_assessment(framework=framework)
    closed_assessment(framework=framework)
    admin = mine.created_by
    assert list(selectors.assessments_for_user(user=admin)) == [mine]
    member = member_of(mine.organisation)
    assert list(selectors.assessments_for_user(user=member)) == []


def test_a_report_that_cannot_be_rendered_is_marked_failed(framework, monkeypatch, django_capture_on_commit_callbacks):
    assessment = closed_assessment(framework=framework)

    def broken(_assessment, **_kwargs):
        raise ValueError("bad SVG")

    monkeypatch.setattr("impact.pdf.render_report_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(assessment=assessment, by=assessment.created_by)
    report.refresh_from_db()
    assert (report.status, report.error) == (ReportStatus.FAILED, "bad SVG")
    assert services.report_request(assessment=assessment, by=assessment.created_by).pk != report.pk


def test_pdf_report_is_in_the_language_of_the_admin_who_asked(framework, django_capture_on_commit_callbacks):
    organisation, admin = organisation_with_admin(name="Puentes PDF")
    admin.preferred_language = "es"
    admin.save()
    assessment, (_, other) = assessment_with_respondents(
        framework=framework, organisation=organisation, admin=admin, respondents=1
    )
    rate_all(assessment, admin, 4)
    rate_all(assessment, other, 1)
    assessment = services.assessment_close(assessment=assessment, by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(assessment=assessment, by=admin)
    report.refresh_from_db()
    text = " ".join(page.extract_text() for page in PdfReader(report.file.open("rb")).pages)
    assert "Puntuaciones por dimensión" in text
    assert "Scores by dimension" not in text
