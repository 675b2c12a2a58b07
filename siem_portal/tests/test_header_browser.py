"""The portal's header in Chromium: on a phone the navigation folds behind a menu button."""

import pytest

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _box(locator):
    return locator.bounding_box()


def test_phone_menu_button_opens_the_navigation_by_mouse_and_keyboard(page, axe):
    page.set_viewport_size(PHONE)
    page.goto("/")
    header = page.locator("header.site-header")
    button = header.get_by_role("button", name="Menu")
    main_nav = page.get_by_role("navigation", name="Main")
    account = page.get_by_role("navigation", name="Your account")
    languages = page.get_by_role("navigation", name="Language")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert set(button.get_attribute("aria-controls").split()) == {"header-menu", "main-nav"}
    assert not main_nav.is_visible() and not account.is_visible() and not languages.is_visible()
    # the brand and the button share one row
    brand, toggle = _box(header.locator(".brand")), _box(button)
    assert abs((brand["y"] + brand["height"] / 2) - (toggle["y"] + toggle["height"] / 2)) < 8
    assert brand["height"] < 40
    assert axe(page) == []

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert main_nav.get_by_role("link", name="Home").is_visible()
    assert account.get_by_role("link", name="Sign in").is_visible()
    assert languages.get_by_role("link", name="Français").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []
    button.click()
    assert button.get_attribute("aria-expanded") == "false" and not main_nav.is_visible()

    # keyboard: Tab (skip link, brand, button) reaches the button, Enter opens, Escape closes and keeps focus there
    page.reload()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    page.keyboard.press("Enter")
    assert main_nav.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#header-menu') !== null")
    page.keyboard.press("Escape")
    assert not main_nav.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    page.keyboard.press("Space")
    assert main_nav.is_visible()


def test_signed_in_phone_menu_fits_the_account_links(page, axe):
    user = UserFactory()
    browser_login(page, user.email, TEST_PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    account = page.get_by_role("navigation", name="Your account")
    assert account.get_by_role("link", name="My dashboard").is_visible()
    assert account.get_by_role("button", name="Sign out").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_without_javascript_the_phone_navigation_stays_visible(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto("/")
    assert not page.locator(".nav-toggle").is_visible()
    assert page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").is_visible()
    assert page.get_by_role("navigation", name="Language").is_visible()
    context.close()


def test_desktop_header_is_unchanged(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    assert not page.locator(".nav-toggle").is_visible()
    header = page.locator("header.site-header")
    brand = _box(header.locator(".brand"))
    account = _box(page.get_by_role("navigation", name="Your account"))
    languages = _box(page.get_by_role("navigation", name="Language"))
    main_nav = _box(page.get_by_role("navigation", name="Main"))
    # brand, account and languages on the top row, the main navigation as a band below it
    assert account["x"] > brand["x"] + brand["width"] and languages["x"] > account["x"]
    assert abs(account["y"] - languages["y"]) < 20 and main_nav["y"] >= brand["y"] + brand["height"]
