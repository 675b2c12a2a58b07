"""Survey report jobs: the file is a FileField on the private storage (siem_portal.storage) instead of
an absolute path; existing paths become names relative to PRIVATE_MEDIA_ROOT ("survey-reports/<file>")."""

from pathlib import Path

from django.conf import settings
from django.db import migrations, models

import siem_portal.storage

FOLDER = "survey-reports/"


def paths_to_names(apps, schema_editor):
    Model = apps.get_model("surveys", "ReportJob")
    for row in Model.objects.exclude(file_path="").only("pk", "file_path"):
        Model.objects.filter(pk=row.pk).update(file=FOLDER + Path(row.file_path).name)


def names_to_paths(apps, schema_editor):
    Model = apps.get_model("surveys", "ReportJob")
    for row in Model.objects.exclude(file="").only("pk", "file"):
        Model.objects.filter(pk=row.pk).update(file_path=str(Path(settings.PRIVATE_MEDIA_ROOT) / row.file.name))


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportjob",
            name="file",
            field=models.FileField(
                blank=True, max_length=300, storage=siem_portal.storage.private_storage, upload_to="survey-reports/"
            ),
        ),
        migrations.RunPython(paths_to_names, names_to_paths),
        migrations.RemoveField(
            model_name="reportjob",
            name="file_path",
        ),
    ]
