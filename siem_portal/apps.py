from django.apps import AppConfig


class SiemPortalConfig(AppConfig):
    name = "siem_portal"
    verbose_name = "SIEM portal"
