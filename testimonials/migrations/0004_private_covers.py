"""Cover images of stories not published (and of pending revisions) become private files.

The fields get the routing storage of testimonials.storage; existing covers of stories that are
not published, and of every revision, move from public media to PRIVATE_MEDIA_ROOT.
"""

import testimonials.storage
from django.db import migrations, models


def covers_to_private(apps, schema_editor):
    from testimonials.storage import covers_move

    Story = apps.get_model("testimonials", "Story")
    StoryRevision = apps.get_model("testimonials", "StoryRevision")
    for story in Story.objects.exclude(status="published").exclude(cover_large=""):
        covers_move(story, to_private=True)
        story.save(update_fields=["cover_large", "cover_card"])
    for revision in StoryRevision.objects.exclude(cover_large=""):
        covers_move(revision, to_private=True)
        revision.save(update_fields=["cover_large", "cover_card"])


class Migration(migrations.Migration):

    dependencies = [
        ('testimonials', '0003_search_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='story',
            name='cover_card',
            field=models.FileField(blank=True, storage=testimonials.storage.CoverStorage(), upload_to='stories/covers/'),
        ),
        migrations.AlterField(
            model_name='story',
            name='cover_large',
            field=models.FileField(blank=True, storage=testimonials.storage.CoverStorage(), upload_to='stories/covers/'),
        ),
        migrations.AlterField(
            model_name='storyrevision',
            name='cover_card',
            field=models.FileField(blank=True, storage=testimonials.storage.CoverStorage(), upload_to='stories/covers/'),
        ),
        migrations.AlterField(
            model_name='storyrevision',
            name='cover_large',
            field=models.FileField(blank=True, storage=testimonials.storage.CoverStorage(), upload_to='stories/covers/'),
        ),
        migrations.RunPython(covers_to_private, migrations.RunPython.noop),
    ]
