"""Account events that end sessions and tokens."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .middleware import staff_session_start
from .models import ApiToken

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="accounts_staff_session_start")
def _session_start(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        staff_session_start(request, user)


@receiver(pre_save, sender=User, dispatch_uid="accounts_tokens_mark")
def _mark_token_revocation(sender, instance, **kwargs):
    # set_password() leaves the new raw password in _password until the save; every way of
    # changing it (the account page, a reset link, the admin, changepassword) goes through it.
    instance._siem_revoke_tokens = bool(instance.pk) and (
        getattr(instance, "_password", None) is not None or not instance.is_active
    )


@receiver(post_save, sender=User, dispatch_uid="accounts_tokens_revoke")
def _revoke_tokens(sender, instance, created, **kwargs):
    """Every API token dies when the password changes or the account is deactivated; deleting the
    account deletes them with it (on_delete=CASCADE)."""
    if not created and getattr(instance, "_siem_revoke_tokens", False):
        ApiToken.objects.filter(user=instance).delete()
        instance._siem_revoke_tokens = False


@receiver(authenticator_added, dispatch_uid="accounts_totp_activated_counts_as_second_factor")
def _activation_passes_the_second_factor(sender, request, user, authenticator, **kwargs):
    """Activating an authenticator app takes the password (allauth asks it again) and a valid code
    from the app: the session has passed the second factor, as after a sign-in with it."""
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True)
