from django.core.management.base import BaseCommand

from surveys.demo import load_siem_surveys


class Command(BaseCommand):
    help = "Load (or leave as they are) the SIEM Student Survey and University Staff Survey."

    def handle(self, *args, **options):
        for survey, created in load_siem_surveys():
            self.stdout.write(f"{survey.slug}: {'created' if created else 'already there'}")
