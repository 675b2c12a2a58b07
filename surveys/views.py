"""Taking a survey: start or resume, one section per page, consent, review, thanks; my surveys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError, ForbiddenError

from . import selectors, services, taking
from .definition import load_definition
from .enums import ResponseStatus, SurveyStatus
from .models import Invitation, Response
from .presentation import current_language, fallback_lang, parse_section_post, question_view
from .throttling import answer_allowed
from .validation import stored_answers, values_from_rows

SESSION_DRAFT = "surveys_draft_{}"
SESSION_INVITATION = "surveys_invitation_{}"
SESSION_DONE = "surveys_done_{}"


def survey_list(request):
    surveys = list(selectors.surveys_open_for(user=request.user))
    lang = current_language()
    items = [
        {
            "survey": s,
            "title": s.tr("title", lang),
            "description": s.tr("description", lang),
            "title_lang": fallback_lang(s.translations, "title", lang),
            "description_lang": fallback_lang(s.translations, "description", lang),
        }
        for s in surveys
    ]
    return render(request, "surveys/list.html", {"items": items})


def _survey_or_404(slug):
    survey = selectors.survey_for_taking(slug=slug)
    if survey is None:
        raise Http404
    return survey


def _invitation(request, survey):
    token = request.session.get(SESSION_INVITATION.format(survey.pk))
    return Invitation.objects.filter(token=token, survey=survey).first() if token else None


def _current_response(request, survey, invitation=None):
    """The draft (or finished response) of whoever is taking the survey in this browser."""
    if not survey.anonymous:
        if request.user.is_authenticated:
            response = Response.objects.filter(survey=survey, respondent=request.user).first()
            if response:
                return response
        if invitation is not None:
            response = Response.objects.filter(survey=survey, invitation=invitation).first()
            if response:
                return response
    pseudonym = request.session.get(SESSION_DRAFT.format(survey.pk))
    if pseudonym:
        return Response.objects.filter(survey=survey, pseudonym=pseudonym, status=ResponseStatus.IN_PROGRESS).first()
    return None


def _closed_page(request, survey, message, status=200):
    lang = current_language()
    return render(
        request,
        "surveys/closed.html",
        {"survey": survey, "title": survey.tr("title", lang), "message": message},
        status=status,
    )


def survey_take(request, slug):
    """The survey's start page: what it is about, then start, continue or enter a resume code."""
    survey = _survey_or_404(slug)
    lang = current_language()
    invitation = _invitation(request, survey)
    response = _current_response(request, survey, invitation)
    if (response is not None and response.status == ResponseStatus.SUBMITTED) or (
        response is None and request.session.get(SESSION_DONE.format(survey.pk))
    ):
        return redirect("surveys:thanks", slug=survey.slug)
    if response is None:
        try:
            services.survey_check_can_answer(survey=survey, user=request.user, invitation=invitation)
        except ForbiddenError as exc:
            if not request.user.is_authenticated and survey.access == "signed_in":
                return redirect(f"{reverse('account_login')}?next={request.path}")
            return _closed_page(request, survey, exc.message, status=403)
        except ApplicationError as exc:
            return _closed_page(request, survey, exc.message)
    elif not survey.is_open():
        return _closed_page(request, survey, _("This survey is closed."))
    definition = load_definition(survey)
    return render(
        request,
        "surveys/start.html",
        {
            "survey": survey,
            "title": survey.tr("title", lang),
            "description": survey.tr("description", lang),
            "title_lang": fallback_lang(survey.translations, "title", lang),
            "description_lang": fallback_lang(survey.translations, "description", lang),
            "response": response,
            "sections": [s.tr("title", lang) for s in definition.sections],
            "question_count": sum(1 for _ in definition.answerable()),
            "resume_code": request.session.pop("surveys_resume_code", None),
        },
    )


