import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD, UserFactory
from conftest import browser_login
from events.enums import RegistrationState
from events.models import Registration

from .factories import (
    EventFactory,
    ProposalFactory,
    ProposalTypeFactory,
    QuestionFactory,
    RoomFactory,
    SessionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_confirm_cancel_and_waitlisted_person_is_offered_the_seat(page, browser, live_server):
    event = EventFactory(title="Inclusion & Engagement in Mobility", capacity=1)
    train = QuestionFactory(event=event, label="Do you travel by train?", kind="yes_no", order=0)
    station = QuestionFactory(
        event=event, label="From which station?", show_if_question=train, show_if_value="yes", order=1
    )
    first, second = UserFactory(full_name="Ana First"), UserFactory(full_name="Ben Second")

    browser_login(page, first.email, TEST_PASSWORD)
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Register").click()
    # expect() waits for the page's script to hide the question (is_hidden() would race it)
    expect(page.get_by_label("From which station? (optional)")).to_be_hidden()
    page.get_by_label("Yes").check()
    page.get_by_label("From which station? (optional)").fill("Gent-Sint-Pieters")
    page.get_by_label("Pronouns (optional)").fill("she/her")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered: your place is confirmed.")).to_be_visible()
    assert page.locator(".qr svg").count() == 1
    assert Registration.objects.get(user=first).answers == {train.code: "yes", station.code: "Gent-Sint-Pieters"}

    other = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    browser_login(other, second.email, TEST_PASSWORD)
    other.goto(event.get_absolute_url())
    other.get_by_role("link", name="Join the waiting list").click()
    other.get_by_role("button", name="Join the waiting list").click()
    expect(other.get_by_text("You are number 1 on the waiting list.")).to_be_visible()
    page.goto("/me/events/")
    page.get_by_role("button", name=re.compile(r"^Cancel\W+Inclusion & Engagement")).click()
    assert Registration.objects.get(user=first).state == RegistrationState.CANCELLED
    offers = [m for m in mail.outbox if m.to == [second.email] and m.subject.startswith("A seat is free for you")]
    assert len(offers) == 1

    other.reload()
    other.get_by_role("button", name="Take the seat").click()
    expect(other.get_by_text("The seat is yours: your place is confirmed.")).to_be_visible()
    assert Registration.objects.get(user=second).state == RegistrationState.CONFIRMED
    other.context.close()


def test_event_pages_have_no_accessibility_violations(page, axe, user):
    event = EventFactory(description="## Programme\n\nPosters and *Ignite* talks.")
    QuestionFactory(event=event, label="Which workshop?", kind="choice", choices=["A", "B"])
    SessionFactory(event=event, title="Opening keynote", presenters="Ana")
    for path in ("/events/", event.get_absolute_url(), f"/events/{event.slug}/agenda/"):
        page.goto(path)
        assert axe(page) == [], path
    browser_login(page, user.email, TEST_PASSWORD)
    for path in (f"/events/{event.slug}/register/", f"/events/{event.slug}/agenda/"):
        page.goto(path)
        assert axe(page) == [], path
    page.goto(f"/events/{event.slug}/register/")
    page.get_by_label("I would like to ask for travel or financial support").check()
    page.get_by_role("button", name="Register").click()  # the form with its errors is checked too
    expect(page.get_by_text("Tell the organisers what support you need.").first).to_be_visible()
    assert axe(page) == []
    page.get_by_label("What support do you need, and why?").fill("Train ticket")
    page.get_by_role("button", name="Register").click()
    page.goto(f"/events/{event.slug}/registration/")
    assert axe(page) == []
    page.goto("/me/events/")
    assert axe(page) == []


def test_proposal_pages_have_no_accessibility_violations(page, axe, user):
    poster = ProposalTypeFactory()
    event = poster.event
    mine = ProposalFactory(proposal_type=poster, submitter=user, title="Buddy programmes")
    browser_login(page, user.email, TEST_PASSWORD)
    for path in (f"/events/{event.slug}/proposals/", f"/events/{event.slug}/proposals/{mine.pk}/"):
        page.goto(path)
        assert axe(page) == [], path
    page.goto(f"/events/{event.slug}/proposals/new/poster/")
    assert axe(page) == []
    page.get_by_label("Title").fill("Rural outreach")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Write an abstract.").first).to_be_visible()
    assert axe(page) == []


def test_organiser_and_review_pages_have_no_accessibility_violations(page, axe, user):
    from events.models import Reviewer

    event = EventFactory(organisers=[user], confirmation_mode="manual")
    poster = ProposalTypeFactory(event=event)
    ProposalFactory(proposal_type=poster, title="Buddy programmes")
    Reviewer.objects.create(event=event, user=user)
    other = ProposalFactory(proposal_type=poster, title="Rural outreach")
    SessionFactory(event=event, title="Opening keynote")
    browser_login(page, user.email, TEST_PASSWORD)
    base = f"/manage/events/{event.slug}/"
    for path in (
        base,
        base + "registrations/",
        base + "checkin/?q=a",
        base + "message/",
        base + "questions/",
        base + "proposals/",
        base + "cfp/",
        base + "agenda/",
        base + "agenda/new/",
        base + "edit/",
        f"/events/{event.slug}/review/",
        f"/events/{event.slug}/review/{other.pk}/",
    ):
        page.goto(path)
        assert axe(page) == [], path


def test_agenda_grid_on_a_phone_scrolls_its_own_region(page, axe, live_server):
    event = EventFactory(title="Next steps")
    hall, foyer = RoomFactory(event=event, name="Main hall", order=0), RoomFactory(event=event, name="Foyer", order=1)
    workshop = RoomFactory(event=event, name="Workshop room", order=2)
    start = event.starts_at
    SessionFactory(event=event, room=hall, title="Opening keynote", ends_at=start + timedelta(hours=1))
    SessionFactory(event=event, room=foyer, title="Poster session", ends_at=start + timedelta(hours=2))
    SessionFactory(
        event=event,
        room=workshop,
        title="Mapping the barriers at your institution",
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/events/{event.slug}/agenda/")
    page.get_by_role("link", name="Grid by room").click()
    region = page.get_by_role("region", name=re.compile("Sessions by room on"))
    expect(region).to_be_visible()
    # the page itself does not scroll sideways: the grid's region does, and it takes the keyboard focus
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    expect(region).to_be_focused()
    for _attempt in range(20):  # smooth scrolling may take a few frames (no eval under the CSP: poll)
        if region.evaluate("el => el.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    assert region.evaluate("el => el.scrollLeft") > 0
    assert page.get_by_role("columnheader", name="Workshop room").count() == 1
    assert axe(page) == []
    page.screenshot(path="/tmp/ux-events-shots/agenda-grid-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/ux-events-shots/agenda-grid-1280.png", full_page=True)


def test_attendee_changes_what_they_sent_in_chromium(page, axe):
    event = EventFactory(title="Next steps")
    QuestionFactory(event=event, label="Which workshop?", kind="choice", choices=["Mapping", "Funding"], order=0)
    person = UserFactory()
    Registration.objects.create(event=event, user=person, state=RegistrationState.CONFIRMED, pronouns="he/him")
    browser_login(page, person.email, TEST_PASSWORD)
    page.goto(f"/events/{event.slug}/registration/")
    assert axe(page) == [], "my registration"
    page.get_by_role("link", name="Change what I sent").click()
    page.get_by_label("Funding").check()
    page.get_by_label("Dietary requirements").fill("No nuts")
    assert axe(page) == [], "change what I sent"
    page.screenshot(path="/tmp/ux-events-shots/registration-edit.png", full_page=True)
    page.get_by_role("button", name="Save my changes").click()
    expect(page.get_by_text("Your changes are saved.")).to_be_visible()
    expect(page.locator("#sent-title + .details")).to_contain_text("No nuts")
    registration = Registration.objects.get(user=person)
    assert registration.dietary_requirements == "No nuts" and list(registration.answers.values()) == ["Funding"]
