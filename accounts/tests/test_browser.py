import re

import pytest
from django.core import mail

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signup_verify_login_dashboard_in_chromium(page, live_server):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("chromium.student@example.com")
    page.get_by_label("Full name").fill("Chris Chromium")
    page.get_by_label("Country").select_option("LV")
    page.locator("#id_password1").fill("a-very-long-passphrase-2026")
    page.locator("#id_password2").fill("a-very-long-passphrase-2026")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert len(mail.outbox) == 1
    path = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    page.goto(path)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/me/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Chris"


def test_pages_have_no_accessibility_violations(page, axe, user):
    for path in ("/", "/accounts/signup/", "/accounts/login/"):
        page.goto(path)
        assert axe(page) == [], path
    browser_login(page, user.email, "a-long-test-password-2026")
    for path in ("/me/", "/me/notifications/", "/me/privacy/"):
        page.goto(path)
        assert axe(page) == [], path


def test_keyboard_reaches_main_content_through_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_signup_then_the_local_inbox_and_send_again(page, axe, settings, tmp_path):
    settings.EMAIL_BACKEND = "accounts.local_inbox.LocalInboxBackend"
    settings.SIEM_LOCAL_INBOX_DIR = tmp_path / "local-inbox"
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("ines.inbox@example.com")
    page.get_by_label("Full name").fill("Ines Inbox")
    page.locator("#id_password1").fill("a-very-long-passphrase-2026")
    page.locator("#id_password2").fill("a-very-long-passphrase-2026")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert axe(page) == [], "verification sent"
    page.screenshot(path="/tmp/ux-events-shots/verification-sent.png", full_page=True)
    page.get_by_role("button", name="Send the email again").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "We sent the email again to ines.inbox@example.com." in page.inner_text("main")
    page.get_by_role("link", name="open the local inbox").click()
    page.wait_for_url("**/local-inbox/")
    assert page.get_by_role("row").count() == 3  # the header and the two emails
    assert axe(page) == [], "local inbox"
    page.get_by_role("link", name=re.compile("Confirm")).first.click()
    assert axe(page) == [], "one email"
    page.screenshot(path="/tmp/ux-events-shots/local-inbox-message.png", full_page=True)
    page.locator(".local-inbox-text a[href*='/accounts/confirm-email/']").click()
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/me/")
