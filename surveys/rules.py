"""Who may do what with surveys."""

import rules

from accounts.rules import is_survey_manager


@rules.predicate
def is_respondent(user, response):
    return bool(user and user.is_authenticated and response is not None and response.respondent_id == user.pk)


rules.add_perm("surveys.manage_surveys", is_survey_manager)
rules.add_perm("surveys.add_survey", is_survey_manager)
rules.add_perm("surveys.change_survey", is_survey_manager)
rules.add_perm("surveys.invite", is_survey_manager)
# a response's answers: the respondent only (reports show aggregates, never a person)
rules.add_perm("surveys.view_response", is_respondent)
rules.add_perm("surveys.withdraw_response", is_respondent)
