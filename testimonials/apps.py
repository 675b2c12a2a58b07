from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    verbose_name = _("Stories")
