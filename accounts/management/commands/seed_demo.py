from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from siem_portal.registry import registry


class Command(BaseCommand):
    help = "Create the demo content (idempotent). Each app adds its own part through the registry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--responses",
            type=int,
            default=0,
            help="Also add this many synthetic survey responses (bulk inserted).",
        )

    def handle(self, *args, **options):
        if settings.SIEM_ENVIRONMENT == "production":
            raise CommandError("seed_demo refuses to run with production settings.")
        # call_command(stdout=...) puts the streams among the options; seeders get ours once
        options = {key: value for key, value in options.items() if key not in ("stdout", "stderr")}
        # The demo's people have example.org addresses: the emails their demo activity causes are
        # kept in memory, not printed over the console or sent to a real server.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for seeder in registry.demo:
                with transaction.atomic():
                    seeder.seed(stdout=self.stdout, **options)
        self.stdout.write(self.style.SUCCESS("Demo content ready. Every demo account's password is siem-demo-2026."))
