from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User


class Command(BaseCommand):
    help = (
        "Print an API token for each given email, made directly in the database (no password, no second "
        "factor). For CI's schemathesis stage (.ci/schemathesis) against demo data; refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="+", help="addresses of existing accounts, e.g. student@example.org")

    def handle(self, *args, emails, **options):
        if settings.SIEM_ENVIRONMENT == "production":
            raise CommandError("api_tokens refuses to run with production settings.")
        for email in emails:
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is None:
                raise CommandError(f"No active account with the address {email}.")
            self.stdout.write(f"{email} {_token_for(user)}")


def _token_for(user) -> str:
    """The one place that makes CI's tokens: an expiring token made as after a second factor."""
    from accounts.services import api_token_create

    _instance, key = api_token_create(user=user, second_factor=True)
    return key
