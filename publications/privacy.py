"""What the library processes about people: no model of its own holds personal data; download
statistics keep a visitor's hashed address only in the cache for an hour."""

from django.utils.translation import gettext_lazy as _

from siem_portal.registry import ProcessingActivity

ACTIVITIES = (
    ProcessingActivity(
        code="library_statistics",
        name=_("Library download statistics"),
        purpose=_("Count the downloads of the project's publications (COUNTER-style: one per visitor per hour)."),
        legal_basis=_("Legitimate interest of the project in reporting the use of its results (GDPR Art. 6(1)(f))."),
        data_subjects=_("Visitors who download a publication."),
        data_categories=_("A one-way hash of the visitor's address and browser, kept in the cache only."),
        retention=_("One hour; only the count per publication is stored."),
        recipients=_("Nobody: the counts are published, the hashes are never stored in the database."),
        order=60,
    ),
    ProcessingActivity(
        code="editorial_log",
        name=_("Who changed what (audit log of staff changes)"),
        purpose=_("Accountability: which staff member changed a publication, a news post, a survey or a framework."),
        legal_basis=_("Legitimate interest in the integrity of the portal's content (GDPR Art. 6(1)(f))."),
        data_subjects=_("Editors, survey managers, organisers and moderators."),
        data_categories=_("The staff member, the change and its time."),
        retention=_("As long as the content exists; the person's link is removed when the account is deleted."),
        recipients=_("Staff of the same role and the portal's administrators."),
        order=70,
    ),
)
