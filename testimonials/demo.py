"""Demo stories written for the portal, across backgrounds and kinds of mobility.

Idempotent: a story whose slug exists is left alone; extra demo students are created once.
"""

import io
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import User
from siem_portal.markdown import markdown_render

from . import services
from .consent import BACKGROUND_CONSENT_VERSION, PUBLISH_CONSENT_VERSION
from .enums import DisplayName, StoryStatus
from .models import Story, StoryBackground, count_words
from .storage import covers_move

EXTRA_STUDENTS = [
    ("amira@example.org", "Amira Haddad", "FR"),
    ("tomas@example.org", "Tomás Ferreira", "PT"),
    ("lina@example.org", "Lina Ozola", "LV"),
]

STORIES = [
    {
        "slug": "first-in-my-family-to-board-a-plane",
        "author": "student@example.org",
        "kind": "testimonial",
        "title": "The first in my family to board a plane",
        "summary": "Nobody at home had been to university, let alone abroad. A semester in Brussels showed me I could.",
        "mobility_type": "study",
        "host_country": "BE",
        "home_country": "ES",
        "host_institution": "Université Libre de Démo",
        "period": "Spring 2025",
        "backgrounds": ["first_generation", "low_income"],
        "backgrounds_public": True,
        "display_name": DisplayName.FIRST_NAME_COUNTRY,
        "status": StoryStatus.PUBLISHED,
        "allow_questions": True,
        "colour": (18, 53, 91),
        "body": (
            "When the international office sent the email about Erasmus+, I deleted it. Exchanges were for "
            "people whose parents had travelled, not for a kid whose mum cleans offices at night.\n\n"
            "A tutor asked me why I had not applied. I told her the truth: I did not know how to pay the "
            "deposit for a room, and I had never filled in a form in English. She sat with me for an hour.\n\n"
            "## What helped\n\n"
            "- The **top-up grant** for students from low-income families, paid before departure.\n"
            "- A buddy from the local student association who met me at the station.\n"
            "- Knowing that the international office would answer the phone.\n\n"
            "Brussels was grey and wonderful. I passed every course, and I now volunteer as a buddy myself."
        ),
    },
    {
        "slug": "a-traineeship-in-riga-on-wheels",
        "author": "tomas@example.org",
        "kind": "blog_post",
        "title": "A traineeship in Riga, on wheels",
        "summary": "Cobblestones, a lift that worked twice a week and a team that made it work anyway.",
        "mobility_type": "traineeship",
        "host_country": "LV",
        "home_country": "PT",
        "host_institution": "Riga Demo University",
        "period": "Summer 2025",
        "backgrounds": ["disability"],
        "backgrounds_public": True,
        "display_name": DisplayName.FULL_NAME,
        "status": StoryStatus.PUBLISHED,
        "allow_questions": True,
        "colour": (11, 92, 173),
        "body": (
            "I use a wheelchair, and before I left I spent more time reading about kerbs than about the job.\n\n"
            "The special-needs support in Erasmus+ paid for an accessible room and for taxis on the days the "
            "old town's cobblestones won. My host team moved our weekly meeting to the ground floor without "
            "me having to ask twice.\n\n"
            "> Ask for the support early. The paperwork is slow, but the money is real.\n\n"
            "Three months later I came home with a reference letter, a little Latvian and a lot more "
            "confidence in asking for what I need."
        ),
    },
    {
        "slug": "coming-out-in-a-new-language",
        "author": "amira@example.org",
        "kind": "testimonial",
        "title": "Coming out in a new language",
        "summary": "Far from home, I said out loud who I am for the first time.",
        "mobility_type": "study",
        "host_country": "NL",
        "home_country": "FR",
        "period": "2024-2025",
        "backgrounds": ["lgbtqi"],
        "backgrounds_public": True,
        "display_name": DisplayName.PSEUDONYM,
        "pseudonym": "Noor",
        "status": StoryStatus.PUBLISHED,
        "colour": (122, 75, 0),
        "body": (
            "At home, I was careful. In my exchange city, nobody knew the old version of me, and that made "
            "space for the real one.\n\n"
            "The student association's LGBTQI+ evening was the first room where I introduced myself with "
            "the words I had practised in my head for years. Nobody blinked.\n\n"
            "If you are wondering whether it is safe: look up the host university's inclusion officer and "
            "write to them before you go. Mine answered in two days."
        ),
    },
    {
        "slug": "what-a-farm-in-moravia-taught-me",
        "author": "lina@example.org",
        "kind": "testimonial",
        "title": "What a farm in Moravia taught me",
        "summary": "I grew up in a village and thought mobility was a city thing. Volunteering proved me wrong.",
        "mobility_type": "volunteering",
        "host_country": "CZ",
        "home_country": "LV",
        "host_institution": "Youth Bridges (demo)",
        "period": "Autumn 2024",
        "backgrounds": ["rural"],
        "backgrounds_public": False,
        "display_name": DisplayName.FIRST_NAME_COUNTRY,
        "status": StoryStatus.PUBLISHED,
        "colour": (30, 107, 52),
        "body": (
            "The nearest bus stop to my home is four kilometres away. Most opportunities I heard about "
            "started with a train to the capital.\n\n"
            "A volunteering project on an organic farm needed people who knew how to work the land. For "
            "once, my background was the qualification.\n\n"
            "We rebuilt a greenhouse with volunteers from six countries, and I learnt that rural people "
            "across Europe share the same jokes about city people."
        ),
    },
    {
        "slug": "ten-days-that-changed-our-youth-club",
        "author": "lina@example.org",
        "kind": "blog_post",
        "title": "Ten days that changed our youth club",
        "summary": "Twelve teenagers from a small town, a youth exchange in Spain, and what came home with us.",
        "mobility_type": "youth_exchange",
        "host_country": "ES",
        "home_country": "LV",
        "period": "July 2025",
        "backgrounds": ["rural", "low_income"],
        "backgrounds_public": True,
        "display_name": DisplayName.FULL_NAME,
        "status": StoryStatus.PUBLISHED,
        "colour": (164, 22, 26),
        "body": (
            "Our youth club had never left the region. The youth exchange covered travel and food, which "
            "was the only way most of the group could come.\n\n"
            "## Before\n\nMost of the group had never spoken English outside a classroom.\n\n"
            "## After\n\nThey run a monthly language café in the club, and two of them applied for "
            "university exchanges this year."
        ),
    },
    {
        "slug": "an-erasmus-semester-on-a-student-job-budget",
        "author": "student@example.org",
        "kind": "blog_post",
        "title": "An Erasmus semester on a student-job budget",
        "summary": "A spreadsheet, a second-hand bike and a grant paid on time: how the numbers worked out.",
        "mobility_type": "study",
        "host_country": "FR",
        "home_country": "ES",
        "period": "Autumn 2025",
        "backgrounds": ["low_income"],
        "backgrounds_public": False,
        "display_name": DisplayName.ANONYMOUS,
        "status": StoryStatus.PUBLISHED,
        "body": (
            "I work twenty hours a week to pay my rent at home, so the big question was money.\n\n"
            "1. Ask your home university when the grant is paid: before or after you arrive.\n"
            "2. Ask the host city's student housing office, not private agencies.\n"
            "3. Keep your job's contact; mine took me back in January.\n\n"
            "I spent less abroad than I feared, and the experience was worth every euro."
        ),
    },
    {
        "slug": "the-only-one-who-looked-like-me",
        "author": "amira@example.org",
        "kind": "testimonial",
        "title": "The only one in the lecture hall who looked like me",
        "summary": "Being visible as an ethnic-minority student abroad, and the people who made it easier.",
        "mobility_type": "study",
        "host_country": "CZ",
        "home_country": "FR",
        "host_institution": "Masaryk Demo University",
        "period": "Spring 2026",
        "backgrounds": ["ethnic_minority"],
        "backgrounds_public": True,
        "display_name": DisplayName.FIRST_NAME_COUNTRY,
        "status": StoryStatus.SUBMITTED,
        "body": (
            "People stared at first. Some asked where I was really from. I had prepared for that.\n\n"
            "What I had not prepared for was how much a single welcoming professor would matter. She "
            "learnt to pronounce my name on day one.\n\n"
            "To universities: tell incoming students who to contact if something goes wrong."
        ),
    },
    {
        "slug": "sign-language-a-new-country-and-patience",
        "author": "tomas@example.org",
        "kind": "testimonial",
        "title": "Sign language, a new country and a lot of patience",
        "summary": "A deaf trainee's first weeks in Vigo, and the interpreter budget that made them possible.",
        "mobility_type": "traineeship",
        "host_country": "ES",
        "home_country": "PT",
        "host_institution": "Universidad Demo de Vigo",
        "period": "2026",
        "backgrounds": ["disability"],
        "backgrounds_public": False,
        "display_name": DisplayName.PSEUDONYM,
        "pseudonym": "T.F.",
        "status": StoryStatus.SUBMITTED,
        "body": (
            "Portuguese and Spanish sign languages are different languages. I learnt that the hard way.\n\n"
            "The extra support for participants with disabilities paid for an interpreter for the first "
            "month, and my colleagues learnt a few signs during lunch."
        ),
    },
    {
        "slug": "what-i-wish-i-knew-about-the-grant",
        "author": "student@example.org",
        "kind": "blog_post",
        "title": "What I wish I had known about the grant",
        "summary": "Three things the application forms do not tell first-generation students.",
        "mobility_type": "study",
        "host_country": "BE",
        "home_country": "ES",
        "backgrounds": ["first_generation"],
        "backgrounds_public": False,
        "display_name": DisplayName.FIRST_NAME_COUNTRY,
        "status": StoryStatus.SUBMITTED,
        "body": (
            "The grant is not a loan. You do not pay it back if you pass your courses.\n\n"
            "There is extra money for students with fewer opportunities, and you may be eligible without "
            "knowing it.\n\nYour international office has seen every question before. Ask."
        ),
    },
]


