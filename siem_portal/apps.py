from django.apps import AppConfig


class SiemPortalConfig(AppConfig):
    name = "siem_portal"
    verbose_name = "SIEM portal"

    def ready(self):
        from . import home_cache

        home_cache.connect()
