"""What the stories app holds on a person, and how it goes when they delete their account."""

from django.utils.translation import gettext_lazy as _

from siem_portal.registry import PrivacyHandler, ProcessingActivity

from .enums import DisplayName, OnAccountDeletion
from .models import AuthorBlock, AuthorQuestion, Story, StoryFlag


def export_stories(user) -> dict:
    return {
        "stories": [
            {
                "title": s.title,
                "status": s.status,
                "created_at": s.created_at.isoformat(),
                "display_name": s.display_name,
                "pseudonym": s.pseudonym,
                "summary": s.summary,
                "body": s.body,
                "backgrounds": sorted(s.background_tags.values_list("background", flat=True)),
                "backgrounds_public": s.backgrounds_public,
                "publish_consent": {
                    "version": s.publish_consent_version,
                    "at": s.publish_consent_at.isoformat() if s.publish_consent_at else None,
                },
                "if_account_deleted": s.on_account_deletion,
            }
            for s in Story.objects.filter(author=user)
        ],
        "flags": [
            {"story": f.story.title, "reason": f.reason, "details": f.details, "created_at": f.created_at.isoformat()}
            for f in StoryFlag.objects.filter(reporter=user).select_related("story")
        ],
        "questions_sent": [
            {"story": q.story.title, "question": q.body, "answer": q.reply, "created_at": q.created_at.isoformat()}
            for q in AuthorQuestion.objects.filter(sender=user).select_related("story")
        ],
        "questions_received": [
            {"story": q.story.title, "question": q.body, "answer": q.reply, "created_at": q.created_at.isoformat()}
            for q in AuthorQuestion.objects.filter(recipient=user).select_related("story")
        ],
        "blocked_senders": AuthorBlock.objects.filter(author=user).count(),
    }


def erase_stories(user) -> None:
    # the author chose per story: delete it, or keep it online with no link to them at all
    for story in Story.objects.filter(author=user):
        if story.on_account_deletion == OnAccountDeletion.ANONYMISE:
            story.author = None
            story.organisation = None
            story.display_name = DisplayName.ANONYMOUS
            story.pseudonym = ""
            story.allow_questions = False
            story.save()
        else:
            files = [story.cover_large, story.cover_card]
            for revision in story.revisions.all():
                files += [revision.cover_large, revision.cover_card]
            for field in files:
                if field:
                    field.storage.delete(field.name)
            story.delete()
    # a report stays with its story (the moderators still need it), without the reporter
    StoryFlag.objects.filter(reporter=user).update(reporter=None, reporter_key=f"erased-{user.pk}")
    AuthorQuestion.objects.filter(sender=user).delete()
    AuthorQuestion.objects.filter(recipient=user).delete()
    AuthorBlock.objects.filter(author=user).delete()
    AuthorBlock.objects.filter(blocked=user).delete()


HANDLER = PrivacyHandler(
    label="stories",
    models=(Story, StoryFlag, AuthorQuestion, AuthorBlock),
    export=export_stories,
    erase=erase_stories,
)

ACTIVITIES = (
    ProcessingActivity(
        code="stories",
        name=_("Testimonials and blog stories"),
        purpose=_("Publish students' mobility stories, moderated, under the name the author chooses."),
        legal_basis=_(
            "Consent to publication, recorded with its text and time and withdrawable at any time (GDPR Art. "
            "6(1)(a)); explicit consent to show a background that is special-category data (Art. 9(2)(a))."
        ),
        data_subjects=_("Authors of stories, people who flag a story or write to an author."),
        data_categories=_(
            "Story text and cover image, display name, country, institution and period of mobility, backgrounds "
            "shown with consent, flags, messages relayed to the author (without either address)."
        ),
        retention=_("While published and consented; on account deletion as the author chose (delete or anonymise)."),
        recipients=_("Moderators; the public for published stories, under the chosen display name."),
        special_categories=True,
        models=HANDLER.models,
        order=30,
    ),
)
