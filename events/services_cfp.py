"""Writes of the call for proposals and its review: proposals, co-presenters, reviews, decisions.

Decisions are staged by organisers and released in bulk; releasing emails each submitter, with a
subject that makes the next step unmistakable when the proposal is accepted.
"""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from accounts.models import User
from accounts.services import notification_create
from siem_portal.exceptions import ApplicationError, ConflictError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit
from siem_portal.storage import private_storage

from .enums import Decision, ProposalKind, ProposalState, ProposalTopic
from .models import CoPresenter, Criterion, Event, Proposal, ProposalType, Review, Reviewer

logger = logging.getLogger(__name__)

PDF_MAX_BYTES = 10 * 1024 * 1024
CONFIRM_REMINDER_AFTER = timedelta(days=7)
SCORE_RANGE = range(1, 6)
DEFAULT_CRITERIA = (
    ("Relevance to inclusion", 2),
    ("Clarity", 1),
    ("Transferability of the practice", 1),
)
PROPOSAL_FIELDS = (
    "title",
    "abstract",
    "outline",
    "practice",
    "audience",
    "topics",
    "language",
    "accessibility_needs",
)


def _proposal_link(proposal: Proposal) -> str:
    return reverse("events:proposal", kwargs={"slug": proposal.event.slug, "pk": proposal.pk})


def _check_proposal(proposal: Proposal, *, submitting: bool) -> None:
    errors: dict = {}
    limit = proposal.proposal_type.abstract_max_length
    if len(proposal.abstract) > limit:
        errors["abstract"] = [
            ngettext(
                "Keep the abstract under %(limit)d character.", "Keep the abstract under %(limit)d characters.", limit
            )
            % {"limit": limit}
        ]
    for field, maximum in (("outline", 3000), ("practice", 3000), ("accessibility_needs", 2000)):
        if len(getattr(proposal, field)) > maximum:
            errors[field] = [
                ngettext("Keep this under %(limit)d character.", "Keep this under %(limit)d characters.", maximum)
                % {"limit": maximum}
            ]
    unknown = set(proposal.topics) - set(ProposalTopic.values)
    if unknown:
        errors["topics"] = [_("Choose topics from the list.")]
    if proposal.language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a language from the list.")]
    if submitting:
        if not proposal.title.strip():
            errors.setdefault("title", [_("Give a title.")])
        if not proposal.abstract.strip():
            errors.setdefault("abstract", [_("Write an abstract.")])
        if proposal.proposal_type.kind == ProposalKind.IGNITE and not proposal.outline.strip():
            errors.setdefault("outline", [_("An Ignite proposal needs an outline of its 20 slides.")])
        if not proposal.topics:
            errors.setdefault("topics", [_("Choose at least one topic.")])
    if errors:
        raise ApplicationError(_("The proposal needs your attention."), errors=errors)


def proposal_save(
    *,
    event: Event,
    user: User,
    proposal_type: ProposalType,
    proposal: Proposal | None = None,
    submit: bool,
    draft_pdf=None,
    **data,
) -> Proposal:
    """Create or change one's proposal until its type's deadline; ``submit`` sends it for review.

    An uploaded ``draft_pdf`` is checked before anything is stored, so a bad file leaves no trace."""
    if draft_pdf is not None:
        pdf_check(draft_pdf)
    unknown = set(data) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ApplicationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if proposal_type.event_id != event.pk:
        raise ApplicationError(_("Choose a kind of session of this event."), field="proposal_type")
    if not proposal_type.is_open():
        raise ApplicationError(_("The deadline for this kind of proposal has passed."))
    if proposal is not None:
        if proposal.submitter_id != user.pk or proposal.event_id != event.pk:
            raise ApplicationError(_("You can only change your own proposals."))
        if proposal.state not in (ProposalState.DRAFT, ProposalState.SUBMITTED):
            raise ConflictError(_("This proposal can no longer be changed."))
    with transaction.atomic():
        proposal = proposal or Proposal(event=event, submitter=user)
        proposal.proposal_type = proposal_type
        for field, value in data.items():
            setattr(proposal, field, value.strip() if isinstance(value, str) else value)
        _check_proposal(proposal, submitting=submit or proposal.state == ProposalState.SUBMITTED)
        first_submission = submit and proposal.state == ProposalState.DRAFT
        if first_submission:
            proposal.state = ProposalState.SUBMITTED
            proposal.submitted_at = timezone.now()
        full_clean_or_raise(proposal, exclude=["event", "submitter", "proposal_type", "topics"])
        proposal.save()
        if draft_pdf is not None:
            _pdf_store(proposal, draft_pdf)
        if first_submission:
            notification_create(
                recipient=user,
                kind="events_proposal",
                template="events/proposal_submitted",
                context={"event": event, "proposal": proposal},
                link=_proposal_link(proposal),
            )
    return proposal


