"""Every write of the impact app: assessments, respondents, ratings, closing, plans, reports."""

import logging
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, User
from accounts.rules import is_organisation_admin
from accounts.services import notification_create
from siem_portal.exceptions import ApplicationError, ConflictError, full_clean_or_raise
from siem_portal.jobs import enqueue_on_commit
from siem_portal.storage import STORAGE_ERRORS, private_storage
from siem_portal.translatable import content_languages

from . import scoring, selectors
from .enums import (
    SCALE_MAX,
    SCALE_MIN,
    ActionStatus,
    AssessmentStatus,
    Audience,
    Phase,
    Priority,
    ReportStatus,
    RespondentRole,
)
from .models import (
    ActionItem,
    Assessment,
    Dimension,
    DimensionResult,
    Framework,
    Indicator,
    Rating,
    Recommendation,
    Report,
    Respondent,
)

logger = logging.getLogger(__name__)


def _require_open(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.OPEN:
        raise ConflictError(_("This assessment is closed: its answers can no longer change."))


def _require_manager(assessment: Assessment, user: User) -> None:
    if not user.has_perm("impact.manage_assessment", assessment):
        raise PermissionDenied(_("Only the organisation's admin can do this."))


# --- assessments -------------------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    user: User,
    framework: Framework,
    title: str = "",
    organisation: Organisation | None = None,
    phase: str = Phase.NONE,
    project_name: str = "",
    project_number: str = "",
    period_start: date | None = None,
    period_end: date | None = None,
    participants: int | None = None,
    fewer_opportunities_share: int | None = None,
    created_at=None,
) -> Assessment:
    """Start an assessment. With an organisation, only its admin may, and the admin becomes its
    first respondent; without one it is the person's own before/after assessment."""
    if not framework.is_published:
        raise ApplicationError(_("This framework is not published."), field="framework")
    if organisation is not None:
        if not is_organisation_admin(user, organisation):
            raise PermissionDenied(_("Only an admin of the organisation can start its assessment."))
        if framework.audience != Audience.ORGANISATION:
            raise ApplicationError(_("Choose a framework written for organisations."), field="framework")
        phase = Phase.NONE
    else:
        if framework.audience != Audience.STUDENT:
            raise ApplicationError(_("Choose a framework written for students."), field="framework")
        if phase not in (Phase.BEFORE, Phase.AFTER):
            raise ApplicationError(_("Say whether this is before or after your mobility."), field="phase")
    assessment = Assessment(
        framework=framework,
        organisation=organisation,
        created_by=user,
        title=title.strip() or str(framework.tr("title")),
        phase=phase,
        project_name=project_name,
        project_number=project_number,
        period_start=period_start,
        period_end=period_end,
        participants=participants,
        fewer_opportunities_share=fewer_opportunities_share,
        created_at=created_at or timezone.now(),
    )
    full_clean_or_raise(assessment)
    assessment.save()
    role = RespondentRole.STAFF if organisation else RespondentRole.PARTICIPANT
    Respondent.objects.create(assessment=assessment, user=user, role=role)
    return assessment


@transaction.atomic
def respondent_invite(*, assessment: Assessment, by: User, user: User, role: str) -> Respondent:
    """Invite a member of the organisation to rate the assessment alone; they get a notification."""
    _require_manager(assessment, by)
    _require_open(assessment)
    if assessment.is_personal:
        raise ApplicationError(_("A personal assessment has only one respondent."))
    if role not in RespondentRole.values:
        raise ApplicationError(_("Choose a respondent role."), field="role")
    if not Membership.objects.filter(user=user, organisation_id=assessment.organisation_id).exists():
        raise ApplicationError(_("Only members of the organisation can be invited."), field="user")
    if Respondent.objects.filter(assessment=assessment, user=user).exists():
        raise ConflictError(_("%(name)s is already a respondent.") % {"name": user}, field="user")
    respondent = Respondent.objects.create(assessment=assessment, user=user, role=role)
    notification_create(
        recipient=user,
        kind="impact_invitation",
        template="impact/invitation",
        context={"assessment": assessment, "organisation": assessment.organisation, "inviter": by},
        link=assessment.get_absolute_url(),
    )
    return respondent


