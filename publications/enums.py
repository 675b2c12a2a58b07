from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    RESEARCH_REPORT = "research_report", _("Research report")
    GUIDELINES = "guidelines", _("Guidelines")
    MANUAL = "manual", _("Manual")
    FACTSHEET = "factsheet", _("Factsheet")
    RECOMMENDATIONS = "recommendations", _("Technical recommendations")
    IMPLEMENTATION_REPORT = "implementation_report", _("Implementation report")
    OTHER = "other", _("Other")


class Audience(models.TextChoices):
    STUDENTS = "students", _("Students")
    HIGHER_EDUCATION = "hei", _("Higher education institutions")
    NATIONAL_AGENCIES = "national_agencies", _("National agencies")
    EUROPEAN_COMMISSION = "european_commission", _("European Commission")
    POLICY_MAKERS = "policy_makers", _("Policy makers")
    YOUTH_ORGANISATIONS = "youth_organisations", _("Youth organisations")


class Topic(models.TextChoices):
    LGBTQI = "lgbtqi", _("LGBTQI+ students")
    ETHNIC_MINORITY = "ethnic_minority", _("Ethnic-minority students")
    LOW_INCOME = "low_income", _("Students from low-income backgrounds")
    RURAL = "rural", _("Students from rural communities")
    FIRST_GENERATION = "first_generation", _("First-generation students")
    DISABILITY = "disability", _("Students with disabilities or health conditions")
    COMMUNICATION = "communication", _("Inclusive communication")
    COMMUNITY_ENGAGEMENT = "community_engagement", _("Community engagement")
    WIDENING_PARTICIPATION = "widening_participation", _("Widening participation")
    POLICY = "policy", _("Policy and programme design")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC = "CC-BY-NC-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", _("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 (CC BY-NC-SA 4.0)")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}


class ProcessingStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SortOrder(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    NEWEST = "newest", _("Newest first")
    DOWNLOADS = "downloads", _("Most downloaded")
    TITLE = "title", _("Title")


class SitePageKind(models.TextChoices):
    """Pages of the portal whose text editors write, one row per language."""

    PRIVACY = "privacy", _("Privacy notice")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
