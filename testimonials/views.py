import hashlib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_countries import countries

from siem_portal.exceptions import ApplicationError
from siem_portal.forms import form_add_application_error
from siem_portal.markdown import markdown_render
from siem_portal.storage import private_file_response

from . import selectors, services
from .enums import Background, MessageStatus, MobilityType, StoryKind, StoryStatus
from .forms import (
    AnswerForm,
    BlockForm,
    CoverForm,
    FlagForm,
    FlagsResolveForm,
    HoneypotMixin,
    ModerationForm,
    QuestionForm,
    StoryForm,
)
from .models import AuthorQuestion, Story, StoryBackground
from .ratelimit import client_key, rate_limited
from .storage import PRIVATE_NAME, PRIVATE_PREFIX, cover_storage

PAGE_SIZE = 12
CARD_CACHE_SECONDS = 3600
FLAG_LIMIT = (10, 3600)  # flags per reader per hour
QUESTION_LIMIT = (5, 3600)  # questions per reader per hour
WRITE_LIMIT = (20, 3600)  # new stories per person per hour
ANSWER_LIMIT = (20, 3600)  # answers per author per hour
BLOCK_LIMIT = (20, 3600)  # blocks per author per hour


def _facet_label(key: str, value: str) -> str:
    if key == "kind":
        return str(StoryKind(value).label) if value in StoryKind.values else value
    if key == "mobility":
        return str(MobilityType(value).label) if value in MobilityType.values else value
    if key == "background":
        return str(Background(value).label)
    if key == "host":
        return countries.name(value) or value
    return str(dict(settings.LANGUAGES).get(value, value))


FACET_TITLES = {
    "kind": gettext_lazy("Kind"),
    "mobility": gettext_lazy("Mobility type"),
    "host": gettext_lazy("Host country"),
    "background": gettext_lazy("Background"),
    "language": gettext_lazy("Language"),
}


def _facet_groups(facets: dict, filters: dict) -> list[dict]:
    groups = []
    for key in ("kind", "mobility", "host", "background", "language"):
        options = []
        for value, count in facets.get(key, {}).items():
            active = filters.get(key) == value
            chosen = {k: v for k, v in filters.items() if k != key}
            if not active:
                chosen[key] = value
            options.append(
                {
                    "label": _facet_label(key, value),
                    "count": count,
                    "active": active,
                    "url": "?" + urlencode(chosen) if chosen else "?",
                }
            )
        if options:
            groups.append({"key": key, "title": FACET_TITLES[key], "options": options})
    return groups


def _cards_html(stories) -> list[str]:
    """Each card's HTML, rendered once per version of the story and language (one cache round trip).

    The key holds everything a card shows that can change (the story's save time, the featured
    mark, the public name, the language), so a cached card is never stale; which stories appear is
    always decided by the current query.
    """
    language = get_language()
    keys = {}
    for story in stories:
        name = hashlib.sha256(story.public_author_name.encode()).hexdigest()[:12]
        keys[story.pk] = (
            f"stories:card:{story.pk}:{story.updated_at.timestamp()}:{int(story.featured)}:{name}:{language}"
        )
    cached = cache.get_many(list(keys.values()))
    missing, cards = {}, []
    for story in stories:
        html = cached.get(keys[story.pk])
        if html is None:
            html = missing[keys[story.pk]] = render_to_string("testimonials/_card.html", {"story": story})
        cards.append(mark_safe(html))  # noqa: S308 (rendered by our autoescaping template)
    if missing:
        cache.set_many(missing, CARD_CACHE_SECONDS)
    return cards


def story_list(request):
    filters = selectors.story_filters_clean(request.GET)
    qs = selectors.stories_filter(selectors.stories_public(), filters)
    facets = selectors.story_facets_cached(qs, filters)
    if "q" not in filters:
        qs = qs.order_by("-featured", "-published_at")
    paginator = Paginator(selectors.stories_for_cards(qs, without_text=True), PAGE_SIZE)
    # every story has a kind, so the kind counts add up to the total: no separate COUNT query
    paginator.count = sum(facets["kind"].values())
    page = paginator.get_page(request.GET.get("page"))
    query = urlencode(sorted(filters.items()))
    return render(
        request,
        "testimonials/list.html",
        {
            "page": page,
            "cards": _cards_html(page.object_list),
            "filters": filters,
            # the facet lists are the longest part of the page: kept rendered, like the counts
            "facets_html": mark_safe(  # noqa: S308 (rendered by our autoescaping template)
                cache.get_or_set(
                    f"stories:facets-html:{get_language()}:{query}",
                    lambda: render_to_string(
                        "testimonials/_facets.html", {"facet_groups": _facet_groups(facets, filters)}
                    ),
                    selectors.FACET_CACHE_SECONDS,
                )
            ),
            "query": query,
            "feed_url": reverse("testimonials:feed") + (f"?{query}" if query else ""),
        },
    )


