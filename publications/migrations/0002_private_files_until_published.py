"""Library files of publications not published become private files (issue 12 item 5).

The fields get the routing storage of publications.storage; existing PDFs and thumbnails of
publications that are not published move from public media to the private storage
(PRIVATE_MEDIA_ROOT/library/ by default); published ones keep their public names and URLs.
"""

import publications.models
import publications.storage
from django.db import migrations, models


def drafts_to_private(apps, schema_editor):
    from siem_portal.storage import files_move

    LanguageVersion = apps.get_model("publications", "LanguageVersion")
    for version in LanguageVersion.objects.filter(edition__publication__is_published=False):
        files_move(version, ["file", "thumbnail"], to_private=True)
        version.save(update_fields=["file", "thumbnail"])


def drafts_to_public(apps, schema_editor):
    from siem_portal.storage import files_move

    LanguageVersion = apps.get_model("publications", "LanguageVersion")
    for version in LanguageVersion.objects.all():
        files_move(version, ["file", "thumbnail"], to_private=False)
        version.save(update_fields=["file", "thumbnail"])


class Migration(migrations.Migration):

    dependencies = [
        ('publications', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='languageversion',
            name='file',
            field=models.FileField(max_length=300, storage=publications.storage.LibraryStorage(), upload_to=publications.models._version_path, verbose_name='PDF file'),
        ),
        migrations.AlterField(
            model_name='languageversion',
            name='thumbnail',
            field=models.ImageField(blank=True, max_length=300, storage=publications.storage.LibraryStorage(), upload_to=publications.models._thumbnail_path),
        ),
        migrations.RunPython(drafts_to_private, drafts_to_public),
    ]
