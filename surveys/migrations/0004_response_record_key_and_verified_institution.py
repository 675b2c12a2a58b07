"""Record keys for the cell-key method and the verified tie of a response to its institution.

The data step gives every existing response its own random record key (an added column with a
callable default would give them all the same one) and marks as verified the responses whose
respondent is known and a member of the response's institution; anonymous responses stored before
this have no such evidence and count only in survey-wide results.
"""

import secrets

import django.db.models.deletion
import surveys.models
from django.conf import settings
from django.db import migrations, models


def keys_and_verification(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Membership = apps.get_model("accounts", "Membership")
    batch = []
    for response in Response.objects.only("pk").iterator(chunk_size=2000):
        response.record_key = secrets.randbelow(256)
        batch.append(response)
        if len(batch) == 2000:
            Response.objects.bulk_update(batch, ["record_key"])
            batch = []
    Response.objects.bulk_update(batch, ["record_key"])
    members = Membership.objects.values("user_id", "organisation_id")
    for pair in members.iterator():
        Response.objects.filter(respondent_id=pair["user_id"], institution_id=pair["organisation_id"]).update(
            institution_verified=True
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_portal_roles"),
        ("surveys", "0003_report_files_on_private_storage"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="response",
            name="institution_verified",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="response",
            name="record_key",
            field=models.PositiveSmallIntegerField(default=surveys.models.record_key),
        ),
        migrations.AddIndex(
            model_name="response",
            index=models.Index(
                fields=["survey", "institution", "institution_verified"], name="surveys_res_survey__227ce6_idx"
            ),
        ),
        migrations.RunPython(keys_and_verification, migrations.RunPython.noop),
    ]
