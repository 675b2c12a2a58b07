"""The story form (cover on the same page, Markdown preview, required marks) and what the
moderator sees on the review screen."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from testimonials import services
from testimonials.enums import StoryStatus
from testimonials.models import Story

from .factories import StoryFactory
from .test_images import jpeg_with_gps

pytestmark = pytest.mark.django_db

FORM = {
    "kind": "blog_post",
    "title": "Erasmus with a toddler",
    "summary": "Yes, it is possible.",
    "body": "We *did* it.\n\n<script>alert(1)</script>[site](https://example.org)",
    "language": "en",
    "mobility_type": "study",
    "host_country": "BE",
    "display_name": "anonymous",
    "on_account_deletion": "delete",
    "backgrounds": ["other"],
    "allow_questions": "on",
}


def _upload(content=None):
    return SimpleUploadedFile("cover.jpg", content or jpeg_with_gps(800, 600), content_type="image/jpeg")


def test_form_marks_its_required_fields(client, user):
    client.force_login(user)
    soup = BeautifulSoup(client.get("/stories/write/").content, "html.parser")
    for name in ("title", "summary", "body"):
        field = soup.find(attrs={"name": name})
        assert field.has_attr("required") and field["aria-required"] == "true"
        label = soup.find("label", attrs={"for": field["id"]})
        assert label.find(class_="required-mark").get_text() == "(required)"
    for name in ("pseudonym", "host_institution", "period", "cover_image", "cover_alt"):
        field = soup.find(attrs={"name": name})
        assert not field.has_attr("required") and not field.has_attr("aria-required")
        assert soup.find("label", attrs={"for": field["id"]}).find(class_="required-mark") is None
    # a radio group says it in its legend; aria-required is not allowed on a radio button
    kind = soup.find("input", attrs={"name": "kind"})
    assert kind.has_attr("required") and not kind.has_attr("aria-required")
    legend = kind.find_parent("fieldset").find("legend")
    assert legend.find(class_="required-mark") is not None
    assert soup.find("form", class_="story-editor")["enctype"] == "multipart/form-data"


def test_preview_renders_the_markdown_without_saving(client, user):
    client.force_login(user)
    response = client.post("/stories/write/", {**FORM, "action": "preview", "title": ""})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    preview = soup.select_one(".story-preview .story-body")
    assert preview.find("em").get_text() == "did"
    assert preview.find("script") is None  # the same allow-list as the published story
    assert "ugc" in preview.find("a")["rel"]
    # what was typed comes back in the form, and a preview shows no errors
    assert soup.find("textarea", attrs={"name": "body"}).get_text().strip().startswith("We *did* it.")
    assert soup.find("input", attrs={"name": "allow_questions"}).has_attr("checked")
    assert soup.find("input", attrs={"name": "backgrounds", "value": "other"}).has_attr("checked")
    assert soup.select_one(".error-summary") is None
    assert Story.objects.count() == 0


def test_preview_of_a_published_story_keeps_it_as_it_is(client, user):
    story = StoryFactory(author=user, body="Old text.")
    client.force_login(user)
    response = client.post(f"/stories/{story.slug}/edit/", {**FORM, "body": "New **text**.", "action": "preview"})
    assert "<strong>text</strong>" in response.content.decode()
    story.refresh_from_db()
    assert story.body == "Old text." and not story.revisions.exists()


def test_cover_is_sent_with_the_story_on_the_same_form(client, user):
    client.force_login(user)
    # an image without its description: nothing is saved, the person is told what to add
    response = client.post("/stories/write/", {**FORM, "action": "draft", "cover_image": _upload()})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please describe the image for people who cannot see it." in page
    assert "choose it again" in page
    assert Story.objects.count() == 0
    # a file that is not an image: the story is not saved half way
    response = client.post(
        "/stories/write/",
        {**FORM, "action": "draft", "cover_alt": "A toddler", "cover_image": _upload(b"not an image")},
    )
    assert response.status_code == 400
    assert Story.objects.count() == 0
    response = client.post(
        "/stories/write/", {**FORM, "action": "draft", "cover_alt": "A toddler on a train", "cover_image": _upload()}
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == StoryStatus.DRAFT and story.cover_alt == "A toddler on a train"
    assert story.cover_card.name and story.cover_large.name
    # the edit page shows the current cover and its description
    page = client.get(f"/stories/{story.slug}/edit/").content.decode()
    assert f'src="{story.cover_card.url}"' in page and "A toddler on a train" in page


def test_moderator_review_shows_cover_alt_text_and_details(client, user, moderator):
    story = StoryFactory(
        author=user,
        status=StoryStatus.SUBMITTED,
        host_country="PT",
        host_institution="Universidade do Porto",
        home_country="LV",
        period="Spring 2025",
        mobility_type="traineeship",
    )
    services.story_cover_set(story=story, user=user, image=_upload(), alt_text="Students on the Ribeira quay")
    story.refresh_from_db()
    client.force_login(moderator)
    response = client.get(f"/manage/stories/{story.slug}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    details = soup.find(id="story-details-title").find_parent("section")
    facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in details.find_all("dt")}
    assert facts["Host country"] == "Portugal"
    assert facts["Host institution or organisation"] == "Universidade do Porto"
    assert facts["Home country"] == "Latvia"
    assert facts["Period"] == "Spring 2025"
    assert facts["Mobility type"] == story.get_mobility_type_display()
    cover = details.find("img")
    assert cover["src"] == story.cover_card.url and cover["alt"] == "Students on the Ribeira quay"
    assert "Students on the Ribeira quay" in details.get_text()
    assert client.get(cover["src"]).status_code == 200  # the private cover loads for the moderator
    # someone who does not moderate sees neither the screen nor the cover
    client.force_login(user)
    assert client.get(f"/manage/stories/{story.slug}/").status_code == 403
