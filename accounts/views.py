from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from siem_portal.registry import registry
from siem_portal.storage import private_file_response

from . import selectors, services
from .enums import ExportStatus
from .forms import AccountDeleteForm, EmailPreferencesForm, ProfileForm
from .models import EmailOptOut


def _links(items, user):
    """Registry links the person may see, resolved; an app whose URLs are not there is skipped."""
    resolved = []
    for item in items:
        if item.visible and not item.visible(user):
            continue
        try:
            resolved.append({"label": item.label, "url": reverse(item.url_name), "description": item.description})
        except NoReverseMatch:
            continue
    return resolved


@login_required
def dashboard(request):
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": selectors.memberships_for_user(user=user),
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "notifications": selectors.notifications_for_user(user=user)[:5],
            "unread": selectors.unread_notification_count(user=user),
            "links": _links(registry.dashboard, user),
        },
    )


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def notifications(request):
    page = Paginator(selectors.notifications_for_user(user=request.user), 20).get_page(request.GET.get("page"))
    muted = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = EmailPreferencesForm(muted=muted)
    return render(request, "accounts/notifications.html", {"page": page, "form": form})


@login_required
@require_POST
def notifications_mark_read(request):
    services.notifications_mark_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("accounts:notifications")


@login_required
@require_POST
def email_preferences(request):
    muted = set(EmailOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = EmailPreferencesForm(request.POST, muted=muted)
    if form.is_valid():
        services.email_preferences_set(user=request.user, muted_kinds=form.muted_kinds())
        messages.success(request, _("Your email preferences were saved."))
        return redirect("accounts:notifications")
    page = Paginator(selectors.notifications_for_user(user=request.user), 20).get_page(1)
    return render(request, "accounts/notifications.html", {"page": page, "form": form}, status=400)


@login_required
def privacy(request):
    exports = selectors.privacy_exports_for_user(user=request.user)[:5]
    return render(request, "accounts/privacy.html", {"exports": exports, "ExportStatus": ExportStatus})


@login_required
@require_POST
def privacy_export_request(request):
    services.privacy_export_request(user=request.user)
    messages.success(request, _("We are preparing your data. You will get a notification when it is ready."))
    return redirect("accounts:privacy")


@login_required
def privacy_export_download(request, pk: int):
    # filtered by owner: another person's id gives 404
    export = get_object_or_404(selectors.privacy_exports_for_user(user=request.user), pk=pk, status=ExportStatus.DONE)
    return private_file_response(
        export.file.storage, export.file.name, filename="siem-portal-my-data.json", content_type="application/json"
    )


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)
