"""The API's one permission class: each view maps its actions to django-rules permissions."""

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
