from django.db import migrations

ROLES = ["moderator", "event_organiser", "survey_manager", "editor"]


def create_roles(apps, schema_editor):
    from accounts.roles import grant_model_permissions

    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    # Organisations are looked after by survey managers (institutions answer surveys) and editors.
    grant_model_permissions(
        apps, role="survey_manager", app_label="accounts", codenames=["view_organisation", "view_membership"]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
