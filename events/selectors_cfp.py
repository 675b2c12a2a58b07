"""Reads of the call for proposals and its review, filtered for the person asking."""

import statistics

from django.db.models import Prefetch, Q, QuerySet

from accounts.rules import group_names

from .enums import REVIEWER_GROUP, ProposalState
from .models import Event, Proposal, Review, Reviewer


def reviewer_role(*, event: Event, user) -> Reviewer | None:
    if not user.is_authenticated:
        return None
    return Reviewer.objects.filter(event=event, user=user).first()


def proposals_for_reviewer(*, event: Event, user) -> QuerySet[Proposal]:
    """Submitted (or decided) proposals a reviewer of this event may see; never their own."""
    role = reviewer_role(event=event, user=user)
    if role is None:
        return Proposal.objects.none()
    qs = event.proposals.exclude(state__in=[ProposalState.DRAFT, ProposalState.WITHDRAWN]).exclude(
        Q(submitter=user) | Q(co_presenters__user=user)
    )
    if not role.all_proposals:
        qs = qs.filter(assigned_reviewers=role)
    return qs.select_related("proposal_type").distinct().order_by("pk")


def is_reviewer(user) -> bool:
    """Does this person review proposals of any event. Reviewers are also in the REVIEWER_GROUP group
    (kept in step by events/signals.py), so the header asks no query of its own: the person's groups
    are read once per request anyway."""
    return bool(user and user.is_authenticated and REVIEWER_GROUP in group_names(user))


def proposals_to_review_count(*, user) -> int:
    """How many submitted proposals wait for this person's review, over every event they review (one
    query, kept on the user object for the request: the header and /me/ both ask)."""
    if not is_reviewer(user):
        return 0
    cached = getattr(user, "_siem_to_review", None)
    if cached is None:
        cached = (
            Proposal.objects.filter(state=ProposalState.SUBMITTED)
            .filter(
                Q(event__reviewers__user=user, event__reviewers__all_proposals=True) | Q(assigned_reviewers__user=user)
            )
            .exclude(Q(submitter=user) | Q(co_presenters__user=user) | Q(reviews__reviewer=user))
            .distinct()
            .count()
        )
        user._siem_to_review = cached
    return cached


def review_overview(*, user) -> list[dict]:
    """For /me/reviews/: each event the person reviews, with the proposals left and done."""
    rows = []
    for role in Reviewer.objects.filter(user=user).select_related("event").order_by("-event__starts_at"):
        visible = proposals_for_reviewer(event=role.event, user=user)
        reviewed = Review.objects.filter(reviewer=user, proposal__in=visible).count()
        waiting = visible.filter(state=ProposalState.SUBMITTED).exclude(reviews__reviewer=user).count()
        rows.append({"event": role.event, "waiting": waiting, "reviewed": reviewed})
    return rows


def proposals_of_user(*, event: Event, user) -> QuerySet[Proposal]:
    return (
        event.proposals.filter(Q(submitter=user) | Q(co_presenters__user=user))
        .distinct()
        .select_related("proposal_type")
    )


def proposal_for_user(*, event: Event, pk: int, user) -> Proposal | None:
    """A proposal its submitter, an accepted co-presenter or an organiser may open."""
    proposal = event.proposals.filter(pk=pk).select_related("proposal_type", "submitter").first()
    if proposal is None:
        return None
    if user.has_perm("events.change_event", event) or proposal.submitter_id == user.pk:
        return proposal
    if proposal.co_presenters.filter(user=user).exists():
        return proposal
    return None


def review_dashboard(*, event: Event, state: str = "", kind: str = "", sort: str = "-mean") -> list[dict]:
    """Every non-draft proposal with its mean weighted score and spread (standard deviation).

    Three queries whatever the number of proposals and reviews."""
    qs = event.proposals.exclude(state=ProposalState.DRAFT).select_related("proposal_type", "submitter")
    if state in ProposalState.values:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(proposal_type__kind=kind)
    qs = qs.prefetch_related(Prefetch("reviews", queryset=Review.objects.order_by("pk")))
    rows = []
    for proposal in qs:
        totals = [r.total for r in proposal.reviews.all() if r.total is not None]
        rows.append(
            {
                "proposal": proposal,
                "reviews": len(totals),
                "conflicts": sum(1 for r in proposal.reviews.all() if r.conflict_of_interest),
                "mean": round(statistics.fmean(totals), 2) if totals else None,
                "spread": round(statistics.pstdev(totals), 2) if len(totals) > 1 else (0.0 if totals else None),
            }
        )
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    if key not in ("mean", "spread", "reviews", "title"):
        key, reverse = "mean", True
    if key == "title":
        rows.sort(key=lambda r: r["proposal"].title.lower(), reverse=reverse)
    else:
        # proposals without reviews go last whichever the direction
        rows.sort(key=lambda r: (r[key] is None, -(r[key] or 0) if reverse else (r[key] or 0)))
    return rows
