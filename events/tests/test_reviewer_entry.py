"""Reviewers find their work: 'Proposals to review' in the header and on /me/ with counts, an email
with a link when they are added or given proposals."""

import pytest
from django.core import mail

from events import services_cfp
from events.enums import ProposalState
from events.models import Review

from .factories import EventFactory, ProposalFactory, ProposalTypeFactory, ReviewerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    event = EventFactory(title="Inclusive Mobility Conference")
    kind = ProposalTypeFactory(event=event)
    proposals = [ProposalFactory(proposal_type=kind) for _ in range(3)]
    return event, proposals


def test_header_and_dashboard_show_the_proposals_waiting(client, user, call):
    event, proposals = call
    ReviewerFactory(event=event, user=user)
    Review.objects.create(proposal=proposals[0], reviewer=user, scores={}, total=3)
    ProposalFactory(proposal_type=proposals[0].proposal_type, state=ProposalState.DRAFT)  # not to review
    client.force_login(user)
    page = client.get("/me/").content.decode()
    header = page[page.index('<nav class="main-nav"') : page.index("</nav>", page.index('<nav class="main-nav"'))]
    assert 'href="/me/reviews/"' in header
    assert '<span class="badge badge-count">2<span class="visually-hidden"> waiting</span></span>' in header
    assert 'href="/me/reviews/"' in page[page.index("<main") :]  # the dashboard card
    reviews = client.get("/me/reviews/").content.decode()
    assert "Inclusive Mobility Conference" in reviews
    assert "2 proposals wait for your review." in reviews
    assert f'href="/events/{event.slug}/review/"' in reviews


def test_people_who_review_nothing_see_no_entry(client, user, call):
    client.force_login(user)
    page = client.get("/me/").content.decode()
    assert "/me/reviews/" not in page
    assert "You do not review proposals" in client.get("/me/reviews/").content.decode()


def test_own_and_assigned_elsewhere_proposals_are_not_counted(client, user, call):
    event, proposals = call
    reviewer = ReviewerFactory(event=event, user=user, all_proposals=False)
    reviewer.assigned.add(proposals[1])
    ProposalFactory(proposal_type=proposals[0].proposal_type, submitter=user)  # their own
    client.force_login(user)
    assert "1 proposal waits for your review." in client.get("/me/reviews/").content.decode()


def test_the_entry_costs_people_who_review_nothing_no_query(client, user, call, django_assert_max_num_queries):
    client.force_login(user)
    with django_assert_max_num_queries(40) as without:
        client.get("/stories/")
    assert not any("events_" in q["sql"] for q in without.captured_queries)


def test_header_count_is_one_query_whatever_the_proposals(client, user, call, django_assert_max_num_queries):
    event, _proposals = call
    ReviewerFactory(event=event, user=user)
    client.force_login(user)
    client.get("/stories/")
    with django_assert_max_num_queries(40) as first:
        client.get("/stories/")
    other_event = EventFactory()
    ReviewerFactory(event=other_event, user=user)
    kind = ProposalTypeFactory(event=other_event)
    for _ in range(5):
        ProposalFactory(proposal_type=kind)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/stories/")


def test_a_new_reviewer_is_emailed_with_the_link(sent, user, call):
    event, _proposals = call
    sent(services_cfp.reviewer_add, event=event, email=user.email)
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "Proposals to review for Inclusive Mobility Conference" in message.subject
    assert f"/events/{event.slug}/review/" in message.body
    assert f"/events/{event.slug}/review/" in message.alternatives[0][0]


def test_assigning_proposals_emails_the_count_once(sent, user, call):
    event, proposals = call
    reviewer = ReviewerFactory(event=event, user=user, all_proposals=False)
    sent(services_cfp.proposals_assign, event=event, reviewer_id=reviewer.pk, ids=[p.pk for p in proposals[:2]])
    assert len(mail.outbox) == 1
    assert "2 proposals for Inclusive Mobility Conference were given to you to review." in mail.outbox[0].body
    sent(services_cfp.proposals_assign, event=event, reviewer_id=reviewer.pk, ids=[proposals[0].pk])
    assert len(mail.outbox) == 1  # nothing new: no second email
    sent(services_cfp.proposals_assign, event=event, reviewer_id=reviewer.pk, ids=[proposals[2].pk])
    assert "1 proposal for Inclusive Mobility Conference was given to you to review." in mail.outbox[1].body


def test_removing_the_last_reviewer_role_removes_the_entry(client, user, call):
    event, _proposals = call
    role = ReviewerFactory(event=event, user=user)
    client.force_login(user)
    assert "/me/reviews/" in client.get("/me/").content.decode()
    role.delete()
    assert "/me/reviews/" not in client.get("/me/").content.decode()


def test_reviewers_are_not_managers(client, user, call):
    event, _proposals = call
    ReviewerFactory(event=event, user=user)
    client.force_login(user)
    assert client.get("/manage/").status_code == 403
