import io
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfWriter

from accounts import services as account_services
from accounts.tests.factories import UserFactory
from events import services_cfp
from events.enums import ProposalKind, ProposalState
from events.models import CoPresenter, Proposal, Review
from events.selectors_cfp import review_dashboard
from siem_portal.exceptions import ApplicationError, ConflictError
from siem_portal.storage import private_storage

from .factories import EventFactory, ProposalFactory, ProposalTypeFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_draft_then_submit_with_checks(sent, user):
    ignite = ProposalTypeFactory(kind=ProposalKind.IGNITE, abstract_max_length=50)
    event = ignite.event
    draft = services_cfp.proposal_save(event=event, user=user, proposal_type=ignite, submit=False, title="Draft")
    assert draft.state == ProposalState.DRAFT
    with pytest.raises(ApplicationError) as info:
        services_cfp.proposal_save(
            event=event, user=user, proposal_type=ignite, proposal=draft, submit=True, abstract="x" * 51
        )
    assert set(info.value.errors) == {"abstract", "outline", "topics"}
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT and draft.abstract == ""
    submitted = sent(
        services_cfp.proposal_save,
        event=event,
        user=user,
        proposal_type=ignite,
        proposal=draft,
        submit=True,
        abstract="Short.",
        outline="20 slides",
        topics=["community_engagement"],
    )
    assert submitted.state == ProposalState.SUBMITTED
    assert [m.subject for m in mail.outbox] == ["We received your proposal: Draft"]


def test_deadline_enforced_and_only_own_proposal(user, other_user):
    poster = ProposalTypeFactory()
    proposal = ProposalFactory(proposal_type=poster, submitter=user)
    with pytest.raises(ApplicationError, match="only change your own"):
        services_cfp.proposal_save(
            event=poster.event, user=other_user, proposal_type=poster, proposal=proposal, submit=False, title="Mine now"
        )
    with time_machine.travel(poster.deadline + timedelta(minutes=1)):
        with pytest.raises(ApplicationError, match="deadline"):
            services_cfp.proposal_save(
                event=poster.event, user=user, proposal_type=poster, proposal=proposal, submit=False, title="Late"
            )
    proposal.refresh_from_db()
    assert proposal.title.startswith("Proposal")


