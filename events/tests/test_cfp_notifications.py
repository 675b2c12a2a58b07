"""Who hears about a proposal's fate: co-presenters get decisions, organisers get withdrawals, and
reviewers in anonymous review are told why the draft PDF is hidden."""

import html

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification
from accounts.tests.factories import UserFactory
from events import services_cfp
from events.enums import ProposalState
from events.models import CoPresenter

from .factories import (
    EventFactory,
    ProposalFactory,
    ProposalTypeFactory,
    RegistrationFactory,
    ReviewerFactory,
    SessionFactory,
)
from .test_cfp import pdf_bytes

pytestmark = pytest.mark.django_db

PDF_HIDDEN = "The draft PDF is hidden in anonymous review because it may show the presenters' names"


def co_presenter(proposal, *, accepted=True, name="Cora", email=None):
    """An invitation; an accepted one is linked to the account that accepted it."""
    person = UserFactory(full_name=f"{name} Presenter", email=email or f"{name.lower()}@example.org")
    return CoPresenter.objects.create(
        proposal=proposal,
        email=person.email,
        name=name,
        user=person if accepted else None,
        invitation_sent_at=timezone.now(),
        accepted_at=timezone.now() if accepted else None,
    )


def subjects_by_recipient():
    return {m.to[0]: m.subject for m in mail.outbox}


# --- 1. decisions reach the co-presenters who accepted ---------------------------------------------


def test_bulk_release_emails_accepted_co_presenters_without_diluting_action_required(
    client, event_organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(organisers=[event_organiser], title="Brussels")
    poster = ProposalTypeFactory(event=event)
    submitter = UserFactory(full_name="Sam Submitter")
    yes = ProposalFactory(proposal_type=poster, title="Yes", submitter=submitter)
    no = ProposalFactory(proposal_type=poster, title="No")
    cora = co_presenter(yes, name="Cora").user
    pending = co_presenter(yes, accepted=False, name="Pat")
    dan = co_presenter(no, name="Dan").user
    client.force_login(event_organiser)
    url = reverse("events:manage-proposals", kwargs={"slug": event.slug})
    client.post(url, {"ids": [yes.pk], "decision": "accept"})
    client.post(url, {"ids": [no.pk], "decision": "reject"})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"release": "1"}, follow=True)
    assert "2 decisions released and emailed." in response.content.decode()

    subjects = subjects_by_recipient()
    assert len(mail.outbox) == 4
    assert subjects[submitter.email] == "Action required: confirm your session “Yes”"
    assert subjects[cora.email] == "Accepted: “Yes”, which you co-present"
    assert subjects[no.submitter.email] == "Your proposal: No"
    assert subjects[dan.email] == "The proposal you co-present: No"
    assert pending.email not in subjects  # invited, never accepted
    # only the submitter is asked to act; the co-presenter is told who confirms
    assert sum("Action required" in s for s in subjects.values()) == 1
    cora_mail = next(m for m in mail.outbox if m.to == [cora.email])
    assert "Sam Submitter, who submitted it, has been asked to confirm the session" in cora_mail.body
    assert reverse("events:proposal", kwargs={"slug": event.slug, "pk": yes.pk}) in cora_mail.body
    assert Notification.objects.filter(recipient=cora, kind="events_proposal").count() == 1


