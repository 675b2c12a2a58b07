from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
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


@login_required
def api_tokens(request):
    """The person's API tokens (never the secrets) with a button to revoke each."""
    tokens = services.api_tokens_for_user(user=request.user)
    return render(request, "accounts/api_tokens.html", {"tokens": tokens})


@login_required
@require_POST
def api_token_revoke(request, token_id: str):
    # filtered by owner: another person's token id revokes nothing and gives 404
    if not services.api_token_revoke(user=request.user, token_id=token_id):
        raise Http404
    messages.success(request, _("The token is revoked: programs using it can no longer sign in with it."))
    return redirect("accounts:api-tokens")


# --- email verification: send again, and the local inbox ----------------------------------------


@require_POST
def verification_resend(request):
    """Send the verification email again with allauth's own mechanism and its rate limit.

    A signed-in person asks for their own unverified address; someone who has just signed up (or
    tried to sign in before verifying) is not signed in, so the address is the one allauth told this
    session it had written to. Either way nobody can ask for an email to an address of their choice.
    """
    from allauth.account.internal.flows.email_verification import send_verification_email_to_address
    from allauth.account.models import EmailAddress

    from .adapter import VERIFICATION_SESSION_KEY

    user_id = request.user.pk if request.user.is_authenticated else request.session.get(VERIFICATION_SESSION_KEY)
    address = None
    if user_id:
        address = EmailAddress.objects.filter(user_id=user_id, verified=False).order_by("-primary", "pk").first()
    user = request.user
    if address is None and user.is_authenticated and not EmailAddress.objects.filter(user=user, verified=True):
        # an account made without allauth (the admin, a script) has no address row yet
        address, _created = EmailAddress.objects.get_or_create(
            user=user, email__iexact=user.email, defaults={"email": user.email, "primary": True}
        )
    if address is None:
        if request.user.is_authenticated:
            messages.info(request, _("Your email address is already confirmed."))
            return redirect("accounts:dashboard")
        messages.info(request, _("Sign in with your email address and password: we will send the email again."))
        return redirect("account_login")
    if send_verification_email_to_address(request, address):
        messages.success(request, _("We sent the email again to %(email)s.") % {"email": address.email})
    else:
        messages.warning(
            request,
            _(
                "We sent you an email only a few minutes ago: its link still works. Please check your inbox and "
                "spam folder, or ask again in a few minutes."
            ),
        )
    if request.user.is_authenticated:
        return redirect(request.POST.get("next") if _safe_next(request) else "account_email")
    return redirect("account_email_verification_sent")


def _safe_next(request) -> bool:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _local_inbox_or_404(request) -> None:
    if not request.user.has_perm("accounts.view_local_inbox"):
        raise Http404


def local_inbox(request):
    from . import local_inbox as inbox

    _local_inbox_or_404(request)
    return render(request, "account/local_inbox.html", {"inbox_messages": inbox.messages_list()})


def local_inbox_message(request, key: str):
    from . import local_inbox as inbox

    _local_inbox_or_404(request)
    message = inbox.message_get(key)
    if message is None:
        raise Http404
    return render(request, "account/local_inbox_message.html", {"message": message})
