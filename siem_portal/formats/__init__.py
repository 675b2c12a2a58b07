"""Locale formats the portal changes (FORMAT_MODULE_PATH); other languages use Django's own."""