def _clean_ratings(assessment: Assessment, ratings) -> list[tuple[Indicator, int | None]]:
    """Check every rating before anything is written; raise with all errors at once."""
    if not isinstance(ratings, list) or not ratings:
        raise ApplicationError(_("Send at least one rating."), field="ratings")
    indicators = {i.pk: i for i in Indicator.objects.filter(framework_id=assessment.framework_id)}
    errors, cleaned, seen = {}, [], set()
    for position, item in enumerate(ratings):
        key = f"ratings[{position}]"
        if not isinstance(item, dict) or "indicator" not in item or "score" not in item:
            errors[key] = [_("Each rating needs an indicator and a score (null for not applicable).")]
            continue
        indicator_id, score = item["indicator"], item["score"]
        indicator = indicators.get(indicator_id) if isinstance(indicator_id, int) else None
        if indicator is None:
            errors[key] = [_("Indicator %(id)s is not part of this assessment's framework.") % {"id": indicator_id}]
            continue
        if indicator_id in seen:
            errors[key] = [_("Indicator %(id)s is rated twice.") % {"id": indicator_id}]
            continue
        seen.add(indicator_id)
        if score is None:
            if not indicator.allow_not_applicable:
                errors[key] = [_("'Not applicable' is not allowed for this indicator.")]
                continue
        elif isinstance(score, bool) or not isinstance(score, int) or not SCALE_MIN <= score <= SCALE_MAX:
            errors[key] = [
                _("The score must be a whole number from %(min)s to %(max)s, or null for not applicable.")
                % {"min": SCALE_MIN, "max": SCALE_MAX}
            ]
            continue
        cleaned.append((indicator, score))
    if errors:
        raise ApplicationError(_("Some ratings are not valid; nothing was saved."), errors=errors)
    return cleaned