def test_co_presenter_decision_email_also_through_the_api(
    api_client, event_organiser, django_capture_on_commit_callbacks
):
    event = EventFactory(organisers=[event_organiser])
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event), title="Buddies")
    cora = co_presenter(proposal).user
    api_client.force_authenticate(event_organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(
            f"/api/v1/events/{event.slug}/proposals/decisions/",
            {"ids": [proposal.pk], "decision": "accept", "release": True},
            format="json",
        )
    assert response.json() == {"staged": 1, "released": 1}
    assert subjects_by_recipient() == {
        proposal.submitter.email: "Action required: confirm your session “Buddies”",
        cora.email: "Accepted: “Buddies”, which you co-present",
    }


def test_a_co_presenter_erased_from_the_portal_is_not_emailed(sent):
    proposal = ProposalFactory(staged_decision="accept", title="Kept")
    invitation = co_presenter(proposal)
    invitation.user.delete()  # the row stays accepted, without an account behind it
    assert sent(services_cfp.decisions_release, event=proposal.event) == 1
    assert [m.to for m in mail.outbox] == [[proposal.submitter.email]]


def test_release_query_count_does_not_grow_with_co_presenters(event_organiser, django_assert_max_num_queries):
    def run(n):
        event = EventFactory()
        poster = ProposalTypeFactory(event=event)
        for i in range(n):
            proposal = ProposalFactory(proposal_type=poster, staged_decision="accept")
            co_presenter(proposal, name=f"Co{n}x{i}")
        return event

    small, large = run(1), run(5)
    # per proposal: its update and two notifications (each one insert); the rest is fixed
    with django_assert_max_num_queries(4 + 3 * 1 + 2):
        services_cfp.decisions_release(event=small)
    with django_assert_max_num_queries(4 + 3 * 5 + 2):
        services_cfp.decisions_release(event=large)


def test_release_by_someone_else_is_refused(client, user, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event), staged_decision="accept")
    co_presenter(proposal)
    url = reverse("events:manage-proposals", kwargs={"slug": event.slug})
    other_organiser = EventFactory(organisers=[UserFactory()]).organisers.get()
    reviewer = ReviewerFactory(event=event).user  # even a reviewer of this very event
    attendee = RegistrationFactory(event=event).user
    for who in (other_organiser, reviewer, attendee, user):
        client.force_login(who)
        assert client.post(url, {"release": "1"}).status_code == 404
    client.logout()
    assert client.post(url, {"release": "1"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED and proposal.staged_decision == "accept"
    assert mail.outbox == []


# --- 2. a withdrawal reaches the organisers and the co-presenters ---------------------------------


def test_withdrawal_notifies_organisers_and_accepted_co_presenters(client, django_capture_on_commit_callbacks):
    first, second = UserFactory(), UserFactory()
    event = EventFactory(organisers=[first, second], title="Brussels")
    submitter = UserFactory(full_name="Sam Submitter")
    proposal = ProposalFactory(
        proposal_type=ProposalTypeFactory(event=event), submitter=submitter, title="Buddies", state="accepted"
    )
    cora = co_presenter(proposal).user
    pending = co_presenter(proposal, accepted=False, name="Pat")
    session = SessionFactory(event=event, title="Poster session A")
    session.proposals.add(proposal)
    client.force_login(submitter)
    url = reverse("events:proposal-action", kwargs={"slug": event.slug, "pk": proposal.pk, "action": "withdraw"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Your proposal is withdrawn." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN

    subjects = subjects_by_recipient()
    assert subjects == {
        first.email: "Proposal withdrawn: Buddies (Brussels)",
        second.email: "Proposal withdrawn: Buddies (Brussels)",
        cora.email: "Withdrawn: “Buddies”, which you co-present",
    }
    assert pending.email not in subjects and submitter.email not in subjects
    organiser_mail = next(m for m in mail.outbox if m.to == [first.email])
    assert "Sam Submitter withdrew the proposal “Buddies” for Brussels. It was accepted." in organiser_mail.body
    assert "Poster session A" in organiser_mail.body  # still on the agenda: the organisers fix it
    assert reverse("events:manage-proposals", kwargs={"slug": event.slug}) in organiser_mail.body
    assert Notification.objects.filter(recipient=first, kind="events_organiser").count() == 1
    # a second withdrawal is refused and tells nobody again
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "This proposal is already closed." in response.content.decode()
    assert mail.outbox == []


def test_withdrawing_a_draft_tells_only_co_presenters(sent, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    draft = ProposalFactory(proposal_type=ProposalTypeFactory(event=event), state=ProposalState.DRAFT, title="Idea")
    cora = co_presenter(draft).user
    sent(services_cfp.proposal_withdraw, proposal=draft, user=draft.submitter)
    # organisers never saw the draft, so there is nothing for them to change
    assert subjects_by_recipient() == {cora.email: "Withdrawn: “Idea”, which you co-present"}


def test_an_organiser_withdrawing_their_own_proposal_is_not_emailed_about_it(sent, event_organiser):
    colleague = UserFactory()
    event = EventFactory(organisers=[event_organiser, colleague], title="Brussels")
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event), submitter=event_organiser, title="Mine")
    sent(services_cfp.proposal_withdraw, proposal=proposal, user=event_organiser)
    assert subjects_by_recipient() == {colleague.email: "Proposal withdrawn: Mine (Brussels)"}


def test_only_the_submitter_can_withdraw(client, user, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event))
    cora = co_presenter(proposal).user
    url = reverse("events:proposal-action", kwargs={"slug": event.slug, "pk": proposal.pk, "action": "withdraw"})
    other_organiser = EventFactory(organisers=[UserFactory()]).organisers.get()
    other_reviewer = ReviewerFactory().user
    attendee = RegistrationFactory(event=event).user
    for who in (other_organiser, other_reviewer, attendee, user, cora, event_organiser):
        client.force_login(who)
        assert client.post(url).status_code == 404
    client.logout()
    assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert mail.outbox == []


# --- 4. anonymous review: the draft PDF stays hidden, and the page says why -----------------------


def attach_pdf(proposal):
    services_cfp.proposal_pdf_attach(
        proposal=proposal, upload=SimpleUploadedFile("p.pdf", pdf_bytes(), content_type="application/pdf")
    )


def test_anonymous_review_says_why_the_draft_pdf_is_hidden(client):
    event = EventFactory(anonymous_review=True)
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event))
    attach_pdf(proposal)
    reviewer = ReviewerFactory(event=event).user
    client.force_login(reviewer)
    page = reverse("events:review", kwargs={"slug": event.slug, "pk": proposal.pk})
    pdf = reverse("events:proposal-pdf", kwargs={"slug": event.slug, "pk": proposal.pk})
    text = html.unescape(client.get(page).content.decode())
    assert PDF_HIDDEN in text
    assert pdf not in text and "Download the draft PDF" not in text
    assert client.get(pdf).status_code == 404
    # with open review the reviewer reads it, and no excuse is shown
    event.anonymous_review = False
    event.save()
    text = html.unescape(client.get(page).content.decode())
    assert PDF_HIDDEN not in text and pdf in text
    assert b"".join(client.get(pdf).streaming_content) == pdf_bytes()


def test_no_hidden_pdf_message_when_there_is_no_pdf(client):
    event = EventFactory(anonymous_review=True)
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event))
    client.force_login(ReviewerFactory(event=event).user)
    text = html.unescape(
        client.get(reverse("events:review", kwargs={"slug": event.slug, "pk": proposal.pk})).content.decode()
    )
    assert proposal.title in text and PDF_HIDDEN not in text


def test_review_page_and_pdf_refused_to_others(client, user):
    event = EventFactory(anonymous_review=False)
    proposal = ProposalFactory(proposal_type=ProposalTypeFactory(event=event))
    attach_pdf(proposal)
    page = reverse("events:review", kwargs={"slug": event.slug, "pk": proposal.pk})
    pdf = reverse("events:proposal-pdf", kwargs={"slug": event.slug, "pk": proposal.pk})
    other_organiser = EventFactory(organisers=[UserFactory()]).organisers.get()
    other_reviewer = ReviewerFactory().user
    attendee = RegistrationFactory(event=event).user
    for who in (other_organiser, other_reviewer, attendee, user):
        client.force_login(who)
        assert client.get(page).status_code == 404
        assert client.get(pdf).status_code == 404
