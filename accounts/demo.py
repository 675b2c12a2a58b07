"""Demo organisations and one verified account per role (password ``siem-demo-2026``)."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .enums import MembershipRole, OrganisationKind, PortalRole
from .models import Membership, Organisation, User

DEMO_PASSWORD = "siem-demo-2026"

ORGANISATIONS = [
    # slug, name, kind, country, Erasmus code
    ("universite-libre-demo", "Université Libre de Démo", OrganisationKind.HIGHER_EDUCATION, "BE", "B  DEMO01"),
    ("universidad-demo-vigo", "Universidad Demo de Vigo", OrganisationKind.HIGHER_EDUCATION, "ES", "E  DEMO02"),
    ("masaryk-demo-university", "Masaryk Demo University", OrganisationKind.HIGHER_EDUCATION, "CZ", "CZ DEMO03"),
    ("riga-demo-university", "Riga Demo University", OrganisationKind.HIGHER_EDUCATION, "LV", "LV DEMO04"),
    ("youth-bridges-demo", "Youth Bridges (demo)", OrganisationKind.YOUTH_ORGANISATION, "BE", ""),
    ("esn-demo-section", "ESN Demo Section", OrganisationKind.STUDENT_ASSOCIATION, "FR", ""),
]

# email, full name, country, portal roles, (organisation slug, membership role) or None, superuser
ACCOUNTS = [
    ("admin@example.org", "Ada Admin", "BE", [], None, True),
    ("student@example.org", "Sam Student", "ES", [], ("universite-libre-demo", MembershipRole.MEMBER), False),
    ("staff@example.org", "Stella Staff", "BE", [], ("universite-libre-demo", MembershipRole.MEMBER), False),
    ("iro@example.org", "Ivo Iro", "BE", [], ("universite-libre-demo", MembershipRole.IRO_OFFICER), False),
    ("org@example.org", "Olga Organisation", "BE", [], ("youth-bridges-demo", MembershipRole.ADMIN), False),
    ("organiser@example.org", "Oscar Organiser", "BE", [PortalRole.EVENT_ORGANISER], None, False),
    ("reviewer@example.org", "Rita Reviewer", "NL", [], None, False),
    ("moderator@example.org", "Mona Moderator", "FR", [PortalRole.MODERATOR], None, False),
    ("editor@example.org", "Eddie Editor", "LV", [PortalRole.EDITOR], None, False),
    ("surveys@example.org", "Sofia Surveys", "CZ", [PortalRole.SURVEY_MANAGER], None, False),
    ("dpo@example.org", "Dana Protection", "BE", [PortalRole.DATA_PROTECTION_OFFICER], None, False),
]


def demo_organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def seed(*, stdout=None, **options) -> None:
    for slug, name, kind, country, code in ORGANISATIONS:
        Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "country": country, "erasmus_code": code}
        )
    for email, full_name, country, roles, membership, superuser in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(email=email, password=DEMO_PASSWORD, full_name=full_name, country=country)
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        for role in roles:
            user.groups.add(Group.objects.get(name=role))
        if membership:
            Membership.objects.get_or_create(
                user=user, organisation=demo_organisation(membership[0]), role=membership[1]
            )
    if stdout:
        stdout.write(f"accounts: {len(ORGANISATIONS)} organisations, {len(ACCOUNTS)} accounts")