def story_detail(request, slug: str):
    story = get_object_or_404(
        selectors.stories_visible_to(request.user).select_related("author", "organisation"), slug=slug
    )
    is_author = request.user.is_authenticated and story.author_id == request.user.pk
    can_moderate = request.user.has_perm("testimonials.view_story_identity")
    backgrounds = []
    if story.backgrounds_public or is_author or can_moderate:
        codes = StoryBackground.objects.filter(story=story).values_list("background", flat=True)
        backgrounds = [Background(c).label for c in codes]
    return render(
        request,
        "testimonials/detail.html",
        {
            "story": story,
            "is_author": is_author,
            "can_moderate": can_moderate,
            "backgrounds": backgrounds,
            "related": selectors.stories_related(story) if story.is_public else [],
            "flag_form": FlagForm() if story.is_public and not is_author else None,
            "can_ask": story.is_public and story.allow_questions and story.author_id and not is_author,
            "revision": selectors.story_pending_revision(story) if is_author else None,
            "absolute_url": request.build_absolute_uri(story.get_absolute_url()),
            "cover_url": request.build_absolute_uri(story.cover_large.url) if story.cover_large else "",
        },
    )


def cover_file(request, name: str):
    """A cover not (yet) published: for its author and moderators only; anyone else, signed in
    or not, gets 404, as if the file did not exist."""
    if not request.user.is_authenticated or not PRIVATE_NAME.match(name):
        raise Http404
    field = "cover_large" if name.endswith("-large.jpg") else "cover_card"
    stored = PRIVATE_PREFIX + name
    story = (
        Story.objects.filter(Q(**{field: stored}) | Q(**{f"revisions__{field}": stored}))
        .only("pk", "author_id")
        .first()
    )
    if story is None or not (
        story.author_id == request.user.pk or request.user.has_perm("testimonials.view_story_identity")
    ):
        raise Http404
    storage, inner = cover_storage.private_location(stored)
    return private_file_response(storage, inner, filename=name, content_type="image/jpeg", as_attachment=False)


# --- authors -----------------------------------------------------------------------------------


@login_required
def story_mine(request):
    stories = selectors.stories_of_author(request.user)
    open_questions = AuthorQuestion.objects.filter(recipient=request.user, status=MessageStatus.SENT, reply="").count()
    return render(
        request,
        "testimonials/mine.html",
        {
            "stories": stories,
            "open_questions": open_questions,
            "can_write": request.user.has_perm("testimonials.add_story"),
        },
    )


def _preview_form(request, form):
    """The form again, unbound, with what was typed: a preview shows the text, not errors."""
    data = request.POST
    initial = {}
    for name, field in form.fields.items():
        if name in ("cover_image", HoneypotMixin.honeypot_name):
            continue
        if isinstance(field, forms.BooleanField):
            initial[name] = name in data
        elif isinstance(field, forms.MultipleChoiceField):
            initial[name] = data.getlist(name)
        elif name in data:
            initial[name] = data.get(name)
    return StoryForm(instance=form.instance, initial=initial, user=request.user)


def _editor(request, *, story=None):
    user = request.user
    initial = {}
    if story is not None:
        initial["backgrounds"] = list(story.background_tags.values_list("background", flat=True))
        initial["backgrounds_public"] = story.backgrounds_public
        revision = selectors.story_pending_revision(story) if story.status == StoryStatus.PUBLISHED else None
        if revision:
            initial.update({field: getattr(revision, field) for field in services.CONTENT_FIELDS})
    form = StoryForm(request.POST or None, request.FILES or None, instance=story, initial=initial, user=user)
    status = 200
    context = {"story": story}
    if request.method == "POST" and request.POST.get("action") == "preview":
        # rendered on the server exactly as it will be published; nothing is saved
        context["preview_html"] = markdown_render(request.POST.get("body", ""), public_author=True)
        context["preview_title"] = request.POST.get("title", "")
        form = _preview_form(request, form)
    elif request.method == "POST":
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            kwargs = {
                "data": form.content(),
                "backgrounds": form.cleaned_data["backgrounds"],
                "backgrounds_public": form.cleaned_data["backgrounds_public"],
                "submit": submit,
                "consent": form.cleaned_data["consent"],
            }
            was_published = story is not None and story.status == StoryStatus.PUBLISHED
            try:
                # the story and its cover are saved together, or neither is
                with transaction.atomic():
                    if story is None:
                        if rate_limited(
                            "story-write", client_key(request), limit=WRITE_LIMIT[0], window=WRITE_LIMIT[1]
                        ):
                            raise ApplicationError(
                                _("You have written many stories in a short time; please wait a while.")
                            )
                        saved = services.story_create(author=user, **kwargs)
                    else:
                        saved = services.story_update(story=story, user=user, **kwargs)
                    if form.cleaned_data.get("cover_image"):
                        services.story_cover_set(
                            story=saved,
                            user=user,
                            image=form.cleaned_data["cover_image"],
                            alt_text=form.cleaned_data["cover_alt"],
                        )
            except ApplicationError as exc:
                # the cover service names its fields "image" and "alt_text"
                renamed = {"image": "cover_image", "alt_text": "cover_alt"}
                exc.errors = {renamed.get(field, field): errors for field, errors in exc.errors.items()}
                form_add_application_error(form, exc)
            else:
                if was_published:
                    messages.success(
                        request,
                        _("Your changes were sent for review; the published version stays online meanwhile."),
                    )
                if submit:
                    messages.success(request, _("Thank you! Your story was sent to the moderators."))
                else:
                    messages.success(request, _("Your story was saved."))
                return redirect("testimonials:mine")
        status = 400
    # a browser never sends a file again: the person chooses it again on the page that comes back
    context["file_not_kept"] = bool(request.FILES.get("cover_image"))
    return render(request, "testimonials/editor.html", {**context, "form": form}, status=status)


