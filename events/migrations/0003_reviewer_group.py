from django.db import migrations

GROUP = "event_reviewer"


def add_reviewers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Reviewer = apps.get_model("events", "Reviewer")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.user_set.add(*set(Reviewer.objects.values_list("user_id", flat=True)))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0002_files_on_private_storage"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_reviewers, remove_group)]
