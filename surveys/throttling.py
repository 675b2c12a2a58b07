"""A limit on the answers to one survey from one client, for the API and the pages (no padding)."""

from types import SimpleNamespace

from rest_framework.throttling import SimpleRateThrottle


class SurveyAnswerThrottle(SimpleRateThrottle):
    """Answers to one survey from one client (account, or a keyed hash of the address): a few an
    hour, so that nobody can pad a survey with made-up responses. ``SURVEY_ANSWER_RATE`` sets it."""

    scope = "survey_answer"

    def get_rate(self):
        from django.conf import settings

        return getattr(settings, "SURVEY_ANSWER_RATE", "10/hour")

    def get_cache_key(self, request, view):
        ident = f"u{request.user.pk}" if request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": f"{self.scope}:{view.kwargs.get('slug', '')}", "ident": ident}


def answer_allowed(request, survey) -> bool:
    """Count one submission of ``survey`` from this client; False past the limit (the pages)."""
    return SurveyAnswerThrottle().allow_request(request, SimpleNamespace(kwargs={"slug": survey.slug}))
