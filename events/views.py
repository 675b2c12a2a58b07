import csv
import io
import uuid
from urllib.parse import urlencode

import segno
import xlsxwriter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.spreadsheets import safe_cell
from siem_portal.translation_pages import translation_links, translations_page

from . import selectors, services
from .enums import QuestionKind, RegistrationState, SessionKind
from .forms import EventForm, MessageForm, OrganiserForm, QuestionForm, RegistrationForm, RoomForm, SessionForm
from .ical import event_ical, sessions_ical
from .models import AgendaFeed, AgendaSession, Event, Registration

PAGE_CACHE_SECONDS = 3600


def _event_or_404(request, slug) -> Event:
    event = selectors.event_for_user(slug=slug, user=request.user)
    if event is None:
        raise Http404
    return event


def _managed_event_or_404(request, slug) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None or not request.user.has_perm("events.change_event", event):
        # an event someone does not organise is as good as absent for them
        raise Http404
    return event


def _posted_id(request, name: str) -> int:
    """An id from a form; anything else is 0, which matches nothing (a 404, not a 500)."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() else 0


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- public pages ------------------------------------------------------------------------------


def event_list(request):
    # the same for everyone: cached until an event changes (or a minute passes, for events that end)
    stamp = Event.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    minute = timezone.now().strftime("%Y%m%d%H%M")
    page_number = request.GET.get("page", "1")
    page_number = page_number if page_number.isdigit() and len(page_number) < 6 else "1"
    changed = stamp["changed"].timestamp() if stamp["changed"] else 0
    key = f"events:list:{changed}:{stamp['count']}:{minute}:{page_number}:{get_language()}"
    body = cache.get(key)
    if body is None:
        upcoming = list(selectors.events_public(when="upcoming"))
        past = Paginator(selectors.events_public(when="past"), 20).get_page(page_number)
        body = render_to_string("events/_list_body.html", {"upcoming": upcoming, "page": past}, request=request)
        cache.set(key, body, 60)
    return render(request, "events/list.html", {"body": body})


def event_detail(request, slug):
    event = _event_or_404(request, slug)
    registration = None
    key = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=request.user).first()
    else:
        # the page is the same for every visitor until the event, a registration or the clock's
        # "registration open" answer changes
        key = f"events:detail:{event.pk}:{event.updated_at.timestamp()}:{event.registration_is_open()}:{get_language()}"
        body = cache.get(key)
        if body is not None:
            return render(request, "events/detail.html", {"event": event, "body": body})
    body = render_to_string(
        "events/_detail_body.html",
        {
            "event": event,
            "registration": registration,
            "seats_left": services.seats_left(event),
            "attendees": selectors.attendee_list(event=event),
            "is_organiser": request.user.has_perm("events.change_event", event),
            "has_cfp": event.proposal_types.exists(),
        },
        request=request,
    )
    if key:
        cache.set(key, body, PAGE_CACHE_SECONDS)
    return render(request, "events/detail.html", {"event": event, "body": body})


def event_ics(request, slug):
    event = _event_or_404(request, slug)
    return _calendar_response(event_ical(event), f"{event.slug}.ics")


@login_required
def event_register(request, slug):
    event = _event_or_404(request, slug)
    existing = Registration.objects.filter(event=event, user=request.user).first()
    if existing and existing.state not in (RegistrationState.CANCELLED,):
        messages.info(request, _("You are already registered for this event."))
        return redirect("events:registration", slug=event.slug)
    questions = list(event.questions.select_related("show_if_question"))
    previous = Registration.objects.filter(user=request.user).order_by("-created_at").first()
    initial = {}
    if previous:
        # what people tell us about themselves once need not be typed again
        initial = {
            "accessibility_needs": previous.accessibility_needs,
            "dietary_requirements": previous.dietary_requirements,
            "pronouns": previous.pronouns,
        }
    form = RegistrationForm(request.POST or None, questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                answers=form.answers(),
                accessibility_needs=data["accessibility_needs"],
                dietary_requirements=data["dietary_requirements"],
                pronouns=data["pronouns"],
                support_requested=data["support_requested"],
                support_reason=data["support_reason"],
                attendee_list_consent=data["attendee_list_consent"],
            )
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(
                request,
                {
                    RegistrationState.CONFIRMED: _("You are registered: your place is confirmed."),
                    RegistrationState.PENDING: _("We received your registration; the organisers will confirm it."),
                    RegistrationState.WAITLISTED: _("The event is full: you are on the waiting list."),
                }[registration.state],
            )
            return redirect("events:registration", slug=event.slug)
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "open": event.registration_is_open(), "seats_left": services.seats_left(event)},
    )


@login_required
def registration_detail(request, slug):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    qr = None
    if registration.state == RegistrationState.CONFIRMED:
        url = request.build_absolute_uri(
            reverse("events:manage-checkin-token", kwargs={"slug": event.slug, "token": registration.checkin_token})
        )
        qr = segno.make(url, error="m").svg_inline(scale=4, title=_("Check-in code"))
    position = None
    if registration.state == RegistrationState.WAITLISTED and not registration.has_offer:
        position = (
            event.registrations.filter(
                state=RegistrationState.WAITLISTED,
                offer_expires_at__isnull=True,
                created_at__lt=registration.created_at,
            ).count()
            + 1
        )
    return render(
        request,
        "events/registration.html",
        {
            "event": event,
            "registration": registration,
            "qr": qr,
            "position": position,
            "sent": _registration_sent(registration),
            "can_change": services.registration_can_change(registration),
        },
    )


def _own_registration_or_404(request, event) -> Registration:
    registration = Registration.objects.filter(event=event, user=request.user).first()
    if registration is None or not request.user.has_perm("events.view_registration", registration):
        raise Http404
    return registration


def _registration_sent(registration: Registration) -> list[tuple[str, str]]:
    """What the person sent, as (label, text) pairs in the order of the form."""
    yes_no = {"yes": _("Yes"), "no": _("No")}
    rows = []
    for question in registration.event.questions.all():
        value = registration.answers.get(question.code)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(value)
        elif question.kind == QuestionKind.YES_NO:
            value = yes_no.get(value, value)
        rows.append((question.label, value))
    for label, value in (
        (_("Accessibility needs"), registration.accessibility_needs),
        (_("Dietary requirements"), registration.dietary_requirements),
        (_("Pronouns"), registration.pronouns),
        (_("Support request"), registration.support_reason if registration.support_requested else ""),
    ):
        if value:
            rows.append((label, value))
    rows.append(
        (
            _("Attendee list"),
            _("Your name is shown on the attendee list.")
            if registration.attendee_list_consent
            else _("Your name is not shown on the attendee list."),
        )
    )
    return rows


@login_required
def registration_edit(request, slug):
    event = _event_or_404(request, slug)
    registration = _own_registration_or_404(request, event)
    if not request.user.has_perm("events.change_registration", registration):
        raise Http404
    can_change = services.registration_can_change(registration)
    form = None
    if can_change:
        questions = list(event.questions.select_related("show_if_question"))
        initial = {
            "accessibility_needs": registration.accessibility_needs,
            "dietary_requirements": registration.dietary_requirements,
            "pronouns": registration.pronouns,
            "support_requested": registration.support_requested,
            "support_reason": registration.support_reason,
            "attendee_list_consent": registration.attendee_list_consent,
            **registration.answers,
        }
        form = RegistrationForm(request.POST or None, questions=questions, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_update(
                    registration=registration,
                    answers=form.answers(),
                    accessibility_needs=data["accessibility_needs"],
                    dietary_requirements=data["dietary_requirements"],
                    pronouns=data["pronouns"],
                    support_requested=data["support_requested"],
                    support_reason=data["support_reason"],
                    attendee_list_consent=data["attendee_list_consent"],
                )
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect("events:registration", slug=event.slug)
    elif request.method == "POST":
        messages.error(request, _("Registration has closed: what you sent can no longer be changed."))
    return render(
        request,
        "events/registration_edit.html",
        {
            "event": event,
            "registration": registration,
            "form": form,
            "can_change": can_change,
            "sent": _registration_sent(registration),
        },
    )


@login_required
@require_POST
def registration_accept(request, slug):
    event = _event_or_404(request, slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        services.registration_accept_offer(registration=registration)
        messages.success(request, _("The seat is yours: your place is confirmed."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("events:registration", slug=event.slug)


@login_required
@require_POST
def registration_cancel(request, slug):
    event = _event_or_404(request, slug)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    try:
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("events:registration", slug=event.slug)


@login_required
def my_registrations(request):
    registrations = selectors.registrations_for_user(user=request.user)
    return render(request, "events/mine.html", {"registrations": registrations})


# --- agenda ------------------------------------------------------------------------------------


def agenda(request, slug):
    event = _event_or_404(request, slug)
    kind = request.GET.get("kind", "")
    kind = kind if kind in SessionKind.values else ""
    view = "grid" if request.GET.get("view") == "grid" else "list"
    starred_only = request.GET.get("starred") == "1" and request.user.is_authenticated
    context = {
        "event": event,
        "kinds": SessionKind.choices,
        "kind": kind,
        "starred_only": starred_only,
        "view": view,
    }
    template = "events/_agenda_grid.html" if view == "grid" else "events/_agenda_days.html"

    def days_render(days, starred):
        days_context = {**context, "days": days, "starred": starred}
        if view == "grid":
            days_context["grid"] = selectors.agenda_grid(days, other_room_label=_("Other places"))
        return render_to_string(template, days_context, request=request)

    if request.user.is_authenticated:
        context["days_html"] = days_render(
            selectors.agenda_by_day(event=event, kind=kind, starred_only_for=request.user if starred_only else None),
            selectors.starred_session_ids(user=request.user, event=event),
        )
        context["feed"] = AgendaFeed.objects.filter(user=request.user).first()
    else:
        # the public agenda is the same for every visitor: cached until the event or a session changes
        key = f"events:agenda:{event.pk}:{event.updated_at.timestamp()}:{kind}:{view}:{get_language()}"
        context["days_html"] = cache.get(key)
        if context["days_html"] is None:
            context["days_html"] = days_render(selectors.agenda_by_day(event=event, kind=kind), set())
            cache.set(key, context["days_html"], PAGE_CACHE_SECONDS)
    return render(request, "events/agenda.html", context)


def agenda_ics(request, slug):
    event = _event_or_404(request, slug)
    sessions = selectors.agenda_sessions(event=event).select_related("event")
    return _calendar_response(sessions_ical(event.title, sessions, tzid=str(event.tz)), f"{event.slug}-agenda.ics")


@login_required
@require_POST
def session_star(request, slug, pk):
    event = _event_or_404(request, slug)
    session = get_object_or_404(AgendaSession, event=event, pk=pk)
    starred = services.star_toggle(user=request.user, session=session)
    messages.success(request, _("Added to your agenda.") if starred else _("Taken out of your agenda."))
    return redirect(reverse("events:agenda", kwargs={"slug": event.slug}) + f"#session-{session.pk}")


@login_required
@require_POST
def agenda_feed_create(request, slug):
    event = _event_or_404(request, slug)
    if request.POST.get("reset"):
        services.agenda_feed_reset(user=request.user)
        messages.success(request, _("Your old feed address no longer works; here is a new one."))
    else:
        services.agenda_feed_for(user=request.user)
    return redirect("events:agenda", slug=event.slug)


def agenda_feed(request, token):
    feed = get_object_or_404(AgendaFeed.objects.select_related("user"), token=token)
    sessions = selectors.starred_sessions_for_feed(user=feed.user)
    # a calendar app fetches the feed without the person's cookie: their saved language names it
    with translation.override(feed.user.preferred_language):
        return _calendar_response(sessions_ical(_("My agenda"), sessions), "my-agenda.ics")


# --- organiser pages ---------------------------------------------------------------------------


@login_required
def manage_list(request):
    if not request.user.has_perm("events.manage_events"):
        raise PermissionDenied
    return render(request, "events/manage/list.html", {"events": selectors.events_organised_by(user=request.user)})


@login_required
def manage_create(request):
    if not request.user.has_perm("events.add_event"):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("The event is created."))
            return redirect("events:manage-detail", slug=event.slug)
    return render(request, "events/manage/form.html", {"form": form, "event": None})


@login_required
def manage_edit(request, slug):
    event = _managed_event_or_404(request, slug)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_update(event=event, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage-detail", slug=event.slug)
    return render(request, "events/manage/form.html", {"form": form, "event": event})


@login_required
def manage_detail(request, slug):
    event = _managed_event_or_404(request, slug)
    organiser_form = OrganiserForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("remove_organiser"):
                services.event_organiser_remove(event=event, user_id=_posted_id(request, "remove_organiser"))
                messages.success(request, _("The organiser is removed."))
            elif organiser_form.is_valid():
                services.event_organiser_add(event=event, email=organiser_form.cleaned_data["email"])
                messages.success(request, _("The organiser is added."))
            else:
                raise ApplicationError(_("Enter a valid email address."))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("events:manage-detail", slug=event.slug)
    return render(
        request,
        "events/manage/detail.html",
        {
            "event": event,
            "counts": selectors.registration_counts(event=event),
            "support": selectors.registrations_for_organiser(event=event, support=True),
            "organisers": event.organisers.order_by("full_name"),
            "organiser_form": OrganiserForm(),
            "translation_links": translation_links(event, "events:manage-translations", [event.slug]),
        },
    )


@login_required
def manage_translations(request, slug, language):
    """One language's texts of the event (title, summary, description, venue, accessibility), for
    its organisers; others get a 404 as on every page of an event they do not organise."""
    event = _managed_event_or_404(request, slug)
    return translations_page(
        request,
        obj=event,
        language=language,
        save=lambda texts: services.event_translations_save(event=event, language=language, texts=texts),
        url_name="events:manage-translations",
        url_args=[event.slug],
        back_url=reverse("events:manage-detail", args=[event.slug]),
        extra_template="events/manage/_nav.html",
        extra_context={"event": event},
    )


@login_required
def manage_registrations(request, slug):
    event = _managed_event_or_404(request, slug)
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
        if not ids:
            messages.error(request, _("Select at least one registration."))
        else:
            try:
                done, problems = services.registrations_decide(
                    event=event, ids=ids, decision=request.POST.get("decision", "")
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    ngettext("%(count)d registration updated.", "%(count)d registrations updated.", done)
                    % {"count": done},
                )
                for problem in problems:
                    messages.warning(request, problem)
        return redirect(request.get_full_path())
    state = request.GET.get("state", "")
    q = request.GET.get("q", "").strip()
    support = request.GET.get("support") == "1"
    qs = selectors.registrations_for_organiser(event=event, state=state, q=q, support=support)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "events/manage/registrations.html",
        {
            "event": event,
            "page": page,
            "states": RegistrationState.choices,
            "state": state,
            "q": q,
            "support": support,
            "questions": list(event.questions.all()),
        },
    )


def _export_rows(event: Event, which: str):
    questions = list(event.questions.all())
    if which == "support":
        header = [_("Name"), _("Email"), _("State"), _("Support reason")]
        rows = [
            [r.user.full_name, r.user.email, r.get_state_display(), r.support_reason]
            for r in selectors.registrations_for_organiser(event=event, support=True)
        ]
    elif which == "attendees":
        header = [_("Name"), _("Pronouns")]
        rows = [[r.user.full_name, r.pronouns] for r in selectors.attendee_list(event=event)]
    else:
        header = [
            _("Name"),
            _("Email"),
            _("State"),
            _("Registered at"),
            _("Pronouns"),
            _("Accessibility needs"),
            _("Dietary requirements"),
            _("On the attendee list"),
            _("Checked in"),
        ] + [q.label for q in questions]
        rows = []
        for r in selectors.registrations_for_organiser(event=event):
            answers = [r.answers.get(q.code, "") for q in questions]
            rows.append(
                [
                    r.user.full_name,
                    r.user.email,
                    r.get_state_display(),
                    r.created_at.astimezone(event.tz).strftime("%Y-%m-%d %H:%M"),
                    r.pronouns,
                    r.accessibility_needs,
                    r.dietary_requirements,
                    _("yes") if r.attendee_list_consent else _("no"),
                    r.checked_in_at.astimezone(event.tz).strftime("%Y-%m-%d %H:%M") if r.checked_in_at else "",
                ]
                + [", ".join(a) if isinstance(a, list) else a for a in answers]
            )
    return header, rows


@login_required
def manage_export(request, slug, fmt):
    event = _managed_event_or_404(request, slug)
    which = request.GET.get("list", "registrations")
    if fmt not in ("csv", "xlsx") or which not in ("registrations", "attendees", "support"):
        raise Http404
    header, rows = _export_rows(event, which)
    filename = f"{event.slug}-{which}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[safe_cell(c) for c in row] for row in rows])
        response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet(which[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, header, bold)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, [str(c) for c in row])
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@login_required
def manage_message(request, slug):
    event = _managed_event_or_404(request, slug)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.event_message_send(event=event, by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)d person.",
                    "The message is on its way to %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("events:manage-detail", slug=event.slug)
    return render(request, "events/manage/message.html", {"event": event, "form": form})


@login_required
def manage_checkin(request, slug):
    event = _managed_event_or_404(request, slug)
    if request.method == "POST":
        registration = get_object_or_404(Registration, event=event, pk=_posted_id(request, "registration"))
        try:
            services.registration_check_in(event=event, registration=registration)
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.user.full_name})
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(
            reverse("events:manage-checkin", kwargs={"slug": event.slug})
            + "?"
            + urlencode({"q": request.POST.get("q", "")})
        )
    q = request.GET.get("q", "").strip()
    results = selectors.registrations_for_organiser(event=event, q=q)[:30] if q else []
    return render(
        request,
        "events/manage/checkin.html",
        {"event": event, "q": q, "results": results, "counts": selectors.registration_counts(event=event)},
    )


@login_required
def manage_checkin_counts(request, slug):
    event = _managed_event_or_404(request, slug)
    return render(
        request,
        "events/manage/_checkin_counts.html",
        {"event": event, "counts": selectors.registration_counts(event=event)},
    )


@login_required
def manage_checkin_token(request, slug, token):
    event = _managed_event_or_404(request, slug)
    try:
        token = uuid.UUID(str(token))
    except ValueError as exc:
        raise Http404 from exc
    registration = get_object_or_404(Registration.objects.select_related("user"), event=event, checkin_token=token)
    if request.method == "POST":
        try:
            services.registration_check_in(event=event, registration=registration)
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.user.full_name})
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("events:manage-checkin", slug=event.slug)
    return render(request, "events/manage/checkin_person.html", {"event": event, "registration": registration})


@login_required
def manage_questions(request, slug):
    event = _managed_event_or_404(request, slug)
    form = QuestionForm(request.POST or None, event=event)
    if request.method == "POST":
        if request.POST.get("delete"):
            event.questions.filter(pk=_posted_id(request, "delete")).delete()
            messages.success(request, _("The question is removed."))
            return redirect("events:manage-questions", slug=event.slug)
        if form.is_valid():
            try:
                services.question_save(event=event, **form.service_data())
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("The question is added."))
                return redirect("events:manage-questions", slug=event.slug)
    return render(
        request,
        "events/manage/questions.html",
        {"event": event, "form": form, "questions": event.questions.select_related("show_if_question")},
    )


@login_required
def manage_question_edit(request, slug, pk):
    event = _managed_event_or_404(request, slug)
    question = get_object_or_404(event.questions, pk=pk)
    form = QuestionForm(request.POST or None, instance=question, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(event=event, question=question, **form.service_data())
        except ApplicationError as exc:
            form_add_application_error(form, exc)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("events:manage-questions", slug=event.slug)
    answered = event.registrations.filter(answers__has_key=question.code).count()
    return render(
        request,
        "events/manage/question_edit.html",
        {"event": event, "form": form, "question": question, "answered": answered},
    )


@login_required
def manage_agenda(request, slug):
    event = _managed_event_or_404(request, slug)
    room_form = RoomForm(request.POST or None, prefix="room")
    if request.method == "POST" and "room-name" in request.POST:
        if room_form.is_valid():
            try:
                services.room_create(event=event, **room_form.cleaned_data)
            except Exception as exc:  # noqa: BLE001 (a duplicate name comes back as a validation error)
                room_form.add_error("name", getattr(exc, "messages", [str(exc)])[0])
            else:
                messages.success(request, _("The room is added."))
                return redirect("events:manage-agenda", slug=event.slug)
    sessions = list(selectors.agenda_sessions(event=event))
    return render(
        request,
        "events/manage/agenda.html",
        {"event": event, "room_form": room_form, "sessions": sessions, "rooms": event.rooms.all()},
    )


@login_required
def manage_session(request, slug, pk=None):
    event = _managed_event_or_404(request, slug)
    session = get_object_or_404(AgendaSession, event=event, pk=pk) if pk else None
    form = SessionForm(request.POST or None, instance=session, event=event)
    warnings = selectors.session_overlaps(session=session) if session else []
    if request.method == "POST":
        if session and request.POST.get("delete"):
            services.session_delete(session=session)
            messages.success(request, _("The session is removed."))
            return redirect("events:manage-agenda", slug=event.slug)
        if form.is_valid():
            try:
                saved = services.session_save(event=event, session=session, **form.cleaned_data)
            except Exception as exc:  # noqa: BLE001 (model validation errors go back to the form)
                if hasattr(exc, "message_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form_add_application_error(form, exc)
            else:
                messages.success(request, _("The session is saved."))
                for warning in selectors.session_overlaps(session=saved):
                    messages.warning(request, warning)
                return redirect("events:manage-agenda", slug=event.slug)
    return render(
        request, "events/manage/session.html", {"event": event, "form": form, "session": session, "warnings": warnings}
    )
