"""Permissions, one way: ``RulesPermission`` for the API and ``rule_required`` for pages, both on django-rules."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework.permissions import SAFE_METHODS, BasePermission


class RulesPermission(BasePermission):
    """Checks `view.permission_rules[action]` with django-rules.

    A view declares for example ``permission_rules = {"list": None, "create": "events.add_event"}``.
    ``None`` means anyone may call it; an action that is not listed is refused for writes and
    open for reads only when ``"*read"`` is listed. Object actions are checked again with the object,
    so a rule such as ``testimonials.change_story`` can look at the story's author.
    """

    def _rule(self, request, view):
        rules = getattr(view, "permission_rules", {})
        action = getattr(view, "action", None) or request.method.lower()
        if action in rules:
            return True, rules[action]
        if request.method in SAFE_METHODS and "*read" in rules:
            return True, rules["*read"]
        return False, None

    def has_permission(self, request, view):
        known, rule = self._rule(request, view)
        if not known:
            return False
        if rule is None:
            return True
        if not request.user.is_authenticated:
            return False
        # object-level rules are decided in has_object_permission; here only the type-level check
        if getattr(view, "permission_object_actions", None) and view.action in view.permission_object_actions:
            return True
        return request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj):
        known, rule = self._rule(request, view)
        if not known:
            return False
        if rule is None:
            return True
        return request.user.has_perm(rule, obj)


def rule_required(perm: str, fn=None, *, hide: bool = False):
    """The one gate of the portal's pages: sign in first, then the django-rules permission ``perm``.

    ``fn(request, *args, **kwargs)`` (optional) returns the object an object rule looks at, or None
    for one that does not exist (404); the view then receives it after the request::

        @rule_required("events.change_event", lambda request, slug: Event.objects.filter(slug=slug).first(), hide=True)
        def manage_event(request, event, slug): ...

    Someone signed out goes to the sign-in page; someone the rule refuses gets 403, or 404 with
    ``hide=True`` where an object a person may not see should look absent (another person's draft).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            obj = None
            if fn is not None:
                obj = fn(request, *args, **kwargs)
                if obj is None:
                    raise Http404
            if not request.user.has_perm(perm, obj):
                raise Http404 if hide else PermissionDenied
            if fn is not None:
                return view(request, obj, *args, **kwargs)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
