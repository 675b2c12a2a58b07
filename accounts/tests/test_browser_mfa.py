"""Issue 12 in Chromium: the admin login and the second-factor setup, with production's
SIEM_REQUIRE_MFA_FOR_STAFF=True."""

import pytest

from accounts.tests.factories import TEST_PASSWORD, UserFactory, forget_used_code, give_role, give_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.SIEM_REQUIRE_MFA_FOR_STAFF = True


def sign_in(page, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_admin_login_goes_through_the_second_factor(page):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret = give_totp(admin)
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/?next=%2Fadmin%2F")
    sign_in(page, admin.email)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    # the password alone opens nothing: the admin sends back to the sign-in, still waiting for the code
    page.goto("/admin/")
    assert "/accounts/" in page.url
    assert not page.get_by_role("heading", name="Site administration").is_visible()
    if "/accounts/2fa/authenticate/" not in page.url:
        sign_in(page, admin.email)
        page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Sign In").click()
    assert page.get_by_text("Incorrect code.", exact=True).is_visible()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Site administration").is_visible()


def test_staff_sets_up_the_second_factor_then_reaches_manage(page, axe):
    editor = give_role(UserFactory(), "editor")
    page.goto("/accounts/login/")
    sign_in(page, editor.email)
    # every page sends the editor to set up an authenticator; allauth first asks for the password again
    page.wait_for_url("**/accounts/reauthenticate/**")
    assert page.get_by_text("please set up two-factor authentication first").is_visible()
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/**")
    # activating the app took a valid code: this session has passed the second factor
    page.goto("/manage/")
    page.wait_for_url("**/manage/")
    assert page.get_by_role("heading", level=1).is_visible()
    page.goto("/me/tokens/")
    assert page.get_by_role("heading", name="API tokens").is_visible()
    assert axe(page) == []
    # the next sign-in asks for the code
    page.context.clear_cookies()
    forget_used_code(editor)  # the same 30-second code is entered again; allauth refuses a reused code
    page.goto("/accounts/login/?next=/manage/")
    sign_in(page, editor.email)
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/manage/")