@login_required
def story_create(request):
    if not request.user.has_perm("testimonials.add_story"):
        return render(request, "testimonials/verify_email.html", status=403)
    return _editor(request)


@login_required
def story_edit(request, slug: str):
    story = get_object_or_404(selectors.stories_of_author(request.user), slug=slug)
    if not request.user.has_perm("testimonials.change_story", story) or story.status == StoryStatus.REJECTED:
        raise PermissionDenied
    return _editor(request, story=story)


@login_required
def story_cover(request, slug: str):
    story = get_object_or_404(selectors.stories_of_author(request.user), slug=slug)
    if not request.user.has_perm("testimonials.change_story", story):
        raise PermissionDenied
    form = CoverForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.story_cover_set(
                    story=story,
                    user=request.user,
                    image=form.cleaned_data["image"],
                    alt_text=form.cleaned_data["alt_text"],
                )
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                if story.status == StoryStatus.PUBLISHED:
                    messages.success(request, _("The new cover was sent for review."))
                else:
                    messages.success(request, _("The cover image was saved."))
                return redirect("testimonials:mine")
        status = 400
    return render(request, "testimonials/cover.html", {"form": form, "story": story}, status=status)


@login_required
@require_POST
def story_withdraw(request, slug: str):
    story = get_object_or_404(selectors.stories_of_author(request.user), slug=slug)
    services.story_consent_withdraw(story=story, user=request.user)
    messages.success(request, _("You withdrew your consent: the story is offline and back in your drafts."))
    return redirect("testimonials:mine")


def _inbox(request, *, status=200):
    questions = (
        AuthorQuestion.objects.filter(recipient=request.user, status=MessageStatus.SENT)
        .select_related("story")
        .order_by("-created_at")
    )
    page = Paginator(questions, 20).get_page(request.GET.get("page"))
    return render(request, "testimonials/questions.html", {"page": page, "answer_form": AnswerForm()}, status=status)


@login_required
def questions_inbox(request):
    return _inbox(request)


def _inbox_refused(request, form, *, scope: str, limit: tuple[int, int], message: str):
    """The inbox again with a message when the author went over the rate limit (429) or the
    honeypot was filled in (400); None when the form may go ahead."""
    if rate_limited(scope, client_key(request), limit=limit[0], window=limit[1]):
        messages.error(request, message)
        return _inbox(request, status=429)
    if not form.is_valid() and form.has_error(HoneypotMixin.honeypot_name):
        messages.error(request, form.errors[HoneypotMixin.honeypot_name][0])
        return _inbox(request, status=400)
    return None


