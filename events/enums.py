from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    TRAINING = "training", _("Training")
    LOCAL_ACTIVITY = "local_activity", _("Local activity")
    WEBINAR = "webinar", _("Webinar")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class ConfirmationMode(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic: confirmed while seats are left")
    MANUAL = "manual", _("Rolling: organisers confirm each registration")


class RegistrationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("One choice")
    MULTIPLE = "multiple", _("Multiple choice")
    YES_NO = "yes_no", _("Yes or no")


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    POSTER_SESSION = "poster_session", _("Poster session")
    IGNITE_BLOCK = "ignite_block", _("Ignite block")
    BREAK = "break", _("Break")


class ProposalKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    IGNITE = "ignite", _("Ignite (5 minutes, 20 slides)")
    WORKSHOP = "workshop", _("Workshop")
    PANEL = "panel", _("Panel")


# Every reviewer of any event is in this group (events/signals.py), which also makes them staff for the
# second factor: reviewers read proposals that are not public.
REVIEWER_GROUP = "event_reviewer"


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CONFIRMED = "confirmed", _("Confirmed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ProposalTopic(models.TextChoices):
    WIDENING_PARTICIPATION = "widening_participation", _("Widening participation")
    COMMUNITY_ENGAGEMENT = "community_engagement", _("Community engagement")
    PEER_TO_PEER = "peer_to_peer", _("Peer-to-peer interaction")


class Decision(models.TextChoices):
    NONE = "", _("No decision yet")
    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Reject")
