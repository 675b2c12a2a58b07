"""Pages of the call for proposals, the review and the organisers' proposal dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.storage import private_file_response

from . import selectors_cfp, services_cfp
from .enums import Decision, ProposalKind, ProposalState
from .forms import CoPresenterForm, CriterionForm, ProposalForm, ProposalTypeForm, ReviewerForm, ReviewForm
from .models import CoPresenter, Review
from .views import _event_or_404, _managed_event_or_404, _posted_id

EDITABLE = (ProposalState.DRAFT, ProposalState.SUBMITTED)


def cfp(request, slug):
    event = _event_or_404(request, slug)
    types = list(event.proposal_types.all())
    mine = selectors_cfp.proposals_of_user(event=event, user=request.user) if request.user.is_authenticated else []
    return render(
        request,
        "events/cfp.html",
        {
            "event": event,
            "types": types,
            "mine": mine,
            "is_reviewer": request.user.has_perm("events.review_event", event),
        },
    )


def _save_proposal(request, event, proposal_type, form, proposal=None):
    data = {k: v for k, v in form.cleaned_data.items() if k != "draft_pdf_upload"}
    try:
        proposal = services_cfp.proposal_save(
            event=event,
            user=request.user,
            proposal_type=proposal_type,
            proposal=proposal,
            submit="submit" in request.POST,
            draft_pdf=form.cleaned_data.get("draft_pdf_upload") or None,
            **data,
        )
    except ApplicationError as exc:
        if exc.field == "draft_pdf":
            form.add_error("draft_pdf_upload", exc.message)
        else:
            form_add_application_error(form, exc)
        return None
    return proposal


@login_required
def proposal_new(request, slug, kind):
    event = _event_or_404(request, slug)
    proposal_type = get_object_or_404(event.proposal_types, kind=kind)
    form = ProposalForm(request.POST or None, request.FILES or None, proposal_type=proposal_type)
    if not proposal_type.is_open():
        messages.error(request, _("The deadline for this kind of proposal has passed."))
        return redirect("events:cfp", slug=event.slug)
    if request.method == "POST" and form.is_valid():
        proposal = _save_proposal(request, event, proposal_type, form)
        if proposal is not None:
            messages.success(
                request,
                _("Your proposal is submitted.") if proposal.state == ProposalState.SUBMITTED else _("Draft saved."),
            )
            return redirect("events:proposal", slug=event.slug, pk=proposal.pk)
    return render(request, "events/proposal_form.html", {"event": event, "form": form, "proposal_type": proposal_type})


@login_required
def proposal_detail(request, slug, pk):
    event = _event_or_404(request, slug)
    proposal = selectors_cfp.proposal_for_user(event=event, pk=pk, user=request.user)
    if proposal is None:
        raise Http404
    is_submitter = proposal.submitter_id == request.user.pk
    editable = is_submitter and proposal.state in EDITABLE and proposal.proposal_type.is_open()
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        instance=proposal,
        proposal_type=proposal.proposal_type,
        initial={"topics": proposal.topics},
    )
    if request.method == "POST" and editable and form.is_valid():
        saved = _save_proposal(request, event, proposal.proposal_type, form, proposal=proposal)
        if saved is not None:
            messages.success(request, _("Your proposal is saved."))
            return redirect("events:proposal", slug=event.slug, pk=proposal.pk)
    return render(
        request,
        "events/proposal.html",
        {
            "event": event,
            "proposal": proposal,
            "form": form,
            "editable": editable,
            "is_submitter": is_submitter,
            "co_presenter_form": CoPresenterForm(),
            "co_presenters": proposal.co_presenters.all(),
            "ignite": proposal.proposal_type.kind == ProposalKind.IGNITE,
        },
    )


@login_required
@require_POST
def proposal_action(request, slug, pk, action):
    event = _event_or_404(request, slug)
    proposal = selectors_cfp.proposal_for_user(event=event, pk=pk, user=request.user)
    if proposal is None or proposal.submitter_id != request.user.pk:
        raise Http404
    try:
        if action == "withdraw":
            services_cfp.proposal_withdraw(proposal=proposal, user=request.user)
            messages.success(request, _("Your proposal is withdrawn."))
        elif action == "confirm":
            services_cfp.proposal_confirm(proposal=proposal, user=request.user)
            messages.success(request, _("Thank you: your session is confirmed."))
        elif action == "invite":
            form = CoPresenterForm(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
            else:
                services_cfp.co_presenter_invite(proposal=proposal, user=request.user, **form.cleaned_data)
                messages.success(request, _("The invitation is on its way."))
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("events:proposal", slug=event.slug, pk=proposal.pk)


@login_required
def proposal_pdf(request, slug, pk):
    event = _event_or_404(request, slug)
    proposal = selectors_cfp.proposal_for_user(event=event, pk=pk, user=request.user)
    if proposal is None and not event.anonymous_review:
        # with open review, reviewers may read the draft too
        proposal = selectors_cfp.proposals_for_reviewer(event=event, user=request.user).filter(pk=pk).first()
    if proposal is None or not proposal.draft_pdf:
        raise Http404
    return private_file_response(
        proposal.draft_pdf.storage,
        proposal.draft_pdf.name,
        filename=f"proposal-{proposal.pk}.pdf",
        content_type="application/pdf",
        as_attachment=False,
    )


@login_required
def co_presenter_accept(request, token):
    invitation = get_object_or_404(CoPresenter.objects.select_related("proposal__event"), token=token)
    if request.method == "POST":
        try:
            services_cfp.co_presenter_accept(token=token, user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("You are a co-presenter of this proposal."))
            proposal = invitation.proposal
            return redirect("events:proposal", slug=proposal.event.slug, pk=proposal.pk)
    return render(request, "events/co_presenter.html", {"invitation": invitation})


# --- review ------------------------------------------------------------------------------------


@login_required
def review_list(request, slug):
    event = _event_or_404(request, slug)
    if not request.user.has_perm("events.review_event", event):
        raise Http404
    proposals = selectors_cfp.proposals_for_reviewer(event=event, user=request.user)
    reviewed = set(
        Review.objects.filter(reviewer=request.user, proposal__event=event).values_list("proposal_id", flat=True)
    )
    return render(request, "events/review_list.html", {"event": event, "proposals": proposals, "reviewed": reviewed})


@login_required
def my_reviews(request):
    """/me/reviews/: every event the person reviews, with the proposals waiting for their scores."""
    return render(request, "events/my_reviews.html", {"rows": selectors_cfp.review_overview(user=request.user)})


@login_required
def review_proposal(request, slug, pk):
    event = _event_or_404(request, slug)
    proposal = selectors_cfp.proposals_for_reviewer(event=event, user=request.user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    criteria = services_cfp.criteria_for(event=event)
    existing = Review.objects.filter(proposal=proposal, reviewer=request.user).first()
    initial = {}
    if existing:
        initial = {"comment": existing.comment, "conflict_of_interest": existing.conflict_of_interest}
        initial.update({f"criterion_{k}": v for k, v in existing.scores.items()})
    form = ReviewForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services_cfp.review_save(
                proposal=proposal,
                reviewer=request.user,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                conflict_of_interest=form.cleaned_data["conflict_of_interest"],
            )
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("events:review-list", slug=event.slug)
    return render(
        request,
        "events/review.html",
        {
            "event": event,
            "proposal": proposal,
            "form": form,
            "anonymous": event.anonymous_review,
            "co_presenters": [] if event.anonymous_review else proposal.co_presenters.filter(accepted_at__isnull=False),
        },
    )


# --- organisers --------------------------------------------------------------------------------


@login_required
def manage_proposals(request, slug):
    event = _managed_event_or_404(request, slug)
    if request.method == "POST":
        if request.POST.get("release"):
            count = services_cfp.decisions_release(event=event)
            messages.success(
                request,
                ngettext("%(count)d decision released and emailed.", "%(count)d decisions released and emailed.", count)
                % {"count": count},
            )
        elif request.POST.get("assign"):
            ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
            try:
                count = services_cfp.proposals_assign(event=event, reviewer_id=_posted_id(request, "reviewer"), ids=ids)
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    ngettext("%(count)d proposal assigned.", "%(count)d proposals assigned.", count) % {"count": count},
                )
        else:
            ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
            try:
                count = services_cfp.decisions_stage(event=event, ids=ids, decision=request.POST.get("decision", ""))
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d decision staged; nobody is told until you release it.",
                        "%(count)d decisions staged; nobody is told until you release them.",
                        count,
                    )
                    % {"count": count},
                )
        return redirect(request.get_full_path())
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    sort = request.GET.get("sort", "-mean")
    rows = selectors_cfp.review_dashboard(event=event, state=state, kind=kind, sort=sort)
    staged = event.proposals.filter(state=ProposalState.SUBMITTED).exclude(staged_decision="").count()
    return render(
        request,
        "events/manage/proposals.html",
        {
            "event": event,
            "rows": rows,
            "states": ProposalState.choices,
            "kinds": ProposalKind.choices,
            "state": state,
            "kind": kind,
            "sort": sort,
            "staged": staged,
            "decisions": Decision.choices,
            "reviewers": event.reviewers.select_related("user"),
        },
    )


@login_required
def manage_cfp(request, slug):
    event = _managed_event_or_404(request, slug)
    type_form = ProposalTypeForm(request.POST if "type-kind" in request.POST else None, prefix="type")
    reviewer_form = ReviewerForm(request.POST if "reviewer-email" in request.POST else None, prefix="reviewer")
    criterion_form = CriterionForm(request.POST if "criterion-name" in request.POST else None, prefix="criterion")
    if request.method == "POST":
        if request.POST.get("remove_criterion") or criterion_form.is_bound:
            try:
                if criterion_form.is_bound:
                    if not criterion_form.is_valid():
                        raise ApplicationError(_("Give the criterion a name and a weight."))
                    services_cfp.criterion_add(event=event, **criterion_form.cleaned_data)
                else:
                    services_cfp.criterion_remove(event=event, criterion_id=_posted_id(request, "remove_criterion"))
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The criteria are saved."))
            return redirect("events:manage-cfp", slug=event.slug)
        if request.POST.get("remove_reviewer"):
            event.reviewers.filter(pk=_posted_id(request, "remove_reviewer")).delete()
            messages.success(request, _("The reviewer is removed."))
            return redirect("events:manage-cfp", slug=event.slug)
        if type_form.is_bound and type_form.is_valid():
            services_cfp.proposal_type_save(event=event, **type_form.cleaned_data)
            messages.success(request, _("The kind of proposal is saved."))
            return redirect("events:manage-cfp", slug=event.slug)
        if reviewer_form.is_bound and reviewer_form.is_valid():
            try:
                services_cfp.reviewer_add(event=event, **reviewer_form.cleaned_data)
            except ApplicationError as exc:
                reviewer_form.add_error("email", exc.message)
            else:
                messages.success(request, _("The reviewer is added."))
                return redirect("events:manage-cfp", slug=event.slug)
    return render(
        request,
        "events/manage/cfp.html",
        {
            "event": event,
            "type_form": type_form,
            "reviewer_form": reviewer_form,
            "types": event.proposal_types.all(),
            "reviewers": event.reviewers.select_related("user"),
            "criteria": services_cfp.criteria_for(event=event),
            "criterion_form": criterion_form,
        },
    )
