import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from siem_portal.markdown import markdown_render
from testimonials.consent import PUBLISH_CONSENT_VERSION
from testimonials.enums import DisplayName, MobilityType, StoryKind, StoryStatus
from testimonials.models import Story, count_words


class StoryFactory(factory.django.DjangoModelFactory):
    """A published story (pass status=... for another state); body_html rendered from body."""

    class Meta:
        model = Story

    author = factory.SubFactory(UserFactory)
    kind = StoryKind.TESTIMONIAL
    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.Sequence(lambda n: f"story-number-{n}")
    summary = "A semester abroad that changed my plans."
    body = "I went abroad and it was **good**."
    body_html = factory.LazyAttribute(lambda o: markdown_render(o.body, public_author=True))
    word_count = factory.LazyAttribute(lambda o: count_words(o.body))
    mobility_type = MobilityType.STUDY
    host_country = "BE"
    display_name = DisplayName.FIRST_NAME_COUNTRY
    status = StoryStatus.PUBLISHED
    publish_consent_version = PUBLISH_CONSENT_VERSION
    publish_consent_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == StoryStatus.PUBLISHED else None)