@transaction.atomic
def ratings_save(*, assessment: Assessment, user: User, ratings: list[dict]) -> Respondent:
    """Save (or amend) one respondent's ratings while the assessment is open; all or nothing."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    respondent = Respondent.objects.filter(assessment=assessment, user=user).first()
    if respondent is None:
        raise PermissionDenied(_("You are not invited to rate this assessment."))
    _require_open(assessment)
    cleaned = _clean_ratings(assessment, ratings)
    existing = {r.indicator_id: r for r in Rating.objects.filter(respondent=respondent)}
    to_create, to_update = [], []
    for indicator, score in cleaned:
        rating = existing.get(indicator.pk)
        if rating is None:
            to_create.append(Rating(respondent=respondent, indicator=indicator, score=score))
        elif rating.score != score:
            rating.score = score
            rating.updated_at = timezone.now()
            to_update.append(rating)
    Rating.objects.bulk_create(to_create)
    Rating.objects.bulk_update(to_update, ["score", "updated_at"])
    total = Indicator.objects.filter(framework_id=assessment.framework_id).count()
    done = Rating.objects.filter(respondent=respondent).count()
    completed_at = respondent.completed_at or timezone.now() if done >= total else None
    if completed_at != respondent.completed_at:
        respondent.completed_at = completed_at
        respondent.save(update_fields=["completed_at"])
    return respondent


@transaction.atomic
def assessment_close(*, assessment: Assessment, by: User, closed_at=None) -> Assessment:
    """Close the assessment: ratings freeze, dimension scores are stored for trend and benchmark,
    and the other respondents are told the results are ready."""
    _require_manager(assessment, by)
    assessment = Assessment.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=assessment.pk)
    _require_open(assessment)
    ratings = list(
        Rating.objects.filter(respondent__assessment=assessment).values_list("respondent_id", "indicator_id", "score")
    )
    if not any(score is not None for _r, _i, score in ratings):
        raise ApplicationError(_("Nobody has given a score yet: there is nothing to close."))
    indicators = Indicator.objects.filter(framework_id=assessment.framework_id).values_list(
        "pk", "dimension_id", "weight"
    )
    scores = scoring.compute(indicators, ratings)
    assessment.status = AssessmentStatus.CLOSED
    assessment.closed_at = closed_at or timezone.now()
    organisation = assessment.organisation
    if organisation is not None:
        # two closes of the same organisation at once must agree on which one is the latest
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        latest = (
            Assessment.objects.filter(
                organisation=organisation, framework_id=assessment.framework_id, status=AssessmentStatus.CLOSED
            )
            .order_by("-closed_at")
            .values_list("closed_at", flat=True)
            .first()
        )
        assessment.is_latest = latest is None or latest <= assessment.closed_at
    if assessment.is_latest:
        Assessment.objects.filter(organisation=organisation, framework_id=assessment.framework_id).update(
            is_latest=False
        )
        DimensionResult.objects.filter(organisation=organisation, framework_id=assessment.framework_id).update(
            is_latest=False
        )
    assessment.save(update_fields=["status", "closed_at", "is_latest"])
    DimensionResult.objects.bulk_create(
        DimensionResult(
            assessment=assessment,
            dimension_id=stat.dimension_id,
            framework_id=assessment.framework_id,
            organisation=organisation,
            organisation_kind=organisation.kind if organisation else "",
            is_latest=assessment.is_latest,
            mean=stat.mean,
            respondents=stat.respondents,
            spread=stat.spread,
        )
        for stat in scores.dimensions.values()
    )
    if organisation is not None:
        for respondent in assessment.respondents.select_related("user").exclude(user=by).exclude(user=None):
            notification_create(
                recipient=respondent.user,
                kind="impact_results",
                template="impact/results_ready",
                context={"assessment": assessment, "organisation": organisation},
                link=assessment.get_absolute_url(),
            )
    return assessment


# --- sharing -----------------------------------------------------------------------------------


def share_link_create(*, assessment: Assessment, by: User) -> str:
    """A new read-only link to the results (any earlier link stops working)."""
    _require_manager(assessment, by)
    if assessment.is_open:
        raise ConflictError(_("Results can be shared once the assessment is closed."))
    assessment.share_token = Assessment.new_share_token()
    assessment.save(update_fields=["share_token"])
    return assessment.share_token


def share_link_revoke(*, assessment: Assessment, by: User) -> None:
    _require_manager(assessment, by)
    assessment.share_token = ""
    assessment.save(update_fields=["share_token"])


# --- action plan -------------------------------------------------------------------------------


def action_item_save(
    *,
    assessment: Assessment,
    by: User,
    indicator: Indicator,
    target_level: int,
    actions: str,
    owner: str,
    priority: str = Priority.MEDIUM,
    due_date: date | None = None,
    status: str = ActionStatus.PLANNED,
    item: ActionItem | None = None,
) -> ActionItem:
    _require_manager(assessment, by)
    if indicator.framework_id != assessment.framework_id:
        raise ApplicationError(_("Choose an indicator of this assessment's framework."), field="indicator")
    item = item or ActionItem(assessment=assessment)
    if item.assessment_id != assessment.pk:
        raise PermissionDenied
    level = selectors.current_levels(assessment=assessment).get(indicator.pk)
    if level is not None and target_level < level:
        raise ApplicationError(
            _("The target level cannot be below this statement's current level (%(level)s).") % {"level": level},
            field="target_level",
        )
    item.indicator = indicator
    item.target_level = target_level
    item.actions = actions
    item.owner = owner
    item.priority = priority
    item.due_date = due_date
    item.status = status
    full_clean_or_raise(item)
    item.save()
    return item


def action_item_add(
    *, assessment: Assessment, by: User, indicator: Indicator, actions: str = ""
) -> tuple[ActionItem, bool]:
    """'Add to my plan' on a recommendation or a priority: an action of high priority for the
    statement, its target one level above the current one, owned by ``by``; (the action, created),
    the statement's existing action when it has one."""
    _require_manager(assessment, by)
    existing = ActionItem.objects.filter(assessment=assessment, indicator=indicator).first()
    if existing is not None:
        return existing, False
    level = selectors.current_levels(assessment=assessment).get(indicator.pk, SCALE_MIN - 1)
    item = action_item_save(
        assessment=assessment,
        by=by,
        indicator=indicator,
        target_level=min(level + 1, SCALE_MAX),
        actions=actions or str(indicator.t.statement),
        owner=by.full_name or by.email,
        priority=Priority.HIGH,
    )
    return item, True


def action_item_delete(*, item: ActionItem, by: User) -> None:
    _require_manager(item.assessment, by)
    item.delete()


# --- PDF report --------------------------------------------------------------------------------


