"""Names that look unused to vulture (``.ci/deadcode.py``, run by ``make lint``) but are called by Django,
a library or a test server: each reached through a dotted path in settings, a URLconf hook or a
library's method. Listed by name (vulture reads this file, nothing imports it); add a name here only
with the place that calls it.
"""

# settings: ACCOUNT_ADAPTER, ACCOUNT_SIGNUP_FORM_CLASS (allauth calls SignupForm.signup)
AccountAdapter
SignupForm
_.signup
# settings: AXES_USERNAME_CALLABLE, AXES_LOCKOUT_CALLABLE
axes_username
lockout_response
# drf-spectacular finds OpenApiAuthenticationExtension subclasses by themselves
SessionScheme
TokenScheme
# accounts/migrations/0002_portal_roles.py imports it (migrations are not scanned)
grant_model_permissions
# settings: SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]
add_error_responses
# settings: TEMPLATES context_processors
portal
# Django's FileSystemStorage and LazyObject hooks (siem_portal/storage.py)
_.base_location
_._setup
_.temporary_file_path
_._save
# siem_portal/urls.py: handler403, handler404, handler500
error_403
error_404
error_500
# test helpers: aiosmtpd's handler hook and HTMLParser's callback
_.handle_message
_.handle_starttag
# properties read by templates: publications/news_detail.html, surveys/manage/question_edit.html,
# testimonials/detail.html
_.event_link_list
_.has_choices
_.reading_minutes
# properties read by templates/includes/original_language.html
_.shown_in_original
_.shown_in_original_card
# DRF's hook on a view (surveys/reports/api.py): the download answers with the file whatever Accept says
_.select_renderer
