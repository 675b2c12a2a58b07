"""Who may do what with frameworks and assessments (django-rules)."""

import rules

from accounts.rules import is_organisation_admin, is_survey_manager


@rules.predicate
def is_assessment_manager(user, assessment):
    """The organisation's admin, or the student who owns a personal assessment."""
    if assessment is None or not (user and user.is_authenticated):
        return False
    if assessment.organisation_id is None:
        return assessment.created_by_id == user.pk
    return is_organisation_admin(user, assessment.organisation)


@rules.predicate
def is_assessment_respondent(user, assessment):
    if assessment is None or not (user and user.is_authenticated):
        return False
    cache = getattr(user, "_impact_respondent_of", None)
    if cache is None:
        cache = user._impact_respondent_of = {}
    if assessment.pk not in cache:
        cache[assessment.pk] = assessment.respondents.filter(user=user).exists()
    return cache[assessment.pk]


@rules.predicate
def is_signed_in(user):
    return bool(user and user.is_authenticated)


rules.add_perm("impact.start_assessment", is_signed_in)
rules.add_perm("impact.view_assessment", is_assessment_manager | is_assessment_respondent)
rules.add_perm("impact.manage_assessment", is_assessment_manager)
rules.add_perm("impact.rate_assessment", is_assessment_respondent)
rules.add_perm("impact.manage_frameworks", is_survey_manager)
rules.add_perm("impact.view_framework", rules.always_allow)
