import json

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# (path regex, path parameter, model, field): each operation's path parameter is drawn, most of the
# time, from the identifiers that exist, so that schemathesis reaches the code behind the 404.
BINDINGS = [
    (r"^/api/v1/events/\{slug\}", "slug", "events.Event", "slug"),
    (r"^/api/v1/stories/\{slug\}", "slug", "testimonials.Story", "slug"),
    (r"^/api/v1/surveys/\{slug\}", "slug", "surveys.Survey", "slug"),
    (r"^/api/v1/publications/\{slug\}", "slug", "publications.Publication", "slug"),
    (r"^/api/v1/news/\{slug\}", "slug", "publications.NewsPost", "slug"),
    (r"^/api/v1/impact/assessments/\{id\}", "id", "impact.Assessment", "pk"),
    (r"^/api/v1/impact/frameworks/\{id\}", "id", "impact.Framework", "pk"),
    (r"^/api/v1/reports/\{id\}", "id", "surveys.ReportJob", "pk"),
]


def _toml(value) -> str:
    return json.dumps(value)  # a JSON string or number is a valid TOML value


class Command(BaseCommand):
    help = (
        "Print a schemathesis.toml that draws path parameters from the identifiers in the database "
        "(for CI's schemathesis stage, .ci/schemathesis, on the demo data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--probability", type=float, default=0.85, help="share of cases using a real identifier")

    def handle(self, *args, probability, **options):
        if settings.SIEM_ENVIRONMENT == "production":
            raise CommandError("schemathesis_config refuses to run with production settings.")
        lines = []
        operations = []
        for index, (path_regex, parameter, label, field) in enumerate(BINDINGS):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            values = list(model.objects.order_by(field).values_list(field, flat=True)[:50])
            if not values:
                continue
            name = f"d{index}"
            lines += [f"[dictionaries.{name}]", f"values = [{', '.join(_toml(v) for v in values)}]", ""]
            binding = f'{{ "path.{parameter}" = {{ dictionary = "{name}", probability = {probability} }} }}'
            operations += ["[[operations]]", f"include-path-regex = {_toml(path_regex)}", f"parameters = {binding}", ""]
        self.stdout.write("\n".join(lines + operations))
