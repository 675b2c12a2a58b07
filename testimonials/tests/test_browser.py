import pytest
from django.contrib.auth.models import Group

from accounts.tests.factories import TEST_PASSWORD, UserFactory, give_role
from conftest import browser_login
from testimonials.enums import StoryStatus
from testimonials.models import Story, StoryBackground

from .factories import StoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")


def test_write_submit_moderate_and_read_in_chromium(page):
    student = UserFactory(full_name="Paula Playwright", country="ES")
    # transactional tests before this one may have flushed the role groups the migrations made
    Group.objects.get_or_create(name="moderator")
    moderator = give_role(UserFactory(), "moderator")

    browser_login(page, student.email, TEST_PASSWORD)
    page.goto("/stories/write/")
    page.get_by_label("Blog post").check()
    page.get_by_label("Title").fill("Porto by night train")
    page.get_by_label("Summary").fill("A long journey that was worth it.")
    page.locator("#id_body").fill("The train left at *midnight*.")
    page.get_by_label("Mobility type").select_option("study")
    page.get_by_label("Host country").select_option("PT")
    page.get_by_label("A pseudonym").check()
    page.get_by_role("textbox", name="Pseudonym").fill("Night Owl")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/stories/mine/")
    assert "Thank you! Your story was sent to the moderators." in page.inner_text("main")
    story = Story.objects.get()
    assert (story.status, story.pseudonym) == (StoryStatus.SUBMITTED, "Night Owl")
    _sign_out(page)

    browser_login(page, moderator.email, TEST_PASSWORD)
    page.goto("/manage/stories/")
    page.get_by_role("link", name="Porto by night train").click()
    page.get_by_role("radio", name="Publish").check()
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url("**/manage/stories/")
    _sign_out(page)

    page.goto("/stories/")
    card = page.locator(".story-card", has_text="Porto by night train")
    assert card.count() == 1
    assert "By Night Owl" in card.inner_text()
    assert "Paula" not in page.content()
    card.get_by_role("link", name="Porto by night train").click()
    assert page.locator(".story-body em").inner_text() == "midnight"


def test_stories_pages_have_no_accessibility_violations(page, axe):
    author = UserFactory()
    story = StoryFactory(author=author, allow_questions=True, backgrounds_public=True, host_institution="Uni")
    StoryBackground.objects.create(story=story, background="rural")
    StoryFactory.create_batch(3, mobility_type="volunteering")
    for path in ("/stories/", f"/stories/{story.slug}/", "/stories/?mobility=volunteering"):
        page.goto(path)
        assert axe(page) == [], path
    reader = UserFactory()
    browser_login(page, reader.email, TEST_PASSWORD)
    for path in ("/stories/write/", "/stories/mine/", f"/stories/{story.slug}/ask/"):
        page.goto(path)
        assert axe(page) == [], path
    page.goto("/stories/write/")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector(".error-summary")
    assert axe(page) == [], "editor with errors"


def test_moderation_pages_have_no_accessibility_violations(page, axe):
    Group.objects.get_or_create(name="moderator")
    moderator = give_role(UserFactory(), "moderator")
    submitted = StoryFactory(status=StoryStatus.SUBMITTED)
    published = StoryFactory()
    browser_login(page, moderator.email, TEST_PASSWORD)
    for path in ("/manage/stories/", f"/manage/stories/{submitted.slug}/", f"/stories/{published.slug}/flag/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert axe(page) == [], path


def test_preview_and_cover_on_the_form_then_the_moderator_sees_them(page, axe, tmp_path):
    from .test_images import jpeg_with_gps

    Group.objects.get_or_create(name="moderator")
    moderator = give_role(UserFactory(), "moderator")
    author = UserFactory()
    cover = tmp_path / "cover.jpg"
    cover.write_bytes(jpeg_with_gps(900, 600))
    browser_login(page, author.email, TEST_PASSWORD)
    page.goto("/stories/write/")
    page.get_by_label("Testimonial").check()
    page.get_by_label("Title").fill("Lisbon on a budget")
    page.get_by_label("Summary").fill("How I made the grant last.")
    page.locator("#id_body").fill("## Rent\n\nShare a flat, and **cook**.")
    page.get_by_label("Mobility type").select_option("study")
    page.get_by_label("Host country").select_option("PT")
    page.get_by_label("Host institution").fill("Universidade de Lisboa")
    page.get_by_label("Period").fill("Autumn 2025")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".story-preview")
    assert preview.locator(".story-body h2").inner_text() == "Rent"
    assert preview.locator("strong").inner_text() == "cook"
    assert page.get_by_label("Title").input_value() == "Lisbon on a budget"
    assert axe(page) == [], "editor with a preview"
    page.screenshot(path="/tmp/ux-events-shots/story-preview.png", full_page=True)
    page.get_by_label("Cover image (optional)").set_input_files(str(cover))
    page.get_by_label("Describe the cover image").fill("A yellow tram on a steep street")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/stories/mine/")
    story = Story.objects.get()
    assert story.cover_alt == "A yellow tram on a steep street" and story.status == StoryStatus.SUBMITTED
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")

    browser_login(page, moderator.email, TEST_PASSWORD)
    page.goto(f"/manage/stories/{story.slug}/")
    image = page.get_by_role("img", name="A yellow tram on a steep street")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Universidade de Lisboa" in page.inner_text("main") and "Portugal" in page.inner_text("main")
    assert axe(page) == [], "moderator's review screen"
    page.screenshot(path="/tmp/ux-events-shots/story-review.png", full_page=True)
