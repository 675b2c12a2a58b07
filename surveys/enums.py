from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STUDENTS = "students", _("Students")
    STAFF = "staff", _("Staff")
    EVERYONE = "everyone", _("Everyone")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    ARCHIVED = "archived", _("Archived")


class Access(models.TextChoices):
    PUBLIC = "public", _("Anyone, signed in or not")
    SIGNED_IN = "signed_in", _("Signed-in people")
    INVITATION = "invitation", _("Invited people only")


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")
    LIKERT = "likert", _("Likert item")
    MATRIX = "matrix", _("Likert matrix")
    RATING = "rating", _("Rating 0 to 10")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    DATE = "date", _("Date")
    COUNTRY = "country", _("Country")
    LANGUAGE = "language", _("Language")
    INSTITUTION = "institution", _("Institution")
    RANKING = "ranking", _("Ranking")
    NOTE = "note", _("Note (no answer)")


# types answered by picking stored choices (one Answer row per chosen option)
CHOICE_TYPES = {
    QuestionType.SINGLE,
    QuestionType.MULTIPLE,
    QuestionType.YES_NO,
    QuestionType.LIKERT,
    QuestionType.RANKING,
}
NUMBER_TYPES = {QuestionType.RATING, QuestionType.INTEGER, QuestionType.DECIMAL}
TEXT_TYPES = {QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT}
CODE_TYPES = {QuestionType.COUNTRY, QuestionType.LANGUAGE, QuestionType.INSTITUTION}


class Widget(models.TextChoices):
    RADIO = "radio", _("Radio buttons")
    DROPDOWN = "dropdown", _("Dropdown list")


class Operator(models.TextChoices):
    EQUALS = "equals", _("equals")
    IN = "in", _("is one of")
    NOT = "not", _("is not")
    GTE = "gte", _("is at least")
    LTE = "lte", _("is at most")


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Not sent yet")
    SENT = "sent", _("Sent")
    STARTED = "started", _("Started")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Could not be sent")


PREFER_NOT_TO_SAY = "prefer_not_to_say"
OTHER_INSTITUTION = "other"
