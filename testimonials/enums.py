from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryKind(models.TextChoices):
    TESTIMONIAL = "testimonial", _("Testimonial")
    BLOG_POST = "blog_post", _("Blog post")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")


class RevisionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class Decision(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    REQUEST_CHANGES = "request_changes", _("Ask for changes")
    REJECT = "reject", _("Reject")


class DisplayName(models.TextChoices):
    FULL_NAME = "full_name", _("My full name")
    FIRST_NAME_COUNTRY = "first_name_country", _("My first name and country")
    PSEUDONYM = "pseudonym", _("A pseudonym")
    ANONYMOUS = "anonymous", _("Anonymous")


class MobilityType(models.TextChoices):
    STUDY = "study", _("Study")
    TRAINEESHIP = "traineeship", _("Traineeship")
    VOLUNTEERING = "volunteering", _("Volunteering")
    YOUTH_EXCHANGE = "youth_exchange", _("Youth exchange")
    STAFF = "staff", _("Staff mobility")


class Background(models.TextChoices):
    FIRST_GENERATION = "first_generation", _("First-generation student")
    LOW_INCOME = "low_income", _("Low-income background")
    RURAL = "rural", _("Rural community")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic minority")
    LGBTQI = "lgbtqi", _("LGBTQI+")
    DISABILITY = "disability", _("Disability or health condition")
    OTHER = "other", _("Other")


class OnAccountDeletion(models.TextChoices):
    DELETE = "delete", _("Delete the story")
    ANONYMISE = "anonymise", _("Keep it online, anonymous")


class FlagReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("It reveals someone's personal data")
    HATEFUL = "hateful", _("Hateful or harassing")
    SPAM = "spam", _("Spam or advertising")
    FALSE = "false", _("False or misleading")
    OTHER = "other", _("Something else")


class FlagAction(models.TextChoices):
    KEEP = "keep", _("Keep the story online")
    UNPUBLISH = "unpublish", _("Take the story down")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be relayed")
    SENT = "sent", _("Relayed")
    BLOCKED = "blocked", _("Not relayed: sender blocked")
    FAILED = "failed", _("Failed")