def test_pdf_checked_by_content_and_size(user):
    proposal = ProposalFactory(submitter=user)
    fake = SimpleUploadedFile("poster.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="not a PDF"):
        services_cfp.proposal_pdf_attach(proposal=proposal, upload=fake)
    broken = SimpleUploadedFile("poster.pdf", b"%PDF-1.7 garbage", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="cannot be read"):
        services_cfp.proposal_pdf_attach(proposal=proposal, upload=broken)
    big = SimpleUploadedFile("poster.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ApplicationError, match="10 MB"):
        services_cfp.proposal_pdf_attach(proposal=proposal, upload=big)
    proposal.refresh_from_db()
    assert proposal.draft_pdf == ""
    good = SimpleUploadedFile("poster.pdf", pdf_bytes(), content_type="application/pdf")
    services_cfp.proposal_pdf_attach(proposal=proposal, upload=good)
    assert proposal.draft_pdf.name.startswith("events/proposals/")
    with proposal.draft_pdf.open("rb") as stored:
        assert stored.read() == pdf_bytes()


def test_pdf_download_only_for_the_submitter_and_organisers(client, user, other_user):
    proposal = ProposalFactory(submitter=user)
    services_cfp.proposal_pdf_attach(
        proposal=proposal, upload=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf")
    )
    url = reverse("events:proposal-pdf", kwargs={"slug": proposal.event.slug, "pk": proposal.pk})
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    client.force_login(user)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_co_presenter_invited_by_email_accepts_through_link(client, user, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(submitter=user, title="Buddy programmes")
    with django_capture_on_commit_callbacks(execute=True):
        services_cfp.co_presenter_invite(proposal=proposal, user=user, email="Co@Example.org", name="Cora")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["co@example.org"]
    invitation = CoPresenter.objects.get()
    link = reverse("events:co-presenter-accept", kwargs={"token": invitation.token})
    assert link in mail.outbox[0].body
    assert services_cfp.co_presenter_invitation_send(invitation_id=invitation.pk) is False  # sent once
    with pytest.raises(ConflictError):
        services_cfp.co_presenter_invite(proposal=proposal, user=user, email="co@example.org", name="Cora")
    cora = UserFactory(email="co@example.org")
    client.force_login(cora)
    response = client.post(link, follow=True)
    assert "Buddy programmes" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.user == cora and invitation.accepted_at is not None


def test_anonymous_review_hides_names_in_pages_and_api(client, api_client):
    event = EventFactory(anonymous_review=True)
    proposal = ProposalFactory(
        proposal_type=ProposalTypeFactory(event=event), submitter=UserFactory(full_name="Secret Submitter")
    )
    reviewer = ReviewerFactory(event=event).user
    client.force_login(reviewer)
    for url in (
        reverse("events:review-list", kwargs={"slug": event.slug}),
        reverse("events:review", kwargs={"slug": event.slug, "pk": proposal.pk}),
    ):
        text = client.get(url).content.decode()
        assert proposal.title in text and "Secret Submitter" not in text
    api_client.force_authenticate(reviewer)
    body = api_client.get(f"/api/v1/events/{event.slug}/proposals/").json()
    assert [p["title"] for p in body["results"]] == [proposal.title]
    assert "submitter" not in body["results"][0]
    assert "Secret Submitter" not in str(body)
    event.anonymous_review = False
    event.save()
    assert (
        "Secret Submitter"
        in client.get(reverse("events:review", kwargs={"slug": event.slug, "pk": proposal.pk})).content.decode()
    )


def test_reviewer_of_event_a_sees_nothing_of_b(client, api_client):
    a, b = EventFactory(), EventFactory()
    reviewer = ReviewerFactory(event=a).user
    other = ProposalFactory(proposal_type=ProposalTypeFactory(event=b), title="Event B secret")
    client.force_login(reviewer)
    assert client.get(reverse("events:review-list", kwargs={"slug": b.slug})).status_code == 404
    assert client.get(reverse("events:review", kwargs={"slug": b.slug, "pk": other.pk})).status_code == 404
    assert client.get(reverse("events:review", kwargs={"slug": a.slug, "pk": other.pk})).status_code == 404
    assert client.get(reverse("events:proposal", kwargs={"slug": b.slug, "pk": other.pk})).status_code == 404
    api_client.force_authenticate(reviewer)
    assert api_client.get(f"/api/v1/events/{b.slug}/proposals/").json()["results"] == []
    with pytest.raises(ApplicationError):
        services_cfp.review_save(proposal=other, reviewer=reviewer, scores={})


def test_assigned_reviewer_and_own_proposal_excluded(client):
    event = EventFactory()
    poster = ProposalTypeFactory(event=event)
    role = ReviewerFactory(event=event, all_proposals=False)
    assigned, unassigned = ProposalFactory(proposal_type=poster), ProposalFactory(proposal_type=poster)
    ProposalFactory(proposal_type=poster, submitter=role.user, title="My own")
    role.assigned.add(assigned)
    client.force_login(role.user)
    text = client.get(reverse("events:review-list", kwargs={"slug": event.slug})).content.decode()
    assert assigned.title in text and unassigned.title not in text and "My own" not in text


def test_weighted_scores_conflict_and_dashboard(client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    poster = ProposalTypeFactory(event=event)
    high, low = ProposalFactory(proposal_type=poster, title="High"), ProposalFactory(proposal_type=poster, title="Low")
    relevance, clarity, transfer = services_cfp.criteria_for(event=event)
    assert [(c.name, c.weight) for c in (relevance, clarity, transfer)] == [
        ("Relevance to inclusion", 2),
        ("Clarity", 1),
        ("Transferability of the practice", 1),
    ]
    r1, r2, r3 = (ReviewerFactory(event=event).user for _ in range(3))
    review = services_cfp.review_save(
        proposal=high, reviewer=r1, scores={str(relevance.pk): 5, str(clarity.pk): 3, str(transfer.pk): 3}
    )
    assert review.total == 4.0  # (5*2 + 3 + 3) / 4
    services_cfp.review_save(
        proposal=high, reviewer=r2, scores={str(relevance.pk): 3, str(clarity.pk): 3, str(transfer.pk): 3}
    )
    services_cfp.review_save(
        proposal=low, reviewer=r1, scores={str(relevance.pk): 1, str(clarity.pk): 1, str(transfer.pk): 1}
    )
    services_cfp.review_save(proposal=low, reviewer=r3, scores={}, conflict_of_interest=True)
    with pytest.raises(ApplicationError) as info:
        services_cfp.review_save(proposal=low, reviewer=r2, scores={str(relevance.pk): 9})
    assert set(info.value.errors) == {f"criterion_{c.pk}" for c in (relevance, clarity, transfer)}
    rows = review_dashboard(event=event)
    assert [(r["proposal"].title, r["mean"], r["spread"], r["reviews"], r["conflicts"]) for r in rows] == [
        ("High", 3.5, 0.5, 2, 0),
        ("Low", 1.0, 0.0, 1, 1),
    ]
    assert [r["proposal"].title for r in review_dashboard(event=event, sort="mean")] == ["Low", "High"]
    client.force_login(event_organiser)
    text = client.get(reverse("events:manage-proposals", kwargs={"slug": event.slug})).content.decode()
    assert "3.5" in text and "0.5" in text


@pytest.mark.parametrize("count", [1, 5])
def test_dashboard_query_count(client, event_organiser, django_assert_max_num_queries, count):
    event = EventFactory(organisers=[event_organiser])
    poster = ProposalTypeFactory(event=event)
    reviewer = ReviewerFactory(event=event).user
    for _ in range(count):
        proposal = ProposalFactory(proposal_type=poster)
        Review.objects.create(proposal=proposal, reviewer=reviewer, total=3)
    client.force_login(event_organiser)
    with django_assert_max_num_queries(10):
        client.get(reverse("events:manage-proposals", kwargs={"slug": event.slug}))


def test_staged_decisions_released_in_bulk_with_action_required_subject(sent, client, event_organiser):
    event = EventFactory(organisers=[event_organiser], title="Brussels")
    poster = ProposalTypeFactory(event=event)
    yes, no = ProposalFactory(proposal_type=poster, title="Yes"), ProposalFactory(proposal_type=poster, title="No")
    client.force_login(event_organiser)
    url = reverse("events:manage-proposals", kwargs={"slug": event.slug})
    client.post(url, {"ids": [yes.pk], "decision": "accept"})
    client.post(url, {"ids": [no.pk], "decision": "reject"})
    yes.refresh_from_db()
    assert (yes.state, yes.staged_decision) == (ProposalState.SUBMITTED, "accept")
    assert mail.outbox == []  # staged, nobody told
    assert sent(services_cfp.decisions_release, event=event) == 2
    yes.refresh_from_db()
    no.refresh_from_db()
    assert (yes.state, no.state) == (ProposalState.ACCEPTED, ProposalState.REJECTED)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[yes.submitter.email] == "Action required: confirm your session “Yes”"
    assert subjects[no.submitter.email] == "Your proposal: No"
    # the presenter confirms; a second confirmation is refused
    client.force_login(yes.submitter)
    client.post(reverse("events:proposal-action", kwargs={"slug": event.slug, "pk": yes.pk, "action": "confirm"}))
    yes.refresh_from_db()
    assert yes.state == ProposalState.CONFIRMED
    with pytest.raises(ConflictError):
        services_cfp.proposal_confirm(proposal=yes, user=yes.submitter)


def test_unconfirmed_presenters_reminded_after_seven_days(sent):
    accepted = ProposalFactory(state=ProposalState.ACCEPTED, decided_at=timezone.now() - timedelta(days=8))
    ProposalFactory(state=ProposalState.ACCEPTED, decided_at=timezone.now() - timedelta(days=2))
    ProposalFactory(state=ProposalState.CONFIRMED, decided_at=timezone.now() - timedelta(days=8))
    assert sent(services_cfp.confirm_reminders_send) == 1
    assert sent(services_cfp.confirm_reminders_send) == 0
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([accepted.submitter.email], f"Action required (reminder): confirm your session “{accepted.title}”")
    ]


def test_proposal_pages(client, user):
    poster = ProposalTypeFactory()
    event = poster.event
    client.force_login(user)
    assert "Propose: Poster" in client.get(reverse("events:cfp", kwargs={"slug": event.slug})).content.decode()
    url = reverse("events:proposal-new", kwargs={"slug": event.slug, "kind": "poster"})
    response = client.post(url, {"title": "Poster", "abstract": "", "language": "en", "submit": "1"})
    assert "Write an abstract." in response.content.decode()
    assert Proposal.objects.count() == 0
    response = client.post(
        url,
        {
            "title": "Poster",
            "abstract": "Text",
            "language": "en",
            "topics": ["peer_to_peer"],
            "submit": "1",
            "draft_pdf_upload": SimpleUploadedFile("a.pdf", b"nope"),
        },
    )
    assert "The file is not a PDF." in response.content.decode()
    response = client.post(
        url,
        {
            "title": "Poster",
            "abstract": "Text",
            "language": "en",
            "topics": ["peer_to_peer"],
            "submit": "1",
            "draft_pdf_upload": SimpleUploadedFile("a.pdf", pdf_bytes()),
        },
        follow=True,
    )
    proposal = Proposal.objects.get(title="Poster")
    assert proposal.state == ProposalState.SUBMITTED and proposal.draft_pdf
    assert "Download the draft PDF" in response.content.decode()


def test_proposal_api_create_and_list(api_client, user, other_user):
    poster = ProposalTypeFactory()
    url = f"/api/v1/events/{poster.event.slug}/proposals/"
    api_client.force_authenticate(user)
    response = api_client.post(url, {"proposal_kind": "ignite", "title": "X"}, format="json")
    assert response.status_code == 400
    response = api_client.post(
        url,
        {"proposal_kind": "poster", "title": "X", "abstract": "A" * 1501, "topics": ["peer_to_peer"]},
        format="json",
    )
    assert response.status_code == 400 and "abstract" in response.json()["errors"]
    response = api_client.post(
        url, {"proposal_kind": "poster", "title": "X", "abstract": "Fine", "topics": ["peer_to_peer"]}, format="json"
    )
    assert response.status_code == 201 and response.json()["proposal_state"] == "submitted"
    api_client.force_authenticate(other_user)
    assert api_client.get(url).json()["results"] == []


def test_privacy_covers_proposals_and_reviews(user):
    proposal = ProposalFactory(submitter=user, title="Mine")
    services_cfp.proposal_pdf_attach(
        proposal=proposal, upload=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf")
    )
    name = proposal.draft_pdf.name
    assert private_storage().exists(name)
    ReviewerFactory(event=proposal.event, user=user)
    other = ProposalFactory(proposal_type=proposal.proposal_type)
    Review.objects.create(proposal=other, reviewer=user, comment="Solid", total=4)
    data = account_services.privacy_data_collect(user=user)["sections"]["events"]
    assert data["proposals"][0]["title"] == "Mine" and data["reviews"][0]["comment"] == "Solid"
    account_services.account_delete(user=user)
    assert not private_storage().exists(name)
    assert Proposal.objects.filter(title="Mine").count() == 0 and Review.objects.count() == 0


def test_poster_session_groups_confirmed_proposals_with_their_presenters(client, event_organiser):
    from events import services
    from events.enums import SessionKind

    event = EventFactory(organisers=[event_organiser])
    poster = ProposalTypeFactory(event=event)
    one = ProposalFactory(
        proposal_type=poster,
        title="Buddy programmes",
        state=ProposalState.CONFIRMED,
        submitter=UserFactory(full_name="Ana Poster"),
    )
    CoPresenter.objects.create(proposal=one, email="c@example.org", name="Cora Co", accepted_at=timezone.now())
    two = ProposalFactory(
        proposal_type=poster,
        title="Rural outreach",
        state=ProposalState.CONFIRMED,
        submitter=UserFactory(full_name="Ben Poster"),
    )
    pending = ProposalFactory(proposal_type=poster, state=ProposalState.ACCEPTED)
    start = event.starts_at
    with pytest.raises(ApplicationError, match="Only confirmed proposals"):
        services.session_save(
            event=event,
            title="Posters",
            kind=SessionKind.POSTER_SESSION,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            proposals=[pending],
        )
    session = services.session_save(
        event=event,
        title="Posters",
        kind=SessionKind.POSTER_SESSION,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        proposals=[one, two],
    )
    assert session.presenters == "Ana Poster, Cora Co, Ben Poster"
    text = client.get(reverse("events:agenda", kwargs={"slug": event.slug})).content.decode()
    assert "Buddy programmes" in text and "Rural outreach" in text and "Cora Co" in text


def test_proposal_decisions_api(api_client, user, event_organiser, django_capture_on_commit_callbacks):
    event = EventFactory(organisers=[event_organiser])
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event), title="Yes")
    url = f"/api/v1/events/{event.slug}/proposals/decisions/"
    api_client.force_authenticate(user)
    assert api_client.post(url, {"ids": [proposal.pk], "decision": "accept"}, format="json").status_code == 403
    api_client.force_authenticate(event_organiser)
    other = ProposalFactory()
    assert api_client.post(url, {"ids": [other.pk], "decision": "accept"}, format="json").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        body = api_client.post(url, {"ids": [proposal.pk], "decision": "accept", "release": True}, format="json")
    assert body.json() == {"staged": 1, "released": 1}
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ACCEPTED
    assert mail.outbox[0].subject == "Action required: confirm your session “Yes”"


def test_organiser_list_shows_only_own_events(client, event_organiser):
    mine = EventFactory(organisers=[event_organiser], title="Mine to run")
    EventFactory(title="Someone else's")
    client.force_login(event_organiser)
    text = client.get(reverse("events:manage-list")).content.decode()
    assert mine.title in text and "Someone else" not in text


def test_unsent_invitation_is_sent_by_the_sweep(user, django_capture_on_commit_callbacks):
    from unittest import mock

    from events.tasks import task_requeue_invitations

    proposal = ProposalFactory(submitter=user)
    with mock.patch("events.tasks.task_send_co_presenter_invitation.delay", side_effect=ConnectionError("down")):
        with django_capture_on_commit_callbacks(execute=True):
            services_cfp.co_presenter_invite(proposal=proposal, user=user, email="co@example.org", name="Cora")
    assert mail.outbox == []
    assert task_requeue_invitations.delay().get() == 0  # not stale yet
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert task_requeue_invitations.delay().get() == 1
    assert [m.to for m in mail.outbox] == [["co@example.org"]]
    assert CoPresenter.objects.get().invitation_sent_at is not None


def test_organiser_assigns_proposals_and_edits_criteria_until_reviews_start(client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    poster = ProposalTypeFactory(event=event)
    one, two = ProposalFactory(proposal_type=poster), ProposalFactory(proposal_type=poster)
    role = ReviewerFactory(event=event)
    client.force_login(event_organiser)
    client.post(
        reverse("events:manage-proposals", kwargs={"slug": event.slug}),
        {"ids": [one.pk], "reviewer": role.pk, "assign": "1"},
    )
    role.refresh_from_db()
    assert role.all_proposals is False and list(role.assigned.all()) == [one]
    cfp = reverse("events:manage-cfp", kwargs={"slug": event.slug})
    client.post(cfp, {"criterion-name": "Inclusion of students with disabilities", "criterion-weight": 3})
    assert [c.name for c in event.criteria.all()][-1] == "Inclusion of students with disabilities"
    services_cfp.review_save(proposal=one, reviewer=role.user, scores={str(c.pk): 4 for c in event.criteria.all()})
    response = client.post(cfp, {"criterion-name": "Too late", "criterion-weight": 1}, follow=True)
    assert "Reviews have started" in response.content.decode()
    assert event.criteria.count() == 4
    with pytest.raises(ApplicationError):
        services_cfp.review_save(proposal=two, reviewer=role.user, scores={})
