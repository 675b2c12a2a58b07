import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.enums import MembershipRole, OrganisationKind
from accounts.models import Membership, Organisation, User

TEST_PASSWORD = "a-long-test-password-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A verified person with the password TEST_PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Faker("name")
    country = "BE"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.YOUTH_ORGANISATION
    country = "BE"


class InstitutionFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"University {n}")
    slug = factory.Sequence(lambda n: f"university-{n}")
    kind = OrganisationKind.HIGHER_EDUCATION
    erasmus_code = factory.Sequence(lambda n: f"B  TEST{n:02d}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER


def give_role(user: User, role: str) -> User:
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def give_totp(user: User) -> str:
    """Gives the person an authenticator app (allauth TOTP); returns its secret for `totp_code`."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The authenticator app's current code. allauth refuses a code used twice: tests that need
    it twice within 30 seconds call `forget_used_code` in between."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def forget_used_code(user: User) -> None:
    """Lets the current code be used again (allauth marks a used code in the cache; clearing the
    whole cache would also end sessions stored there)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import decrypt
    from django.core.cache import cache

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    code = totp_code(decrypt(authenticator.data["secret"]))
    cache.delete(TOTP(authenticator)._get_used_cache_key(code))
