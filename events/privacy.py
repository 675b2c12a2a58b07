"""What the events app holds on a person: registrations, stars, the agenda feed, proposals, reviews."""

from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .models import AgendaFeed, CoPresenter, Event, Proposal, Registration, Review, Reviewer, Star


def export_events(user) -> dict:
    return {
        "registrations": [
            {
                "event": r.event.title,
                "state": r.state,
                "registered_at": r.created_at.isoformat(),
                "answers": r.answers,
                "accessibility_needs": r.accessibility_needs,
                "dietary_requirements": r.dietary_requirements,
                "pronouns": r.pronouns,
                "support_requested": r.support_requested,
                "support_reason": r.support_reason,
                "attendee_list_consent": r.attendee_list_consent,
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "starred_sessions": [
            {"event": s.session.event.title, "session": s.session.title}
            for s in Star.objects.filter(user=user).select_related("session__event")
        ],
        "organised_events": list(Event.objects.filter(organisers=user).values_list("title", flat=True)),
        "has_agenda_feed": AgendaFeed.objects.filter(user=user).exists(),
        "proposals": [
            {
                "event": p.event.title,
                "title": p.title,
                "abstract": p.abstract,
                "outline": p.outline,
                "practice": p.practice,
                "audience": p.audience,
                "topics": p.topics,
                "language": p.language,
                "accessibility_needs": p.accessibility_needs,
                "state": p.state,
                "has_draft_pdf": bool(p.draft_pdf),
            }
            for p in Proposal.objects.filter(submitter=user).select_related("event")
        ],
        "co_presentations": [
            {"proposal": c.proposal.title, "accepted_at": c.accepted_at.isoformat() if c.accepted_at else None}
            for c in CoPresenter.objects.filter(user=user).select_related("proposal")
        ],
        "reviewer_of": list(Reviewer.objects.filter(user=user).values_list("event__title", flat=True)),
        "reviews": [
            {
                "proposal": r.proposal.title,
                "scores": r.scores,
                "comment": r.comment,
                "conflict_of_interest": r.conflict_of_interest,
            }
            for r in Review.objects.filter(reviewer=user).select_related("proposal")
        ],
    }


def erase_events(user) -> None:
    # Registrations, stars and the feed go; the events they organised stay for the other organisers.
    Registration.objects.filter(user=user).delete()
    Star.objects.filter(user=user).delete()
    AgendaFeed.objects.filter(user=user).delete()
    for proposal in Proposal.objects.filter(submitter=user).exclude(draft_pdf=""):
        proposal.draft_pdf.delete(save=False)
    Proposal.objects.filter(submitter=user).delete()
    # invitations name and address the person: they go whether accepted or not
    CoPresenter.objects.filter(user=user).delete()
    CoPresenter.objects.filter(email__iexact=user.email).delete()
    Review.objects.filter(reviewer=user).delete()
    Reviewer.objects.filter(user=user).delete()
    for event in Event.objects.filter(organisers=user):
        event.organisers.remove(user)


HANDLER = PrivacyHandler(
    label="events",
    models=(Registration, Star, AgendaFeed, Event, Proposal, CoPresenter, Reviewer, Review),
    export=export_events,
    erase=erase_events,
)

ACTIVITIES = (
    ProcessingActivity(
        code="events",
        name=_("Events: registrations, proposals and reviews"),
        purpose=_(
            "Run the project's conferences and trainings: seats and waiting lists, support needs, session "
            "proposals, their review and the agenda."
        ),
        legal_basis=_(
            "Contract: the registration or proposal the person sends (GDPR Art. 6(1)(b)); explicit consent for "
            "the optional accessibility and dietary needs (Art. 9(2)(a))."
        ),
        data_subjects=_("People who register for an event, propose a session, co-present or review proposals."),
        data_categories=_(
            "Name, email, organisation, answers to the registration questions, accessibility and dietary needs, "
            "support requests, proposals and their files, reviews and scores, check-in."
        ),
        retention=_("Until the person deletes the account; organisers may delete an event's registrations after it."),
        recipients=_(
            "The event's organisers; reviewers see proposals (without names in anonymous review); attendees see "
            "the attendee list only with each person's consent."
        ),
        special_categories=True,
        models=HANDLER.models,
        order=40,
    ),
)