@require_POST
def survey_start(request, slug):
    survey = _survey_or_404(slug)
    invitation = _invitation(request, survey)
    response = _current_response(request, survey, invitation)
    if response is None:
        try:
            response, code = services.response_start(
                survey=survey, user=request.user, invitation=invitation, language=current_language()
            )
        except ApplicationError as exc:
            return _closed_page(request, survey, exc.message, status=exc.status_code)
        if survey.anonymous or not request.user.is_authenticated:
            request.session[SESSION_DRAFT.format(survey.pk)] = response.pseudonym
        if code:
            request.session["surveys_resume_code"] = code
            messages.info(
                request,
                _("Your resume code is %(code)s. Write it down: with it you can continue later on any device.")
                % {"code": code},
            )
    return redirect("surveys:step", slug=survey.slug, step=response.step)


@require_POST
def survey_resume(request, slug):
    survey = _survey_or_404(slug)
    response = services.response_by_resume_code(survey=survey, code=request.POST.get("code", ""))
    if response is None:
        messages.error(request, _("We found no unfinished answers with this code. Check it and try again."))
        return redirect("surveys:take", slug=survey.slug)
    request.session[SESSION_DRAFT.format(survey.pk)] = response.pseudonym
    return redirect("surveys:step", slug=survey.slug, step=response.step)


def invited(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("survey"), token=token)
    request.session[SESSION_INVITATION.format(invitation.survey_id)] = invitation.token
    return redirect("surveys:take", slug=invitation.survey.slug)


def _draft_or_redirect(request, survey):
    response = _current_response(request, survey, _invitation(request, survey))
    if response is None or response.status != ResponseStatus.IN_PROGRESS:
        return None
    return response


def _survey_and_draft(request, slug):
    """The survey and this browser's (or person's) draft, in one query on every page of the survey."""
    pseudonyms = [v for k, v in request.session.items() if k.startswith("surveys_draft_")]
    match = Q(pseudonym__in=pseudonyms) if pseudonyms else Q(pk__in=[])
    if request.user.is_authenticated:
        match |= Q(respondent=request.user)
    # a person has few drafts: pick this survey's in Python, which keeps the one query simple
    for response in Response.objects.select_related("survey").filter(match, status=ResponseStatus.IN_PROGRESS):
        if response.survey.slug == slug and response.survey.status != SurveyStatus.DRAFT:
            return response.survey, response
    # an invitation's draft, or no draft at all
    survey = _survey_or_404(slug)
    return survey, _draft_or_redirect(request, survey)


def _needs_consent(definition, response, step) -> bool:
    return response.consent is None and any(s.special for s in definition.sections[: step + 1])


