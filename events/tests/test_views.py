import csv
import io
import re
from datetime import timedelta

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.tests.factories import UserFactory
from events.enums import EventStatus, QuestionKind, RegistrationState, SessionKind
from events.models import Registration, Star

from .factories import EventFactory, QuestionFactory, RegistrationFactory, RoomFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, event_organiser):
    client.force_login(event_organiser)
    return client


def test_list_shows_upcoming_and_past_not_drafts(client):
    EventFactory(title="Coming up")
    EventFactory(title="Secret draft", status=EventStatus.DRAFT)
    EventFactory(
        title="Brussels 2022",
        starts_at=timezone.now() - timedelta(days=400),
        ends_at=timezone.now() - timedelta(days=399),
    )
    response = client.get(reverse("events:list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Coming up" in text and "Brussels 2022" in text
    assert "Secret draft" not in text
    assert text.index("Coming up") < text.index("Past events") < text.index("Brussels 2022")


@pytest.mark.parametrize("count", [1, 5])
def test_list_query_count(client, django_assert_max_num_queries, count):
    for _ in range(count):
        EventFactory()
        EventFactory(starts_at=timezone.now() - timedelta(days=10), ends_at=timezone.now() - timedelta(days=9))
    with django_assert_max_num_queries(4):
        assert client.get(reverse("events:list")).status_code == 200


def test_draft_is_404_for_others_and_visible_to_its_organiser(client, user, event_organiser):
    event = EventFactory(status=EventStatus.DRAFT, organisers=[event_organiser])
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(event_organiser)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_detail_hides_online_link_until_confirmed_and_shows_consenting_attendees(client, user):
    event = EventFactory(online_url="https://meet.example.org/secret", description="**Bold** <script>x</script>")
    RegistrationFactory(event=event, user=UserFactory(full_name="Ana Shown"), attendee_list_consent=True)
    RegistrationFactory(event=event, user=UserFactory(full_name="Ben Hidden"), attendee_list_consent=False)
    text = client.get(event.get_absolute_url()).content.decode()
    assert "meet.example.org/secret" not in text
    assert "Ana Shown" in text and "Ben Hidden" not in text
    assert "<strong>Bold</strong>" in text and "<script>x" not in text
    RegistrationFactory(event=event, user=user)
    client.force_login(user)
    assert "https://meet.example.org/secret" in client.get(event.get_absolute_url()).content.decode()


def test_register_requires_sign_in(client):
    event = EventFactory()
    response = client.get(reverse("events:register", kwargs={"slug": event.slug}))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_register_page_flow_with_questions(user_client, user):
    event = EventFactory()
    question = QuestionFactory(
        event=event, label="Which workshop?", kind=QuestionKind.CHOICE, choices=["A", "B"], required=True
    )
    url = reverse("events:register", kwargs={"slug": event.slug})
    page = user_client.get(url).content.decode()
    assert "Which workshop?" in page and "Accessibility needs" in page and user.email in page
    response = user_client.post(url, {"support_requested": "on"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Answer this question." in text and "Tell the organisers what support you need." in text
    assert Registration.objects.count() == 0
    response = user_client.post(
        url,
        {
            question.code: "B",
            "pronouns": "she/her",
            "support_requested": "on",
            "support_reason": "Train fare",
            "attendee_list_consent": "on",
        },
        follow=True,
    )
    assert "You are registered: your place is confirmed." in response.content.decode()
    registration = Registration.objects.get()
    assert (registration.answers, registration.pronouns, registration.support_reason) == (
        {question.code: "B"},
        "she/her",
        "Train fare",
    )
    assert registration.attendee_list_consent is True
    # the confirmation page shows the check-in QR code as SVG
    assert "<svg" in response.content.decode()


def test_registration_prefills_from_the_last_one(user_client, user):
    RegistrationFactory(user=user, dietary_requirements="Vegan", pronouns="they/them")
    event = EventFactory()
    page = user_client.get(reverse("events:register", kwargs={"slug": event.slug})).content.decode()
    assert 'value="Vegan"' in page and 'value="they/them"' in page


def test_closed_registration_page_says_so(user_client):
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    url = reverse("events:register", kwargs={"slug": event.slug})
    assert "Registration for this event is closed." in user_client.get(url).content.decode()
    response = user_client.post(url, {})
    assert "Registration for this event is closed." in response.content.decode()
    assert Registration.objects.count() == 0


def test_my_registrations_and_cancel(user_client, user, other_user, django_capture_on_commit_callbacks):
    mine = RegistrationFactory(user=user, event=EventFactory(title="Mine"))
    RegistrationFactory(user=other_user, event=EventFactory(title="Theirs"))
    text = user_client.get(reverse("events:mine")).content.decode()
    assert "Mine" in text and "Theirs" not in text
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(reverse("events:registration-cancel", kwargs={"slug": mine.event.slug}))
    mine.refresh_from_db()
    assert mine.state == RegistrationState.CANCELLED
    assert mail.outbox[0].subject == "Your registration is cancelled: Mine"


def test_someone_elses_registration_page_is_404(client, other_user):
    registration = RegistrationFactory()
    client.force_login(other_user)
    assert client.get(reverse("events:registration", kwargs={"slug": registration.event.slug})).status_code == 404
    response = client.post(reverse("events:registration-cancel", kwargs={"slug": registration.event.slug}))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


def test_attendee_sees_and_changes_what_they_sent_until_registration_closes(user_client, user):
    event = EventFactory(registration_closes_at=timezone.now() + timedelta(days=5))
    train = QuestionFactory(event=event, label="Do you travel by train?", kind=QuestionKind.YES_NO, order=0)
    workshop = QuestionFactory(
        event=event, label="Which workshop?", kind=QuestionKind.CHOICE, choices=["A", "B"], required=True, order=1
    )
    registration = RegistrationFactory(
        event=event,
        user=user,
        answers={train.code: "no", workshop.code: "A"},
        dietary_requirements="Vegan",
        pronouns="she/her",
    )
    detail = reverse("events:registration", kwargs={"slug": event.slug})
    edit = reverse("events:registration-edit", kwargs={"slug": event.slug})
    page = user_client.get(detail).content.decode()
    assert "What you sent" in page and "Vegan" in page and "Which workshop?" in page and f'href="{edit}"' in page
    page = user_client.get(edit).content.decode()
    assert 'value="Vegan"' in page and 'value="she/her"' in page
    assert re.search(r'value="A"[^>]*checked', page)  # the saved answer is chosen
    # a wrong answer keeps what was saved and says what to fix
    response = user_client.post(edit, {train.code: "yes", workshop.code: "", "support_requested": "on"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Answer this question." in page and "Tell the organisers what support you need." in page
    registration.refresh_from_db()
    assert registration.answers == {train.code: "no", workshop.code: "A"}
    response = user_client.post(
        edit,
        {
            train.code: "yes",
            workshop.code: "B",
            "dietary_requirements": "Vegetarian",
            "accessibility_needs": "Step-free access",
            "support_requested": "on",
            "support_reason": "Train fare",
            "attendee_list_consent": "on",
        },
        follow=True,
    )
    assert "Your changes are saved." in response.content.decode()
    registration.refresh_from_db()
    assert registration.answers == {train.code: "yes", workshop.code: "B"}
    assert (registration.dietary_requirements, registration.pronouns) == ("Vegetarian", "")
    assert (registration.accessibility_needs, registration.support_reason) == ("Step-free access", "Train fare")
    assert registration.attendee_list_consent is True
    assert registration.state == RegistrationState.CONFIRMED  # changing the answers keeps the seat

    # once registration closes, the person sees what they sent, read-only, with a note
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    page = user_client.get(detail).content.decode()
    assert "Train fare" in page and f'href="{edit}"' not in page
    assert "can no longer be changed" in page
    page = user_client.get(edit).content.decode()
    assert '<form method="post" class="narrow"' not in page and "Vegetarian" in page
    assert "can no longer be changed" in page
    response = user_client.post(edit, {workshop.code: "A", "dietary_requirements": "None"})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.answers[workshop.code] == "B" and registration.dietary_requirements == "Vegetarian"


def test_someone_elses_registration_cannot_be_seen_or_changed(client, other_user):
    registration = RegistrationFactory(dietary_requirements="Vegan")
    client.force_login(other_user)
    edit = reverse("events:registration-edit", kwargs={"slug": registration.event.slug})
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"dietary_requirements": "Changed"}).status_code == 404
    registration.refresh_from_db()
    assert registration.dietary_requirements == "Vegan"
    client.logout()
    assert client.get(edit).status_code == 302  # to the sign-in page


def test_accept_offer_page(user_client, user, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(
        user=user, state=RegistrationState.WAITLISTED, offer_expires_at=timezone.now() + timedelta(hours=5)
    )
    url = reverse("events:registration", kwargs={"slug": registration.event.slug})
    assert "A seat is free for you!" in user_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(reverse("events:registration-accept", kwargs={"slug": registration.event.slug}))
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED


def test_event_ics_parses(client):
    event = EventFactory(title="Inclusion & Engagement in Mobility")
    response = client.get(reverse("events:ics", kwargs={"slug": event.slug}))
    assert response["Content-Type"].startswith("text/calendar")
    vevent = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(vevent["summary"]) == "Inclusion & Engagement in Mobility"


# --- agenda ------------------------------------------------------------------------------------


def test_agenda_by_day_with_filter_and_ics(client):
    event = EventFactory()
    SessionFactory(event=event, title="Opening keynote", kind=SessionKind.KEYNOTE)
    SessionFactory(
        event=event,
        title="Posters",
        kind=SessionKind.POSTER_SESSION,
        starts_at=event.starts_at + timedelta(days=1),
        presenters="Ana, Ben",
    )
    text = client.get(reverse("events:agenda", kwargs={"slug": event.slug})).content.decode()
    assert "Opening keynote" in text and "Posters" in text and "Ana, Ben" in text
    text = client.get(reverse("events:agenda", kwargs={"slug": event.slug}) + "?kind=keynote").content.decode()
    assert "Opening keynote" in text and "Posters" not in text
    response = client.get(reverse("events:agenda-ics", kwargs={"slug": event.slug}))
    summaries = sorted(str(v["summary"]) for v in Calendar.from_ical(response.content).walk("VEVENT"))
    assert summaries == ["Opening keynote", "Posters"]


def test_agenda_grid_has_rooms_as_columns_and_times_as_rows(client, user_client):
    event = EventFactory(timezone="Europe/Brussels")
    hall, workshop = (
        RoomFactory(event=event, name="Main hall", order=0),
        RoomFactory(event=event, name="Atelier", order=1),
    )
    start = event.starts_at
    SessionFactory(event=event, room=hall, title="Long panel", starts_at=start, ends_at=start + timedelta(hours=2))
    SessionFactory(
        event=event, room=workshop, title="First workshop", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    SessionFactory(
        event=event,
        room=workshop,
        title="Second workshop",
        starts_at=start + timedelta(hours=1),
        ends_at=start + timedelta(hours=2),
    )
    SessionFactory(event=event, room=None, title="Walk in town", starts_at=start, ends_at=start + timedelta(hours=1))
    url = reverse("events:agenda", kwargs={"slug": event.slug})
    for browser in (client, user_client):
        html = browser.get(url + "?view=grid").content.decode()
        soup = BeautifulSoup(html, "html.parser")
        table = soup.select_one("table.agenda-grid")
        assert [th.get_text(strip=True) for th in table.select("thead th")] == [
            "Time",
            "Main hall",
            "Atelier",
            "Other places",
        ]
        rows = table.select("tbody tr")
        assert len(rows) == 2  # two one-hour slots
        panel = table.find("strong", string="Long panel").find_parent("td")
        assert panel["rowspan"] == "2"
        assert [td.get_text(" ", strip=True)[:15] for td in rows[1].select("td")] == ["Second workshop", ""]
        assert all(th["scope"] == "row" for th in table.select("tbody th"))
        region = soup.select_one(".agenda-grid-scroll")
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert soup.find(id=region["aria-labelledby"]).name == "caption"
        toggle = soup.select_one(".view-toggle a[aria-current=page]")
        assert toggle.get_text(strip=True) == "Grid by room"
    html = client.get(url + "?view=list&kind=keynote").content.decode()
    assert 'class="agenda-grid"' not in html and 'id="session-' in html
    assert 'href="?view=grid&amp;kind=keynote"' in html


@pytest.mark.parametrize("count", [5, 50])
def test_agenda_query_count_is_flat(client, django_assert_max_num_queries, count):
    event = EventFactory()
    for i in range(count):
        SessionFactory(event=event, starts_at=event.starts_at + timedelta(minutes=10 * i))
    with django_assert_max_num_queries(4):
        response = client.get(reverse("events:agenda", kwargs={"slug": event.slug}))
    assert response.content.decode().count('id="session-') == count
    with django_assert_max_num_queries(4):
        response = client.get(reverse("events:agenda", kwargs={"slug": event.slug}) + "?view=grid")
    assert response.content.decode().count('id="grid-session-') == count


def test_star_and_personal_feed(user_client, user, client):
    event = EventFactory()
    starred = SessionFactory(event=event, title="Starred one")
    SessionFactory(event=event, title="Other one")
    user_client.post(reverse("events:session-star", kwargs={"slug": event.slug, "pk": starred.pk}))
    assert Star.objects.filter(user=user, session=starred).exists()
    text = user_client.get(reverse("events:agenda", kwargs={"slug": event.slug}) + "?starred=1").content.decode()
    assert "Starred one" in text and "Other one" not in text
    user_client.post(reverse("events:agenda-feed-create", kwargs={"slug": event.slug}))
    token = user.agenda_feed.token
    response = client.get(reverse("events:agenda-feed", kwargs={"token": token}))
    assert [str(v["summary"]) for v in Calendar.from_ical(response.content).walk("VEVENT")] == ["Starred one"]
    assert client.get(reverse("events:agenda-feed", kwargs={"token": "guessed"})).status_code == 404
    # a new address makes the old one stop working
    user_client.post(reverse("events:agenda-feed-create", kwargs={"slug": event.slug}), {"reset": "1"})
    assert client.get(reverse("events:agenda-feed", kwargs={"token": token})).status_code == 404


# --- organiser pages ---------------------------------------------------------------------------


def test_manage_pages_refuse_other_people(client, user, event_organiser):
    event = EventFactory()  # organised by somebody else
    urls = [
        reverse("events:manage-detail", kwargs={"slug": event.slug}),
        reverse("events:manage-registrations", kwargs={"slug": event.slug}),
        reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": "csv"}),
        reverse("events:manage-checkin", kwargs={"slug": event.slug}),
        reverse("events:manage-message", kwargs={"slug": event.slug}),
        reverse("events:manage-agenda", kwargs={"slug": event.slug}),
    ]
    for who in (user, event_organiser):
        client.force_login(who)
        for url in urls:
            assert client.get(url).status_code == 404, url
    client.logout()
    assert client.get(urls[0]).status_code == 302
    client.force_login(user)
    assert client.get(reverse("events:manage-list")).status_code == 403


def test_organiser_dashboard_counts_and_support_requests(organiser_client, event_organiser):
    event = EventFactory(organisers=[event_organiser], capacity=5)
    RegistrationFactory(event=event, support_requested=True, support_reason="Bus ticket from Liège")
    RegistrationFactory(event=event, state=RegistrationState.WAITLISTED, offer_expires_at=timezone.now())
    RegistrationFactory(event=event, state=RegistrationState.PENDING)
    response = organiser_client.get(reverse("events:manage-detail", kwargs={"slug": event.slug}))
    assert response.context["counts"]["seats_left"] == 3
    assert response.context["counts"]["confirmed"] == 1
    assert "Bus ticket from Liège" in response.content.decode()


def test_attendee_never_sees_support_requests(user_client, user):
    event = EventFactory()
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(
        event=event, support_requested=True, support_reason="Bus ticket from Liège", attendee_list_consent=True
    )
    for url in (event.get_absolute_url(), reverse("events:registration", kwargs={"slug": event.slug})):
        assert "Liège" not in user_client.get(url).content.decode()


def test_bulk_confirm_from_registration_list(organiser_client, event_organiser, django_capture_on_commit_callbacks):
    event = EventFactory(organisers=[event_organiser], confirmation_mode="manual")
    pending = [RegistrationFactory(event=event, state=RegistrationState.PENDING) for _ in range(2)]
    url = reverse("events:manage-registrations", kwargs={"slug": event.slug})
    assert organiser_client.get(url + "?state=pending").context["page"].paginator.count == 2
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, {"ids": [r.pk for r in pending], "decision": "confirm"})
    assert event.registrations.filter(state=RegistrationState.CONFIRMED).count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("language", "count", "message"),
    [("en", 1, "1 registration updated."), ("en", 2, "2 registrations updated.")],
)
def test_bulk_update_message_has_the_plural_of_its_number(organiser_client, event_organiser, language, count, message):
    event = EventFactory(organisers=[event_organiser], confirmation_mode="manual")
    pending = [RegistrationFactory(event=event, state=RegistrationState.PENDING) for _ in range(count)]
    url = reverse("events:manage-registrations", kwargs={"slug": event.slug})
    response = organiser_client.post(
        url, {"ids": [r.pk for r in pending], "decision": "confirm"}, follow=True, HTTP_ACCEPT_LANGUAGE=language
    )
    assert message in [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("count", [1, 5])
def test_registration_list_query_count(organiser_client, event_organiser, django_assert_max_num_queries, count):
    event = EventFactory(organisers=[event_organiser], capacity=None)
    for _ in range(count):
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(12):
        organiser_client.get(reverse("events:manage-registrations", kwargs={"slug": event.slug}))


def test_exports_read_back(organiser_client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    question = QuestionFactory(event=event, label="Workshop")
    RegistrationFactory(
        event=event,
        user=UserFactory(full_name="Ana Shown"),
        attendee_list_consent=True,
        answers={question.code: "=HYPERLINK()"},
    )
    RegistrationFactory(
        event=event, user=UserFactory(full_name="Ben Hidden"), support_requested=True, support_reason="Train"
    )
    base = reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": "csv"})
    rows = list(csv.reader(io.StringIO(organiser_client.get(base).content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Workshop"
    assert [r[0] for r in rows[1:]] == ["Ana Shown", "Ben Hidden"]
    assert rows[1][-1] == "'=HYPERLINK()"
    assert "Train" not in str(rows)
    rows = list(csv.reader(io.StringIO(organiser_client.get(base + "?list=attendees").content.decode("utf-8-sig"))))
    assert rows == [["Name", "Pronouns"], ["Ana Shown", ""]]
    rows = list(csv.reader(io.StringIO(organiser_client.get(base + "?list=support").content.decode("utf-8-sig"))))
    assert rows[1][0] == "Ben Hidden" and rows[1][3] == "Train"
    xlsx = organiser_client.get(reverse("events:manage-export", kwargs={"slug": event.slug, "fmt": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet["A"]] == ["Name", "Ana Shown", "Ben Hidden"]
    assert organiser_client.get(base.replace(".csv", ".pdf")).status_code == 404


def test_checkin_by_name_and_by_qr(organiser_client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    ana = RegistrationFactory(event=event, user=UserFactory(full_name="Ana Lopez"))
    ben = RegistrationFactory(event=event, user=UserFactory(full_name="Ben Ito"))
    url = reverse("events:manage-checkin", kwargs={"slug": event.slug})
    assert "Ana Lopez" in organiser_client.get(url + "?q=lopez").content.decode()
    organiser_client.post(url, {"registration": ana.pk, "q": "lopez"})
    token_url = reverse("events:manage-checkin-token", kwargs={"slug": event.slug, "token": ben.checkin_token})
    assert "Ben Ito" in organiser_client.get(token_url).content.decode()
    organiser_client.post(token_url)
    assert event.registrations.filter(checked_in_at__isnull=False).count() == 2
    counts = organiser_client.get(reverse("events:manage-checkin-counts", kwargs={"slug": event.slug}))
    assert "2 of 2 confirmed people checked in." in counts.content.decode()
    other = RegistrationFactory()
    bad = reverse("events:manage-checkin-token", kwargs={"slug": event.slug, "token": other.checkin_token})
    assert organiser_client.get(bad).status_code == 404


def test_create_event_and_edit_with_change_email(organiser_client, event_organiser, django_capture_on_commit_callbacks):
    data = {
        "kind": "training",
        "title": "Multiplier training",
        "slug": "multiplier",
        "starts_at": "2031-05-04T09:00",
        "ends_at": "2031-05-04T17:00",
        "timezone": "Europe/Brussels",
        "confirmation_mode": "automatic",
        "waitlist_enabled": "on",
        "offer_hours": "48",
        "status": "published",
        "capacity": "20",
    }
    response = organiser_client.post(reverse("events:manage-create"), {**data, "ends_at": "2031-05-03T09:00"})
    assert "The event cannot end before it starts." in response.content.decode()
    organiser_client.post(reverse("events:manage-create"), data)
    event = event_organiser.organised_events.get()
    assert event.title == "Multiplier training"
    RegistrationFactory(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(
            reverse("events:manage-edit", kwargs={"slug": event.slug}), {**data, "starts_at": "2031-05-04T10:00"}
        )
    assert [m.subject for m in mail.outbox] == ["Changed: Multiplier training"]


def test_manage_questions_and_agenda_overlap_warning(organiser_client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    url = reverse("events:manage-questions", kwargs={"slug": event.slug})
    response = organiser_client.post(url, {"label": "Workshop", "kind": "choice", "choices_text": "A", "order": 0})
    assert "Give at least two choices." in response.content.decode()
    organiser_client.post(url, {"label": "Workshop", "kind": "choice", "choices_text": "A\nB", "order": 0})
    assert list(event.questions.values_list("choices", flat=True)) == [["A", "B"]]
    organiser_client.post(reverse("events:manage-agenda", kwargs={"slug": event.slug}), {"room-name": "Main hall"})
    room = event.rooms.get()
    new = reverse("events:manage-session-new", kwargs={"slug": event.slug})
    start = timezone.localtime(event.starts_at)
    session = {
        "title": "Keynote",
        "kind": "keynote",
        "room": room.pk,
        "presenters": "Ana",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    organiser_client.post(new, session)
    response = organiser_client.post(new, {**session, "title": "Clash"}, follow=True)
    text = response.content.decode()
    assert "is in the same room at an overlapping time" in text
    assert "Ana also presents" in text
    assert event.sessions.count() == 2


def test_cached_public_pages_follow_changes(client, sent):
    from events import services

    event = EventFactory(capacity=5)
    first = SessionFactory(event=event, title="Opening keynote")
    agenda = reverse("events:agenda", kwargs={"slug": event.slug})
    assert "Opening keynote" in client.get(agenda).content.decode()
    services.session_save(event=event, session=first, title="Renamed keynote")
    assert "Renamed keynote" in client.get(agenda).content.decode()
    services.session_delete(session=first)
    assert "Renamed keynote" not in client.get(agenda).content.decode()

    assert "Ana Shown" not in client.get(event.get_absolute_url()).content.decode()
    event.refresh_from_db()
    sent(services.registration_create, event=event, user=UserFactory(full_name="Ana Shown"), attendee_list_consent=True)
    text = client.get(event.get_absolute_url()).content.decode()
    assert "Ana Shown" in text and "4 / 5" in text


def test_garbage_ids_in_organiser_forms_are_not_errors(organiser_client, event_organiser):
    event = EventFactory(organisers=[event_organiser])
    base = f"/manage/events/{event.slug}/"
    assert organiser_client.post(base + "checkin/", {"registration": "abc"}).status_code == 404
    assert organiser_client.post(base + "questions/", {"delete": "1 OR 1=1"}).status_code == 302
    assert organiser_client.post(base + "cfp/", {"remove_reviewer": "x"}).status_code == 302
    response = organiser_client.post(base + "registrations/", {"ids": ["x"], "decision": "confirm"}, follow=True)
    assert "Select at least one registration." in response.content.decode()


def test_organisers_add_a_co_organiser_and_keep_at_least_one(organiser_client, event_organiser, other_user):
    event = EventFactory(organisers=[event_organiser])
    url = reverse("events:manage-detail", kwargs={"slug": event.slug})
    response = organiser_client.post(url, {"email": "nobody@example.org"}, follow=True)
    assert "Nobody has an account with this email address." in response.content.decode()
    organiser_client.post(url, {"email": other_user.email.upper()})
    assert set(event.organisers.all()) == {event_organiser, other_user}
    organiser_client.post(url, {"remove_organiser": other_user.pk})
    response = organiser_client.post(url, {"remove_organiser": event_organiser.pk}, follow=True)
    assert "An event keeps at least one organiser." in response.content.decode()
    assert list(event.organisers.all()) == [event_organiser]


def test_cached_list_follows_new_and_changed_events(client):
    event = EventFactory(title="First one")
    assert "First one" in client.get(reverse("events:list")).content.decode()
    EventFactory(title="Second one")
    event.title = "Renamed one"
    event.save()
    text = client.get(reverse("events:list")).content.decode()
    assert "Second one" in text and "Renamed one" in text
    assert client.get(reverse("events:list") + "?page=<script>").status_code == 200