@login_required
@require_POST
def question_answer(request, pk: int):
    question = get_object_or_404(AuthorQuestion, pk=pk, recipient=request.user)
    form = AnswerForm(request.POST)
    refused = _inbox_refused(
        request,
        form,
        scope="story-answer",
        limit=ANSWER_LIMIT,
        message=_("You have sent many answers in a short time; please try again later."),
    )
    if refused:
        return refused
    if form.is_valid():
        try:
            services.question_answer(question=question, author=request.user, reply=form.cleaned_data["reply"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your answer is on its way; your address is not shown."))
    else:
        messages.error(request, _("Please write your answer."))
    return redirect("testimonials:questions")


@login_required
@require_POST
def question_block(request, pk: int):
    question = get_object_or_404(AuthorQuestion, pk=pk, recipient=request.user)
    refused = _inbox_refused(
        request,
        BlockForm(request.POST),
        scope="story-block",
        limit=BLOCK_LIMIT,
        message=_("You have blocked many people in a short time; please try again later."),
    )
    if refused:
        return refused
    services.sender_block(question=question, author=request.user)
    messages.success(request, _("This person can no longer send you questions."))
    return redirect("testimonials:questions")


# --- readers -----------------------------------------------------------------------------------


def story_flag(request, slug: str):
    story = get_object_or_404(selectors.stories_public(), slug=slug)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        key = client_key(request)
        if rate_limited("story-flag", key, limit=FLAG_LIMIT[0], window=FLAG_LIMIT[1]):
            form.is_valid()
            form.add_error(None, _("You have sent many reports in a short time; please try again later."))
            return render(request, "testimonials/flag.html", {"form": form, "story": story}, status=429)
        if form.is_valid():
            try:
                services.story_flag(
                    story=story,
                    reporter=request.user if request.user.is_authenticated else None,
                    reporter_key=key,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("Thank you. A moderator will look at this story."))
                return redirect("testimonials:list")
        status = 400
    return render(request, "testimonials/flag.html", {"form": form, "story": story}, status=status)


@login_required
def story_ask(request, slug: str):
    story = get_object_or_404(selectors.stories_public().select_related("author"), slug=slug)
    if not story.allow_questions or story.author_id is None or story.author_id == request.user.pk:
        raise PermissionDenied
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if rate_limited("story-ask", client_key(request), limit=QUESTION_LIMIT[0], window=QUESTION_LIMIT[1]):
            form.is_valid()
            form.add_error(None, _("You have sent many questions in a short time; please try again later."))
            return render(request, "testimonials/ask.html", {"form": form, "story": story}, status=429)
        if form.is_valid():
            try:
                services.question_ask(story=story, sender=request.user, body=form.cleaned_data["body"])
            except ApplicationError as exc:
                form_add_application_error(form, exc)
            else:
                messages.success(request, _("Your question was sent to the author. Any answer will come by email."))
                return redirect(story.get_absolute_url())
        status = 400
    return render(request, "testimonials/ask.html", {"form": form, "story": story}, status=status)


# --- moderators --------------------------------------------------------------------------------


@login_required
@permission_required("testimonials.moderate_story", raise_exception=True)
def manage_queue(request):
    return render(request, "testimonials/manage/queue.html", selectors.moderation_queue())


def _moderated_story(request, slug):
    from .models import Story

    story = get_object_or_404(Story.objects.select_related("author", "organisation"), slug=slug)
    return story


@login_required
@permission_required("testimonials.moderate_story", raise_exception=True)
def manage_review(request, slug: str):
    story = _moderated_story(request, slug)
    decision_form = ModerationForm(request.POST or None) if request.POST.get("form") == "decision" else ModerationForm()
    flags_form = FlagsResolveForm(request.POST or None) if request.POST.get("form") == "flags" else FlagsResolveForm()
    status = 200
    if request.method == "POST":
        if not request.user.has_perm("testimonials.moderate_story", story):
            raise PermissionDenied
        form_name = request.POST.get("form")
        try:
            if form_name == "decision" and decision_form.is_valid():
                services.story_moderate(story=story, moderator=request.user, **decision_form.cleaned_data)
                messages.success(request, _("Your decision was saved and the author was told."))
                return redirect("testimonials:manage")
            if form_name == "flags" and flags_form.is_valid():
                services.story_flags_resolve(story=story, moderator=request.user, **flags_form.cleaned_data)
                messages.success(request, _("The reports were closed."))
                return redirect("testimonials:manage")
            if form_name == "feature":
                services.story_feature(
                    story=story, moderator=request.user, featured=request.POST.get("featured") == "1"
                )
                messages.success(request, _("Saved."))
                return redirect("testimonials:manage-review", slug=story.slug)
        except ApplicationError as exc:
            target = decision_form if form_name == "decision" else flags_form
            form_add_application_error(target, exc)
            if form_name == "feature":
                messages.error(request, exc.message)
        status = 400
    revision = selectors.story_pending_revision(story)
    backgrounds = [Background(c).label for c in story.background_tags.values_list("background", flat=True)]
    return render(
        request,
        "testimonials/manage/review.html",
        {
            "story": story,
            "revision": revision,
            "revision_html": markdown_render(revision.body, public_author=True) if revision else "",
            "decision_form": decision_form,
            "flags_form": flags_form,
            "flags": story.flags.filter(resolved_at__isnull=True),
            "backgrounds": backgrounds,
            "is_author": story.author_id == request.user.pk,
        },
        status=status,
    )
