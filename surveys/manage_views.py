"""The survey builder for survey managers, at /manage/surveys/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.uploads import XLSFORM_MAX_BYTES, upload_read

from . import selectors, services
from .definition import load_definition
from .forms import ChoiceEditForm, ChoiceForm, ImportForm, InvitationForm, QuestionForm, SectionForm, SurveyForm
from .models import Choice, Question, Section, Survey
from .presentation import question_view
from .xlsform import spec_to_xlsform, survey_import_xlsform


def manager_required(view):
    return login_required(permission_required("surveys.manage_surveys", raise_exception=True)(view))


@manager_required
def survey_list(request):
    return render(request, "surveys/manage/list.html", {"surveys": selectors.surveys_for_manager()})


@manager_required
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(created_by=request.user, data=form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The survey was created. Now add its questions."))
            return redirect("surveys:manage-edit", slug=survey.slug)
    return render(request, "surveys/manage/survey_form.html", {"form": form}, status=400 if form.errors else 200)


@manager_required
def survey_edit(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    form = SurveyForm(request.POST or None, instance=Survey.objects.get(pk=survey.pk))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_update(survey=survey, data=form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect("surveys:manage-edit", slug=survey.slug)
    sections = list(survey.sections.order_by("order", "id"))
    questions = list(
        Question.objects.filter(survey=survey, removed_in_version__isnull=True, parent=None).prefetch_related(
            "choices", "rows"
        )
    )
    for section in sections:
        section.items = [q for q in questions if q.section_id == section.id]
    return render(
        request,
        "surveys/manage/survey_edit.html",
        {
            "survey": survey,
            "form": form,
            "sections": sections,
            "responses": survey.responses.filter(status="submitted").count(),
            "counts": selectors.invitation_counts(survey=survey),
        },
        status=400 if form.errors else 200,
    )


@manager_required
@require_POST
def survey_status(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    try:
        services.survey_set_status(survey=survey, status=request.POST.get("status", ""))
    except (ApplicationError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    else:
        messages.success(request, _("The survey is now %(status)s.") % {"status": survey.get_status_display()})
    return redirect("surveys:manage-edit", slug=survey.slug)


@manager_required
@require_POST
def survey_duplicate(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    copy = services.survey_duplicate(survey=survey, created_by=request.user)
    messages.success(request, _("A draft copy was made."))
    return redirect("surveys:manage-edit", slug=copy.slug)


@manager_required
def survey_preview(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    definition = load_definition(survey)
    lang = request.GET.get("lang") or "en"
    sections = [
        {"title": s.tr("title", lang), "questions": [question_view(q, lang, {}, {}) for q in s.questions]}
        for s in definition.sections
    ]
    return render(request, "surveys/manage/preview.html", {"survey": survey, "sections": sections, "lang": lang})


@manager_required
def survey_xlsform(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    data = spec_to_xlsform(services.survey_to_spec(survey))
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}.xlsx"'
    return response


def _row_number(where: str) -> tuple:
    sheet, _sep, row = where.partition(":")
    return (sheet, int(row) if row.isdigit() else 0)


@manager_required
def survey_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = {}
    if request.method == "POST" and form.is_valid():
        try:
            survey, skipped = survey_import_xlsform(
                data=upload_read(form.cleaned_data["file"], XLSFORM_MAX_BYTES),
                slug=form.cleaned_data.get("slug") or None,
                created_by=request.user,
                skip_unsupported=form.cleaned_data.get("skip_unsupported", False),
            )
        except ApplicationError as exc:
            row_errors = exc.errors
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("The form was imported as a draft survey."))
            if not skipped:
                return redirect("surveys:manage-edit", slug=survey.slug)
            return render(
                request, "surveys/manage/import.html", {"form": ImportForm(), "survey": survey, "skipped": skipped}
            )
    return render(
        request,
        "surveys/manage/import.html",
        {"form": form, "row_errors": sorted(row_errors.items(), key=lambda item: _row_number(item[0]))},
        status=400 if form.errors else 200,
    )


@manager_required
def section_edit(request, slug, pk=None):
    survey = get_object_or_404(Survey, slug=slug)
    section = get_object_or_404(Section, pk=pk, survey=survey) if pk else None
    initial = (
        {"title": section.title, "description": section.description, "translations": section.translations}
        if section
        else None
    )
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(survey=survey, section=section, data=form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:manage-edit", slug=survey.slug)
    return render(
        request,
        "surveys/manage/form.html",
        {"survey": survey, "form": form, "heading": _("Section")},
        status=400 if form.errors else 200,
    )


@manager_required
def question_new(request, slug, section):
    survey = get_object_or_404(Survey, slug=slug)
    section = get_object_or_404(Section, pk=section, survey=survey)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(survey=survey, section=section, data=form.spec())
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The question was added."))
            return redirect("surveys:manage-edit", slug=survey.slug)
    return render(
        request,
        "surveys/manage/form.html",
        {"survey": survey, "form": form, "heading": _("New question")},
        status=400 if form.errors else 200,
    )


@manager_required
def question_edit(request, slug, pk):
    survey = get_object_or_404(Survey, slug=slug)
    question = get_object_or_404(Question, pk=pk, survey=survey, removed_in_version__isnull=True)
    initial = {
        name: getattr(question, name)
        for name in (
            "widget",
            "text",
            "help",
            "required",
            "special_category",
            "validation",
            "condition",
            "translations",
        )
    }
    form = QuestionForm(request.POST or None, initial=initial, editing=True)
    choice_form = ChoiceForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, data=form.spec())
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The question was saved."))
            return redirect("surveys:manage-edit", slug=survey.slug)
    return render(
        request,
        "surveys/manage/question_edit.html",
        {
            "survey": survey,
            "question": question,
            "form": form,
            "choice_form": choice_form,
            "choices": question.choices.all(),
        },
        status=400 if form.errors else 200,
    )


@manager_required
@require_POST
def question_delete(request, slug, pk):
    survey = get_object_or_404(Survey, slug=slug)
    question = get_object_or_404(Question, pk=pk, survey=survey, removed_in_version__isnull=True)
    try:
        services.question_remove(question=question)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The question was removed."))
    return redirect("surveys:manage-edit", slug=survey.slug)


@manager_required
@require_POST
def choice_add(request, slug, pk):
    survey = get_object_or_404(Survey, slug=slug)
    question = get_object_or_404(Question, pk=pk, survey=survey)
    form = ChoiceForm(request.POST)
    if form.is_valid():
        try:
            services.choice_save(question=question, data=form.cleaned_data)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The option was added."))
    else:
        messages.error(request, _("Give the option a code and a label."))
    return redirect("surveys:manage-question-edit", slug=survey.slug, pk=question.pk)


@manager_required
def choice_edit(request, slug, pk):
    """A wording fix of an option (label, translations): in place, whatever the responses."""
    survey = get_object_or_404(Survey, slug=slug)
    choice = get_object_or_404(Choice, pk=pk, question__survey=survey)
    form = ChoiceEditForm(request.POST or None, initial={"label": choice.label, "translations": choice.translations})
    if request.method == "POST" and form.is_valid():
        try:
            services.choice_save(question=choice.question, choice=choice, data=form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(request, _("The option was saved."))
            return redirect("surveys:manage-question-edit", slug=survey.slug, pk=choice.question_id)
    return render(
        request,
        "surveys/manage/form.html",
        {"survey": survey, "form": form, "heading": _("Option %(code)s") % {"code": choice.code}},
        status=400 if form.errors else 200,
    )


@manager_required
@require_POST
def choice_delete(request, slug, pk):
    survey = get_object_or_404(Survey, slug=slug)
    choice = get_object_or_404(Choice, pk=pk, question__survey=survey)
    try:
        services.choice_remove(choice=choice)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The option was removed."))
    return redirect("surveys:manage-question-edit", slug=survey.slug, pk=choice.question_id)


@manager_required
@require_POST
def move(request, slug, kind, pk):
    survey = get_object_or_404(Survey, slug=slug)
    direction = -1 if request.POST.get("direction") == "up" else 1
    try:
        if kind == "question":
            question = get_object_or_404(Question, pk=pk, survey=survey, parent=None, removed_in_version__isnull=True)
            services.question_move(question=question, direction=direction)
        elif kind == "section":
            services.section_move(section=get_object_or_404(Section, pk=pk, survey=survey), direction=direction)
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("surveys:manage-edit", slug=survey.slug)


@manager_required
def invitations(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    form = InvitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("action") == "remind":
        n = services.invitations_remind(survey=survey)
        messages.success(
            request,
            ngettext("A reminder is being sent to %(n)s person.", "Reminders are being sent to %(n)s people.", n)
            % {"n": n},
        )
        return redirect("surveys:manage-invitations", slug=survey.slug)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.invitations_add(survey=survey, emails=form.addresses())
            if form.cleaned_data.get("organisation"):
                created += services.invitations_add_organisation(
                    survey=survey, organisation=form.cleaned_data["organisation"]
                )
        except ApplicationError as exc:
            form_add_application_error(form, exc, name_unknown_fields=True)
        else:
            messages.success(
                request,
                ngettext("%(n)s invitation is being sent.", "%(n)s invitations are being sent.", len(created))
                % {"n": len(created)},
            )
            return redirect("surveys:manage-invitations", slug=survey.slug)
    return render(
        request,
        "surveys/manage/invitations.html",
        {"survey": survey, "form": form, "counts": selectors.invitation_counts(survey=survey)},
        status=400 if form.errors else 200,
    )