def survey_step(request, slug, step):
    survey, response = _survey_and_draft(request, slug)
    if response is None:
        return redirect("surveys:take", slug=survey.slug)
    if not survey.is_open():
        return _closed_page(request, survey, _("This survey is closed."))
    definition = load_definition(survey)
    if step < 0 or step >= len(definition.sections):
        raise Http404
    if _needs_consent(definition, response, step) and definition.sections[step].special:
        return redirect(f"{reverse('surveys:consent', args=[survey.slug])}?step={step}")
    lang = current_language()
    values = values_from_rows(definition, stored_answers(response))
    errors = {}
    if request.method == "POST":
        raw, errors = parse_section_post(definition.sections[step], request.POST)
        going_back = request.POST.get("action") == "back"
        if not errors:
            try:
                target = max(step - 1, 0) if going_back else step + 1
                services.response_save_step(
                    response=response, step=step, raw=raw, next_step=min(target, len(definition.sections))
                )
            except ApplicationError as exc:
                errors = exc.errors
            else:
                # the answers just saved decide which sections come next
                values = values_from_rows(definition, stored_answers(response))
                if going_back:
                    back = taking.previous_step(definition, values, response.consent, step)
                    return redirect("surveys:step", slug=survey.slug, step=back)
                return _next_page(survey, definition, response, step + 1, values)
        # every answer of the page survives its errors; nothing saved is lost
        values = taking.page_values(values, raw)
    elif not taking.section_visible(definition.sections[step], values, response.consent):
        # none of this section's questions applies to this person: go on to the next one that does
        return _next_page(survey, definition, response, step + 1, values)
    section = definition.sections[step]
    # without consent, special-category questions are not asked (and the server drops them too)
    shown = [q for q in section.questions if response.consent or not q.special_category]
    codes = _section_codes(shown)
    blank = not errors and not any(values.get(code) not in (None, "", []) for code in codes)
    # a section nobody has answered yet looks the same for everyone: render it once per version and language
    cache_key = f"surveys:section:{survey.pk}:{survey.updated_at.timestamp()}:{step}:{lang}:{bool(response.consent)}"
    cached = cache.get(cache_key) if blank else None
    # our own template output, escaped when it was rendered
    questions_html = mark_safe(cached) if cached is not None else None  # noqa: S308
    error_list = []
    number, total = taking.progress(definition, values, response.consent, step)
    if questions_html is None:
        questions = [question_view(q, lang, values, errors) for q in shown]
        questions_html = render_to_string("surveys/_questions.html", {"questions": questions})
        if blank:
            cache.set(cache_key, questions_html, 3600)
        for item in questions:
            for sub in item["rows"] or [item]:
                for message in sub["errors"]:
                    error_list.append({"id": sub["first_id"], "text": sub["text"], "message": message})
    return render(
        request,
        "surveys/step.html",
        {
            "survey": survey,
            "title": survey.tr("title", lang),
            "section_title": section.tr("title", lang),
            "section_description": section.tr("description", lang),
            "title_lang": fallback_lang(survey.translations, "title", lang),
            "section_title_lang": fallback_lang(section.translations, "title", lang),
            "section_description_lang": fallback_lang(section.translations, "description", lang),
            "questions_html": questions_html,
            "error_list": error_list,
            "step": step,
            "number": number,
            "total": total,
            "values": {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()},
        },
        status=400 if error_list else 200,
    )


def _section_codes(questions) -> list[str]:
    codes = []
    for q in questions:
        codes.extend([r.code for r in q.rows] if q.rows else [q.code])
    return codes


def _next_page(survey, definition, response, step, values=None):
    """The next section this person sees from ``step`` on (sections whose questions are all hidden,
    by their conditions or by declined consent, are skipped), or the review."""
    if values is None:
        values = values_from_rows(definition, stored_answers(response))
    target = taking.next_step(definition, values, response.consent, step)
    if target is None:
        return redirect("surveys:review", slug=survey.slug)
    return redirect("surveys:step", slug=survey.slug, step=target)


def survey_consent(request, slug):
    survey, response = _survey_and_draft(request, slug)
    if response is None:
        return redirect("surveys:take", slug=survey.slug)
    definition = load_definition(survey)
    try:
        step = int(request.GET.get("step", request.POST.get("step", 0)))
    except ValueError:
        step = 0
    step = min(max(step, 0), len(definition.sections) - 1)
    lang = current_language()
    error = ""
    if request.method == "POST":
        choice = request.POST.get("consent")
        if choice in ("yes", "no"):
            services.response_set_consent(response=response, given=choice == "yes")
            if choice == "yes":
                return redirect("surveys:step", slug=survey.slug, step=step)
            return _next_page(survey, definition, response, step)
        error = _("Please choose whether you agree.")
    number, total = taking.progress(
        definition, values_from_rows(definition, stored_answers(response)), response.consent, step
    )
    return render(
        request,
        "surveys/consent.html",
        {
            "survey": survey,
            "title": survey.tr("title", lang),
            "consent_text": survey.tr("consent_text", lang),
            "step": step,
            "error": error,
            "number": number,
            "total": total,
        },
        status=400 if error else 200,
    )


