from django.db import migrations

ROLE = "data_protection_officer"


def create_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_files_on_private_storage")]

    operations = [migrations.RunPython(create_role, remove_role)]
