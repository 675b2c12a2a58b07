from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    STUDENT = "student", _("Student")


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Phase(models.TextChoices):
    """When a student's personal assessment is taken."""

    NONE = "", _("Not applicable")
    BEFORE = "before", _("Before mobility")
    AFTER = "after", _("After mobility")


class RespondentRole(models.TextChoices):
    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("Volunteer")
    PARTICIPANT = "participant", _("Participant")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


SCALE_MIN = 0
SCALE_MAX = 5