def _review_items(definition, values, lang, consent):
    from .validation import is_visible

    sections = []
    institutions = taking.institution_names(definition, values)
    for i, s in enumerate(definition.sections):
        items = []
        for q in s.questions:
            for sub in q.rows or [q]:
                if not sub.answerable:
                    continue
                if not is_visible(sub, values, consent):
                    continue
                shown = taking.answer_label(sub, values.get(sub.code), lang, institutions)
                other = values.get(sub.code + "__other")
                if other:
                    shown = f"{shown}: {other}"
                text = sub.tr("text", lang)
                if sub.parent_code:
                    text = f"{definition.by_code[sub.parent_code].tr('text', lang)} — {text}"
                items.append({"text": text, "value": shown})
        sections.append({"title": s.tr("title", lang), "step": i, "items": items})
    return sections


def survey_review(request, slug):
    survey, response = _survey_and_draft(request, slug)
    if response is None:
        return redirect("surveys:take", slug=survey.slug)
    definition = load_definition(survey)
    lang = current_language()
    error_list = []
    if request.method == "POST" and request.POST.get("website"):
        # the honeypot of the public forms: people leave it empty
        error_list.append(
            {"step": 0, "text": _("Leave this field empty"), "message": _("This form could not be sent.")}
        )
    elif request.method == "POST" and not answer_allowed(request, survey):
        return _closed_page(
            request, survey, _("Too many answers from this connection: please try again later."), status=429
        )
    elif request.method == "POST":
        try:
            services.response_submit(response=response, user=request.user, invitation=_invitation(request, survey))
        except ApplicationError as exc:
            if exc.status_code == 409:
                return _closed_page(request, survey, exc.message, status=409)
            for code, msgs in exc.errors.items():
                q = definition.by_code.get(code.removesuffix("__other"))
                if q is not None:
                    for m in msgs:
                        error_list.append({"step": q.section_index, "text": q.tr("text", lang), "message": m})
        else:
            request.session.pop(SESSION_DRAFT.format(survey.pk), None)
            request.session[SESSION_DONE.format(survey.pk)] = True
            return redirect("surveys:thanks", slug=survey.slug)
    values = values_from_rows(definition, stored_answers(response))
    return render(
        request,
        "surveys/review.html",
        {
            "survey": survey,
            "title": survey.tr("title", lang),
            "sections": _review_items(definition, values, lang, response.consent),
            "error_list": error_list,
            "total": len(definition.sections),
            "last_step": len(definition.sections) - 1,
        },
        status=400 if error_list else 200,
    )


def survey_thanks(request, slug):
    survey = _survey_or_404(slug)
    lang = current_language()
    return render(request, "surveys/thanks.html", {"survey": survey, "title": survey.tr("title", lang)})


# --- my surveys -----------------------------------------------------------------------------------


@login_required
def my_surveys(request):
    responses = list(selectors.responses_of(user=request.user))
    participations = list(selectors.participations_of(user=request.user))
    lang = current_language()
    return render(
        request,
        "surveys/mine.html",
        {
            "drafts": [(r, r.survey.tr("title", lang)) for r in responses if r.status == ResponseStatus.IN_PROGRESS],
            "submitted": [(r, r.survey.tr("title", lang)) for r in responses if r.status == ResponseStatus.SUBMITTED],
            "participations": [(p, p.survey.tr("title", lang)) for p in participations],
        },
    )


@login_required
def my_response(request, pk):
    # the person's own responses only: anyone else's id gives 404
    response = get_object_or_404(selectors.responses_of(user=request.user), pk=pk)
    definition = load_definition(response.survey)
    lang = current_language()
    values = values_from_rows(definition, stored_answers(response))
    return render(
        request,
        "surveys/my_response.html",
        {
            "response": response,
            "title": response.survey.tr("title", lang),
            "sections": _review_items(definition, values, lang, response.consent),
            "can_withdraw": response.survey.is_open(),
        },
    )


@login_required
@require_POST
def my_response_withdraw(request, pk):
    response = get_object_or_404(selectors.responses_of(user=request.user), pk=pk)
    try:
        services.response_withdraw(response=response, user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:my-response", pk=pk)
    messages.success(request, _("Your response was withdrawn and deleted."))
    return redirect("surveys:mine")
