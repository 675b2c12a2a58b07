"""A small survey covering every kind of question, built through the same service as real ones."""

from surveys.enums import SurveyStatus
from surveys.services import survey_create_from_spec


def spec(**overrides):
    data = {
        "slug": "test-survey",
        "title": "Test survey",
        "anonymous": False,
        "access": "public",
        "consent_text": "May we ask personal questions?",
        "consent_version": "v2",
        "translations": {"fr": {"title": "Enquête test"}},
        "sections": [
            {
                "title": "First",
                "questions": [
                    {
                        "code": "went",
                        "type": "yes_no",
                        "text": "Did you go abroad?",
                        "required": True,
                        "translations": {"fr": {"text": "Êtes-vous parti ?"}},
                    },
                    {
                        "code": "months",
                        "type": "integer",
                        "text": "How many months?",
                        "validation": {"min": 1, "max": 24},
                        "condition": {"all": [{"question": "went", "operator": "equals", "value": "yes"}]},
                        "required": True,
                    },
                    {
                        "code": "why",
                        "type": "multiple",
                        "text": "Why?",
                        "validation": {"max_selections": 2},
                        "choices": [
                            {"code": "money", "label": "Money", "translations": {"fr": {"label": "Argent"}}},
                            {"code": "family", "label": "Family"},
                            {"code": "other", "label": "Other", "is_other": True},
                        ],
                    },
                    {
                        "code": "support",
                        "type": "matrix",
                        "text": "Support",
                        "choices": [{"code": "no", "label": "No"}, {"code": "yes", "label": "Yes"}],
                        "rows": [{"code": "support_a", "text": "Info"}, {"code": "support_b", "text": "Money"}],
                    },
                ],
            },
            {
                "title": "Second",
                "questions": [
                    {"code": "comment", "type": "short_text", "text": "Comment", "validation": {"max_length": 20}},
                    {"code": "score", "type": "rating", "text": "Score"},
                    {"code": "when", "type": "date", "text": "When?"},
                    {"code": "country", "type": "country", "text": "Country?"},
                    {
                        "code": "rank",
                        "type": "ranking",
                        "text": "Rank",
                        "choices": [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}],
                    },
                    {"code": "ratio", "type": "decimal", "text": "Ratio", "validation": {"min": 0, "max": 1}},
                ],
            },
            {
                "title": "Personal",
                "questions": [
                    {
                        "code": "income",
                        "type": "single",
                        "text": "Income",
                        "special_category": True,
                        "choices": [{"code": "low", "label": "Low"}, {"code": "high", "label": "High"}],
                    },
                ],
            },
        ],
    }
    data.update(overrides)
    return data


def make_survey(*, status=SurveyStatus.OPEN, **overrides):
    survey = survey_create_from_spec(spec=spec(**overrides))
    survey.status = status
    survey.save()
    return survey