def _cover_file(colour, slug) -> SimpleUploadedFile:
    image = Image.new("RGB", (900, 600), colour)
    draw = ImageDraw.Draw(image)
    for i in range(0, 900, 60):
        draw.ellipse((i, 380 - i // 6, i + 160, 540 - i // 6), fill=tuple(min(255, c + 60) for c in colour))
    draw.rectangle((0, 520, 900, 600), fill=(255, 204, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(f"{slug}.png", out.getvalue(), content_type="image/png")


def _extra_students() -> None:
    for email, name, country in EXTRA_STUDENTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name, country=country)
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})


def seed(*, stdout=None, **options) -> None:
    _extra_students()
    created = 0
    now = timezone.now()
    for index, spec in enumerate(STORIES):
        if Story.objects.filter(slug=spec["slug"]).exists():
            continue
        author = demo_user(spec["author"])
        story = Story(
            author=author,
            slug=spec["slug"],
            kind=spec["kind"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            mobility_type=spec["mobility_type"],
            host_country=spec.get("host_country", ""),
            home_country=spec.get("home_country", ""),
            host_institution=spec.get("host_institution", ""),
            period=spec.get("period", ""),
            display_name=spec["display_name"],
            pseudonym=spec.get("pseudonym", ""),
            allow_questions=spec.get("allow_questions", False),
            language="en",
        )
        story.body_html = markdown_render(story.body, public_author=True)
        story.word_count = count_words(story.body)
        story.full_clean()
        story.save()
        StoryBackground.objects.bulk_create([StoryBackground(story=story, background=b) for b in spec["backgrounds"]])
        if "colour" in spec:
            services.story_cover_set(
                story=story,
                user=author,
                image=_cover_file(spec["colour"], spec["slug"]),
                alt_text="An abstract illustration in the portal's colours",
            )
            story.refresh_from_db()
        # consent and workflow as the author and moderator would have left them
        when = now - timedelta(days=3 * (len(STORIES) - index))
        story.publish_consent_version = PUBLISH_CONSENT_VERSION
        story.publish_consent_at = when
        if spec["backgrounds_public"]:
            story.backgrounds_public = True
            story.backgrounds_consent_version = BACKGROUND_CONSENT_VERSION
            story.backgrounds_consent_at = when
        story.status = spec["status"]
        story.submitted_at = when
        if spec["status"] == StoryStatus.PUBLISHED:
            story.published_at = when + timedelta(days=1)
            story.featured = index == 1
            covers_move(story, to_private=False)
        story.save()
        created += 1
    if stdout:
        stdout.write(f"testimonials: {created} stories created, {len(STORIES)} in the demo set")