def report_request(*, assessment: Assessment, by: User) -> Report:
    """Queue a PDF report; one already being built is returned instead."""
    if not by.has_perm("impact.view_assessment", assessment):
        raise PermissionDenied
    if assessment.is_open:
        raise ConflictError(_("A report can be made once the assessment is closed."))
    running = Report.objects.filter(
        assessment=assessment, status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING]
    ).first()
    if running:
        return running
    report = Report.objects.create(assessment=assessment, requested_by=by)
    from .tasks import task_build_report

    enqueue_on_commit(task_build_report, report.pk)
    return report


def report_file_name(report: Report) -> str:
    """The report's name on the private storage."""
    return f"impact/reports/{report.token}.pdf"


def report_build(*, report_id: int) -> None:
    """Render the PDF of one report; idempotent (a finished report is left as it is)."""
    from .pdf import render_report_pdf

    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",)).select_related("requested_by").filter(pk=report_id).first()
        )
        if report is None or report.status == ReportStatus.DONE:
            return
        report.status = ReportStatus.RUNNING
        report.save(update_fields=["status"])
    try:
        # in the language of the organisation admin who asked for it
        requester = report.requested_by
        content = render_report_pdf(report.assessment, language=requester.preferred_language if requester else None)
        name = private_storage().save(report_file_name(report), ContentFile(content))
    except STORAGE_ERRORS:
        # a full or unavailable disk (or bucket) may pass: back to queued, the task retries with backoff
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.QUEUED)
        raise
    except Exception as exc:
        # a rendering bug will not pass by retrying: the row says so, the person can ask again
        logger.exception("Impact report %s failed", report.pk)
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error=str(exc)[:2000])
        return
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.DONE, file=name, size=len(content), finished_at=timezone.now()
    )
    if report.requested_by_id:
        notification_create(
            recipient=report.requested_by,
            kind="impact_report_ready",
            template="impact/report_ready",
            context={"assessment": report.assessment},
            link=report.assessment.get_absolute_url(),
        )


# --- frameworks --------------------------------------------------------------------------------


