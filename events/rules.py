"""Who may do what with events: portal event organisers create events; each event's organisers
(or a superuser) manage it; published events are public."""

import rules

from accounts.rules import is_event_organiser

from .enums import EventStatus


@rules.predicate
def is_organiser_of(user, event):
    if not (user and user.is_authenticated) or event is None:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_siem_organised_event_ids", None)
    if cache is None:
        cache = frozenset(user.organised_events.values_list("pk", flat=True))
        user._siem_organised_event_ids = cache
    return event.pk in cache


@rules.predicate
def is_published(user, event):
    return event is not None and event.status != EventStatus.DRAFT


rules.add_perm("events.manage_events", is_event_organiser | rules.is_superuser)
rules.add_perm("events.add_event", is_event_organiser | rules.is_superuser)
rules.add_perm("events.view_event", is_published | is_organiser_of)
rules.add_perm("events.change_event", is_organiser_of)
rules.add_perm("events.register", rules.is_authenticated)


@rules.predicate
def is_reviewer_of(user, event):
    if not (user and user.is_authenticated) or event is None:
        return False
    return event.reviewers.filter(user=user).exists()


rules.add_perm("events.review_event", is_reviewer_of)


@rules.predicate
def is_own_registration(user, registration):
    return bool(user and user.is_authenticated and registration is not None and registration.user_id == user.pk)


# a person sees and changes only their own registration (the service decides until when)
rules.add_perm("events.view_registration", is_own_registration)
rules.add_perm("events.change_registration", is_own_registration)
