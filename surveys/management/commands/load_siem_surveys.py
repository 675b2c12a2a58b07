import json

from django.core.management.base import BaseCommand

from surveys.demo import KEPT, load_siem_surveys
from surveys.siem_translations import english_template


class Command(BaseCommand):
    help = (
        "Load the SIEM Student Survey and University Staff Survey: create them when missing, otherwise "
        "update their wording and translations in place (same version). --english-template prints a "
        "translation file with the English texts, to start a new language."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--english-template",
            action="store_true",
            help="Print surveys/content/siem_<language>.json with the English texts instead of loading.",
        )

    def handle(self, *args, **options):
        if options["english_template"]:
            self.stdout.write(json.dumps(english_template(), ensure_ascii=False, indent=2))
            return
        for survey, what in load_siem_surveys():
            if what == KEPT:
                self.stderr.write(
                    f"{survey.slug}: {what}: its questions were changed in the builder, so only the builder "
                    "changes it now"
                )
            else:
                self.stdout.write(f"{survey.slug}: {what}")