@transaction.atomic
def framework_set_published(*, framework: Framework, published: bool) -> Framework:
    """Publish one version (the other versions of the framework are withdrawn, so people start
    new assessments on it; closed ones keep theirs) or withdraw it. Only a version whose every
    dimension has at least one statement can be published."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if published and not framework.is_published:
        dimensions = list(framework.dimensions.annotate(n=Count("indicators")).values_list("title", "n"))
        if not dimensions:
            raise ApplicationError(_("Add at least one dimension with a statement before publishing."))
        empty = [title for title, n in dimensions if n == 0]
        if empty:
            raise ApplicationError(
                _("Add a statement to each dimension before publishing (no statement yet: %(titles)s).")
                % {"titles": ", ".join(empty)}
            )
    if published:
        Framework.objects.filter(slug=framework.slug).exclude(pk=framework.pk).update(is_published=False)
    framework.is_published = published
    framework.save(update_fields=["is_published"])
    return framework


def _require_editable(framework: Framework) -> Framework:
    """Lock the framework row (a publish running at the same time waits) and refuse any change to
    a published version or one with assessments. Call inside a transaction."""
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    if framework.is_published or framework.assessments.exists():
        raise ConflictError(
            _("This version is published or has assessments: make a new version to change its content.")
        )
    return framework


def _unique_code(base: str, taken: set[str], *, fallback: str) -> str:
    base = (slugify(base) or fallback)[:50].strip("-") or fallback
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _renumber(items: list) -> list:
    """Give ``items`` the orders 0, 1, 2... in their list order; return the ones that changed."""
    changed = []
    for position, item in enumerate(items):
        if item.order != position:
            item.order = position
            changed.append(item)
    return changed


def _move(items: list, item, direction: str) -> list:
    if direction not in ("up", "down"):
        raise ApplicationError(_("Choose to move it up or down."), field="direction")
    index = next(i for i, x in enumerate(items) if x.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        raise ConflictError(_("It is already at the edge and cannot move further."))
    items[index], items[other] = items[other], items[index]
    return _renumber(items)


@transaction.atomic
def framework_create(*, title: str, audience: str, description: str = "", slug: str = "") -> Framework:
    """A new framework from scratch: version 1, unpublished, with no dimension yet."""
    slug = slugify(slug or title)[:100]
    if not slug:
        raise ApplicationError(_("Give the framework a title made of letters or digits."), field="title")
    if Framework.objects.filter(slug=slug).exists():
        raise ConflictError(
            _("A framework with the short name %(slug)s exists: make a new version of it instead.") % {"slug": slug},
            field="slug",
        )
    framework = Framework(slug=slug, version=1, title=title, audience=audience, description=description)
    full_clean_or_raise(framework)
    framework.save()
    return framework


@transaction.atomic
def framework_update(*, framework: Framework, title: str, description: str) -> Framework:
    framework = _require_editable(framework)
    framework.title = title
    framework.description = description
    full_clean_or_raise(framework)
    framework.save(update_fields=["title", "description"])
    return framework


@transaction.atomic
def dimension_save(
    *,
    framework: Framework,
    title: str,
    short_title: str,
    description: str = "",
    dimension: Dimension | None = None,
) -> Dimension:
    """Add a dimension at the end of an unpublished version, or rename one of its dimensions."""
    framework = _require_editable(framework)
    if dimension is None:
        taken = set(framework.dimensions.values_list("code", flat=True))
        last = framework.dimensions.aggregate(last=Max("order"))["last"]
        dimension = Dimension(
            framework=framework,
            code=_unique_code(title, taken, fallback="dimension"),
            order=0 if last is None else last + 1,
        )
    elif dimension.framework_id != framework.pk:
        raise ApplicationError(_("The dimension belongs to another framework."))
    dimension.title = title
    dimension.short_title = short_title
    dimension.description = description
    full_clean_or_raise(dimension)
    dimension.save()
    return dimension


@transaction.atomic
def dimension_delete(*, dimension: Dimension) -> None:
    """Remove a dimension with its statements and their recommendations."""
    framework = _require_editable(dimension.framework)
    dimension.delete()
    Dimension.objects.bulk_update(_renumber(list(framework.dimensions.order_by("order", "pk"))), ["order"])


@transaction.atomic
def dimension_move(*, dimension: Dimension, direction: str) -> None:
    framework = _require_editable(dimension.framework)
    changed = _move(list(framework.dimensions.order_by("order", "pk")), dimension, direction)
    Dimension.objects.bulk_update(changed, ["order"])


@transaction.atomic
def indicator_create(
    *, dimension: Dimension, statement: str, levels: list[str], allow_not_applicable: bool, weight
) -> Indicator:
    """Add a statement at the end of a dimension of an unpublished version."""
    framework = _require_editable(dimension.framework)
    taken = set(framework.indicators.values_list("code", flat=True))
    last = dimension.indicators.aggregate(last=Max("order"))["last"]
    indicator = Indicator(
        framework=framework,
        dimension=dimension,
        code=_unique_code(f"{dimension.code}-{dimension.indicators.count() + 1}", taken, fallback="statement"),
        statement=statement,
        levels=levels,
        allow_not_applicable=allow_not_applicable,
        weight=weight,
        order=0 if last is None else last + 1,
    )
    full_clean_or_raise(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> None:
    _require_editable(indicator.framework)
    dimension = indicator.dimension
    indicator.delete()
    Indicator.objects.bulk_update(_renumber(list(dimension.indicators.order_by("order", "pk"))), ["order"])


@transaction.atomic
def indicator_move(*, indicator: Indicator, direction: str) -> None:
    """Move a statement up or down within its dimension."""
    _require_editable(indicator.framework)
    changed = _move(list(indicator.dimension.indicators.order_by("order", "pk")), indicator, direction)
    Indicator.objects.bulk_update(changed, ["order"])


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, statement: str, levels: list[str], allow_not_applicable: bool, weight
) -> Indicator:
    _require_editable(indicator.framework)
    indicator.statement = statement
    indicator.levels = levels
    indicator.allow_not_applicable = allow_not_applicable
    indicator.weight = weight
    full_clean_or_raise(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def recommendation_create(*, indicator: Indicator, min_score, max_score, text: str, links: list[dict]):
    _require_editable(indicator.framework)
    recommendation = Recommendation(
        indicator=indicator, min_score=min_score, max_score=max_score, text=text, links=links
    )
    full_clean_or_raise(recommendation)
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation) -> None:
    _require_editable(recommendation.indicator.framework)
    recommendation.delete()


@transaction.atomic
def recommendation_update(*, recommendation, min_score, max_score, text: str, links: list[dict]):
    _require_editable(recommendation.indicator.framework)
    recommendation.min_score = min_score
    recommendation.max_score = max_score
    recommendation.text = text
    recommendation.links = links
    full_clean_or_raise(recommendation)
    recommendation.save()
    return recommendation


@transaction.atomic
def framework_new_version(*, framework: Framework) -> Framework:
    """Copy a framework into the next, unpublished version: assessments on the old version keep
    the statements they were rated on, and the copy can be edited before it is published."""
    latest = Framework.objects.filter(slug=framework.slug).order_by("-version").first()
    copy = Framework.objects.create(
        slug=framework.slug,
        version=latest.version + 1,
        title=framework.title,
        audience=framework.audience,
        description=framework.description,
        translations=framework.translations,
        is_published=False,
    )
    for dimension in framework.dimensions.prefetch_related("indicators__recommendations"):
        new_dimension = Dimension.objects.create(
            framework=copy,
            code=dimension.code,
            title=dimension.title,
            short_title=dimension.short_title,
            description=dimension.description,
            translations=dimension.translations,
            order=dimension.order,
        )
        for indicator in dimension.indicators.all():
            new_indicator = Indicator.objects.create(
                framework=copy,
                dimension=new_dimension,
                code=indicator.code,
                statement=indicator.statement,
                levels=indicator.levels,
                allow_not_applicable=indicator.allow_not_applicable,
                weight=indicator.weight,
                order=indicator.order,
                translations=indicator.translations,
            )
            Recommendation.objects.bulk_create(
                Recommendation(
                    indicator=new_indicator,
                    min_score=r.min_score,
                    max_score=r.max_score,
                    text=r.text,
                    links=r.links,
                    translations=r.translations,
                )
                for r in indicator.recommendations.all()
            )
    return copy


@transaction.atomic
def framework_translations_save(*, framework: Framework, language: str, texts: dict) -> int:
    """Save one language's translations of a framework's texts, in place on any version, published
    or assessed: like the surveys' wording fixes, a translation does not change the English
    content the scores are tied to, so it needs no new version.

    ``texts`` maps ``(model, pk, field)`` to a text, or for a list field ``(model, pk, field, i)``;
    ``model`` is "framework", "dimension", "indicator" or "recommendation". An empty text removes
    the translation (the English one is shown). Returns how many rows changed."""
    if language not in content_languages():
        raise ApplicationError(_("Translations are kept for French, Spanish, Dutch, Czech and Latvian only."))
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    rows = {
        "framework": {locked.pk: locked},
        "dimension": {d.pk: d for d in Dimension.objects.filter(framework=locked)},
        "indicator": {i.pk: i for i in Indicator.objects.filter(framework=locked)},
        "recommendation": {r.pk: r for r in Recommendation.objects.filter(indicator__framework=locked)},
    }
    entries: dict = {}
    for key, text in texts.items():
        model, pk, field, *index = key
        obj = rows.get(model, {}).get(pk)
        if obj is None or field not in obj.TRANSLATED_FIELDS:
            raise ApplicationError(_("A text does not belong to this framework."))
        entry = entries.setdefault((model, pk), {})
        text = (text or "").strip()
        if field in obj.LIST_FIELDS:
            values = entry.setdefault(field, [""] * len(obj.list_source(field)))
            if not index or not 0 <= index[0] < len(values):
                raise ApplicationError(_("A text does not belong to this framework."))
            values[index[0]] = text
        else:
            entry[field] = text
    changed = {model: [] for model in rows}
    for (model, pk), entry in entries.items():
        obj = rows[model][pk]
        current = dict((obj.translations or {}).get(language) or {})
        for field, value in entry.items():
            if (isinstance(value, list) and not any(value)) or not value:
                current.pop(field, None)
            else:
                current[field] = value
        translations = dict(obj.translations or {})
        if current:
            translations[language] = current
        else:
            translations.pop(language, None)
        if translations != (obj.translations or {}):
            obj.translations = translations
            changed[model].append(obj)
    for model, cls in (
        ("framework", Framework),
        ("dimension", Dimension),
        ("indicator", Indicator),
        ("recommendation", Recommendation),
    ):
        cls.objects.bulk_update(changed[model], ["translations"])
    return sum(len(v) for v in changed.values())
