from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    HIGHER_EDUCATION = "hei", _("Higher education institution")
    YOUTH_ORGANISATION = "youth", _("Youth organisation")
    STUDENT_ASSOCIATION = "student_association", _("Student association")
    NATIONAL_AGENCY = "national_agency", _("National agency")
    OTHER = "other", _("Other")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    ADMIN = "admin", _("Organisation admin")
    IRO_OFFICER = "iro_officer", _("IRO officer")


class PortalRole(models.TextChoices):
    """Portal-wide roles, stored as Django groups whose names are these values."""

    MODERATOR = "moderator", _("Moderator")
    EVENT_ORGANISER = "event_organiser", _("Event organiser")
    SURVEY_MANAGER = "survey_manager", _("Survey manager")
    EDITOR = "editor", _("Editor")
    DATA_PROTECTION_OFFICER = "data_protection_officer", _("Data protection officer")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not emailed (turned off)")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
