"""A proposal's draft PDF is a FileField on the private storage (siem_portal.storage); the stored
names were bare file names in PRIVATE_MEDIA_ROOT/events/proposals/, now names relative to the
storage ("events/proposals/<file>")."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat, Replace

import siem_portal.storage

FOLDER = "events/proposals/"


def prefix_names(apps, schema_editor):
    Proposal = apps.get_model("events", "Proposal")
    Proposal.objects.exclude(draft_pdf="").exclude(draft_pdf__startswith=FOLDER).update(
        draft_pdf=Concat(Value(FOLDER), "draft_pdf")
    )


def bare_names(apps, schema_editor):
    Proposal = apps.get_model("events", "Proposal")
    Proposal.objects.filter(draft_pdf__startswith=FOLDER).update(draft_pdf=Replace("draft_pdf", Value(FOLDER), Value("")))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposal",
            name="draft_pdf",
            field=models.FileField(
                blank=True, max_length=200, storage=siem_portal.storage.private_storage, upload_to="events/proposals/"
            ),
        ),
        migrations.RunPython(prefix_names, bare_names),
    ]