def pdf_check(upload) -> None:
    """A draft must be a readable PDF (checked by its content, not its name) of 10 MB at most."""
    if upload.size > PDF_MAX_BYTES:
        raise ApplicationError(_("The file is larger than 10 MB."), field="draft_pdf")
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ApplicationError(_("The file is not a PDF."), field="draft_pdf")
    try:
        pages = len(PdfReader(upload).pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ApplicationError(_("The PDF cannot be read; export it again and retry."), field="draft_pdf") from exc
    if pages == 0:
        raise ApplicationError(_("The PDF has no pages."), field="draft_pdf")
    upload.seek(0)


def proposal_pdf_attach(*, proposal: Proposal, upload) -> Proposal:
    """Keep a draft PDF for a proposal, replacing the previous one."""
    pdf_check(upload)
    return _pdf_store(proposal, upload)


def _pdf_store(proposal: Proposal, upload) -> Proposal:
    old = proposal.draft_pdf.name
    upload.seek(0)
    proposal.draft_pdf.save(f"{proposal.pk}-{secrets.token_hex(8)}.pdf", upload, save=False)
    proposal.save(update_fields=["draft_pdf", "updated_at"])
    if old:
        # the previous file goes once the new name is committed
        transaction.on_commit(lambda: private_storage().delete(old))
    return proposal


def _accepted_co_presenters(proposal: Proposal) -> list[User]:
    """The people who accepted to present with the submitter and still have an account (once each).

    Accepting needs signing in, so an accepted invitation is linked to an account; an erased
    account takes its invitations with it (see privacy.py), so nobody is emailed at a stale address."""
    invitations = getattr(proposal, "accepted_co_presenters", None)
    if invitations is None:
        invitations = proposal.co_presenters.filter(accepted_at__isnull=False, user__isnull=False).select_related(
            "user"
        )
    people = {}
    for invitation in invitations:
        if invitation.user_id != proposal.submitter_id:
            people.setdefault(invitation.user_id, invitation.user)
    return list(people.values())


def _accepted_co_presenters_prefetch() -> Prefetch:
    return Prefetch(
        "co_presenters",
        queryset=CoPresenter.objects.filter(accepted_at__isnull=False, user__isnull=False).select_related("user"),
        to_attr="accepted_co_presenters",
    )


def proposal_withdraw(*, proposal: Proposal, user: User) -> Proposal:
    """The submitter withdraws; the organisers (for a proposal they could see: not a draft) and the
    co-presenters who accepted are told."""
    if proposal.submitter_id != user.pk:
        raise ApplicationError(_("You can only withdraw your own proposals."))
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
        if locked is None or locked.state in (ProposalState.WITHDRAWN, ProposalState.REJECTED):
            raise ConflictError(_("This proposal is already closed."))
        previous = locked.state
        proposal.state = ProposalState.WITHDRAWN
        proposal.save(update_fields=["state", "updated_at"])
        event = proposal.event
        context = {
            "event": event,
            "proposal": proposal,
            "submitter": proposal.submitter,
            "was_state": ProposalState(previous).label,
            "agenda_sessions": list(proposal.agenda_sessions.values_list("title", flat=True)),
        }
        if previous != ProposalState.DRAFT:
            manage_link = reverse("events:manage-proposals", kwargs={"slug": event.slug})
            for organiser in event.organisers.exclude(pk=user.pk):
                notification_create(
                    recipient=organiser,
                    kind="events_organiser",
                    template="events/proposal_withdrawn_organiser",
                    context=context,
                    link=manage_link,
                )
        for person in _accepted_co_presenters(proposal):
            notification_create(
                recipient=person,
                kind="events_proposal",
                template="events/proposal_withdrawn_co_presenter",
                context=context,
                link=_proposal_link(proposal),
            )
    return proposal


def proposal_confirm(*, proposal: Proposal, user: User) -> Proposal:
    """The presenter confirms an accepted session."""
    if proposal.submitter_id != user.pk:
        raise ApplicationError(_("Only the submitter confirms the session."))
    if proposal.state != ProposalState.ACCEPTED:
        raise ConflictError(_("Only an accepted proposal can be confirmed."))
    proposal.state = ProposalState.CONFIRMED
    proposal.confirmed_at = timezone.now()
    proposal.save(update_fields=["state", "confirmed_at", "updated_at"])
    return proposal


def co_presenter_invite(*, proposal: Proposal, user: User, email: str, name: str) -> CoPresenter:
    """Invite someone by email; the email is sent by a task from the stored row, once."""
    if proposal.submitter_id != user.pk:
        raise ApplicationError(_("Only the submitter invites co-presenters."))
    email, name = email.strip().lower(), name.strip()
    errors = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid email address.")]
    if not name:
        errors["name"] = [_("Give the co-presenter's name.")]
    if email == user.email.lower():
        errors["email"] = [_("You are already the submitter.")]
    if errors:
        raise ApplicationError(_("The invitation cannot be sent."), errors=errors)
    if proposal.co_presenters.count() >= 5:
        raise ConflictError(_("A proposal has at most five co-presenters."))
    try:
        with transaction.atomic():
            invitation = CoPresenter.objects.create(proposal=proposal, email=email, name=name)
    except IntegrityError as exc:
        raise ConflictError(_("This person is already invited."), field="email") from exc
    from .tasks import task_send_co_presenter_invitation

    enqueue_on_commit(task_send_co_presenter_invitation, invitation.pk)
    return invitation


def _co_presenter_language(invitation: CoPresenter) -> str:
    """The invited person's own preference when they have an account, else the submitter's."""
    from accounts.models import User

    own = User.objects.filter(email__iexact=invitation.email).values_list("preferred_language", flat=True).first()
    return own or invitation.proposal.submitter.preferred_language


def co_presenter_invitation_send(*, invitation_id: int) -> bool:
    """Email one invitation exactly once (the row is locked while sending)."""
    from siem_portal.emails import email_render, email_send

    with transaction.atomic():
        invitation = (
            CoPresenter.objects.select_for_update()
            .select_related("proposal__event", "proposal__submitter")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.invitation_sent_at is not None:
            return False
        link = reverse("events:co-presenter-accept", kwargs={"token": invitation.token})
        rendered = email_render(
            "events/co_presenter_invitation",
            {
                "invitation": invitation,
                "proposal": invitation.proposal,
                "event": invitation.proposal.event,
                "link": link,
            },
            language=_co_presenter_language(invitation),
        )
        email_send(to=[invitation.email], subject=rendered.subject, text=rendered.text, html=rendered.html)
        invitation.invitation_sent_at = timezone.now()
        invitation.save(update_fields=["invitation_sent_at"])
    return True


def co_presenter_accept(*, token: str, user: User) -> CoPresenter:
    with transaction.atomic():
        invitation = CoPresenter.objects.select_for_update().select_related("proposal").filter(token=token).first()
        if invitation is None:
            raise ApplicationError(_("This invitation does not exist."))
        if invitation.user_id and invitation.user_id != user.pk:
            raise ConflictError(_("Someone else already accepted this invitation."))
        if invitation.proposal.state == ProposalState.WITHDRAWN:
            raise ConflictError(_("This proposal was withdrawn."))
        invitation.user = user
        invitation.accepted_at = invitation.accepted_at or timezone.now()
        invitation.save(update_fields=["user", "accepted_at"])
    return invitation


# --- review ------------------------------------------------------------------------------------


def proposal_type_save(
    *, event: Event, kind: str, deadline: datetime, abstract_max_length: int = 1500, description: str = ""
) -> ProposalType:
    proposal_type, _created = ProposalType.objects.update_or_create(
        event=event,
        kind=kind,
        defaults={"deadline": deadline, "abstract_max_length": abstract_max_length, "description": description},
    )
    return proposal_type


def criteria_for(*, event: Event) -> list[Criterion]:
    """The event's score criteria, the defaults created on first use."""
    criteria = list(event.criteria.all())
    if not criteria:
        Criterion.objects.bulk_create(
            [
                Criterion(event=event, name=name, weight=weight, order=i)
                for i, (name, weight) in enumerate(DEFAULT_CRITERIA)
            ]
        )
        criteria = list(event.criteria.all())
    return criteria


def criterion_add(*, event: Event, name: str, weight: int) -> Criterion:
    """Add a score criterion; once reviews exist the criteria are fixed, so scores stay comparable."""
    if Review.objects.filter(proposal__event=event).exists():
        raise ConflictError(_("Reviews have started: the criteria can no longer change."))
    criteria_for(event=event)
    criterion = Criterion(event=event, name=name.strip(), weight=weight, order=event.criteria.count())
    full_clean_or_raise(criterion)
    criterion.save()
    return criterion


def criterion_remove(*, event: Event, criterion_id: int) -> None:
    if Review.objects.filter(proposal__event=event).exists():
        raise ConflictError(_("Reviews have started: the criteria can no longer change."))
    if event.criteria.count() <= 1:
        raise ApplicationError(_("Keep at least one criterion."))
    event.criteria.filter(pk=criterion_id).delete()


def proposals_assign(*, event: Event, reviewer_id: int, ids: list[int]) -> int:
    """Give a reviewer these proposals (the reviewer then sees only assigned ones)."""
    reviewer = event.reviewers.filter(pk=reviewer_id).first()
    if reviewer is None:
        raise ApplicationError(_("Choose a reviewer of this event."), field="reviewer")
    proposals = list(event.proposals.filter(pk__in=ids).exclude(submitter=reviewer.user))
    already = set(reviewer.assigned.filter(pk__in=[p.pk for p in proposals]).values_list("pk", flat=True))
    new = [p for p in proposals if p.pk not in already]
    reviewer.assigned.add(*proposals)
    if reviewer.all_proposals:
        reviewer.all_proposals = False
        reviewer.save(update_fields=["all_proposals"])
    if new:
        _notify_reviewer(reviewer, count=len(new))
    return len(proposals)


def _notify_reviewer(reviewer: Reviewer, *, count: int | None) -> None:
    """Tell a reviewer where their work is: ``count`` new assignments, or None for every proposal."""
    event = reviewer.event
    notification_create(
        recipient=reviewer.user,
        kind="events_review",
        template="events/reviewer_assigned",
        context={"event": event, "count": count},
        link=reverse("events:review-list", kwargs={"slug": event.slug}),
    )


def reviewer_add(*, event: Event, email: str, all_proposals: bool = True) -> Reviewer:
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ApplicationError(_("Nobody has an account with this email address."), field="email")
    reviewer, created = Reviewer.objects.update_or_create(
        event=event, user=user, defaults={"all_proposals": all_proposals}
    )
    if created and all_proposals:
        _notify_reviewer(reviewer, count=None)
    return reviewer


def review_save(
    *, proposal: Proposal, reviewer: User, scores: dict, comment: str = "", conflict_of_interest: bool = False
) -> Review:
    """Score a proposal on every criterion (1 to 5), or declare a conflict of interest instead."""
    from .selectors_cfp import proposals_for_reviewer

    if not proposals_for_reviewer(event=proposal.event, user=reviewer).filter(pk=proposal.pk).exists():
        raise ApplicationError(_("You do not review this proposal."))
    criteria = criteria_for(event=proposal.event)
    cleaned, errors = {}, {}
    if not conflict_of_interest:
        for criterion in criteria:
            raw = scores.get(str(criterion.pk), scores.get(criterion.pk))
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = None
            if value not in SCORE_RANGE:
                errors[f"criterion_{criterion.pk}"] = [_("Give a score from 1 to 5.")]
            else:
                cleaned[str(criterion.pk)] = value
    if len(comment) > 5000:
        errors["comment"] = [_("Keep the comment under 5,000 characters.")]
    if errors:
        raise ApplicationError(_("The review needs your attention."), errors=errors)
    total = None
    if cleaned:
        weights = sum(c.weight for c in criteria) or 1
        total = round(sum(cleaned[str(c.pk)] * c.weight for c in criteria) / weights, 2)
    review, _created = Review.objects.update_or_create(
        proposal=proposal,
        reviewer=reviewer,
        defaults={
            "scores": cleaned,
            "total": total,
            "comment": comment.strip(),
            "conflict_of_interest": conflict_of_interest,
        },
    )
    return review


def decisions_stage(*, event: Event, ids: list[int], decision: str) -> int:
    """Note accept/reject on submitted proposals without telling anyone yet."""
    if decision not in Decision.values:
        raise ApplicationError(_("Choose accept, reject or no decision."), field="decision")
    return event.proposals.filter(pk__in=ids, state=ProposalState.SUBMITTED).update(
        staged_decision=decision, updated_at=timezone.now()
    )


def decisions_release(*, event: Event) -> int:
    """Apply every staged decision and email the submitters and the co-presenters who accepted;
    returns how many were released."""
    released = 0
    with transaction.atomic():
        proposals = list(
            event.proposals.select_for_update()
            .filter(state=ProposalState.SUBMITTED)
            .exclude(staged_decision="")
            .select_related("submitter", "event")
            .prefetch_related(_accepted_co_presenters_prefetch())
        )
        for proposal in proposals:
            accepted = proposal.staged_decision == Decision.ACCEPT
            proposal.state = ProposalState.ACCEPTED if accepted else ProposalState.REJECTED
            proposal.staged_decision = ""
            proposal.decided_at = timezone.now()
            proposal.save(update_fields=["state", "staged_decision", "decided_at", "updated_at"])
            notification_create(
                recipient=proposal.submitter,
                kind="events_proposal",
                template="events/proposal_accepted" if accepted else "events/proposal_rejected",
                context={"event": event, "proposal": proposal},
                link=_proposal_link(proposal),
            )
            # co-presenters learn the decision too; only the submitter confirms, so their
            # subject does not ask them for an action they cannot take
            for person in _accepted_co_presenters(proposal):
                notification_create(
                    recipient=person,
                    kind="events_proposal",
                    template="events/proposal_accepted_co_presenter"
                    if accepted
                    else "events/proposal_rejected_co_presenter",
                    context={"event": event, "proposal": proposal, "submitter": proposal.submitter},
                    link=_proposal_link(proposal),
                )
            released += 1
    return released


def confirm_reminders_send(*, now: datetime | None = None) -> int:
    """Remind presenters whose accepted proposal is still unconfirmed seven days after the decision."""
    now = now or timezone.now()
    proposals = Proposal.objects.filter(
        state=ProposalState.ACCEPTED,
        confirm_reminder_sent_at__isnull=True,
        decided_at__lte=now - CONFIRM_REMINDER_AFTER,
    ).select_related("submitter", "event")
    sent = 0
    for proposal in proposals:
        with transaction.atomic():
            if Proposal.objects.filter(pk=proposal.pk, confirm_reminder_sent_at__isnull=True).update(
                confirm_reminder_sent_at=now
            ):
                notification_create(
                    recipient=proposal.submitter,
                    kind="events_proposal",
                    template="events/proposal_confirm_reminder",
                    context={"event": proposal.event, "proposal": proposal},
                    link=_proposal_link(proposal),
                )
                sent += 1
    return sent
