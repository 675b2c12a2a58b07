from django.db import migrations


def create_defaults(apps, schema_editor):
    from publications.site_pages import DEFAULTS, WRITTEN_ON

    SitePage = apps.get_model("publications", "SitePage")
    for kind, (title, body) in DEFAULTS.items():
        SitePage.objects.get_or_create(
            kind=kind, language="en", defaults={"title": title, "body": body, "reviewed_on": WRITTEN_ON}
        )


class Migration(migrations.Migration):
    dependencies = [("publications", "0003_site_pages")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
