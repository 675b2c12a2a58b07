"""What each app contributes to the shared parts of the portal.

Apps call these from their ``AppConfig.ready()``, so that the navigation, the dashboard, the
notification preferences, the privacy export/erasure and the demo content grow with every app
without any app importing another.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str  # lazy translation
    url_name: str
    order: int = 50
    # optional predicate(user) -> bool; the item is hidden when it returns False
    visible: Callable | None = None
    # optional count(user) -> int shown beside the label (work waiting); 0 hides it
    badge: Callable | None = None


@dataclass(frozen=True)
class DashboardLink:
    label: str
    url_name: str
    description: str = ""
    order: int = 50
    visible: Callable | None = None


@dataclass(frozen=True)
class NotificationKind:
    code: str
    label: str
    # mandatory kinds (security, privacy) cannot be switched off by the person
    mandatory: bool = False


@dataclass(frozen=True)
class PrivacyHandler:
    """How one app exports and erases what it holds about a person.

    ``models`` lists every model of the app with a foreign key to the user; a test fails when a
    model with such a key is in no handler. ``export(user)`` returns JSON-serialisable data;
    ``erase(user)`` removes or anonymises it before the account row itself is deleted.
    """

    label: str
    models: tuple
    export: Callable
    erase: Callable


@dataclass(frozen=True)
class ProcessingActivity:
    """One line of the record of processing activities (GDPR Art. 30) and of the public privacy notice.

    Every model named in a ``PrivacyHandler`` must be listed in the ``models`` of some activity (a
    test checks it), so the record and the notice grow with the apps. Texts are lazy translations.
    """

    code: str
    name: str
    purpose: str
    legal_basis: str
    data_subjects: str
    data_categories: str
    retention: str
    recipients: str
    special_categories: bool = False
    models: tuple = ()
    order: int = 50


@dataclass(frozen=True)
class DemoSeeder:
    label: str
    seed: Callable  # seed(stdout=..., **options); must be idempotent
    order: int = 50


@dataclass(frozen=True)
class HomeSection:
    """A block of the home page, drawn by its app: ``context()`` is the app's selector call and
    returns the template context, or None to leave the block out (nothing to show yet)."""

    key: str
    template: str
    context: Callable
    order: int = 50

    @property
    def app_label(self) -> str:
        """The app whose changes redraw the block: the one that defines ``context``."""
        return self.context.__module__.split(".")[0]


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    dashboard: list[DashboardLink] = field(default_factory=list)
    manage: list[DashboardLink] = field(default_factory=list)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)
    privacy: list[PrivacyHandler] = field(default_factory=list)
    processing: list[ProcessingActivity] = field(default_factory=list)
    demo: list[DemoSeeder] = field(default_factory=list)
    home: list[HomeSection] = field(default_factory=list)


registry = Registry()


def register_nav(item: NavItem) -> None:
    registry.nav.append(item)
    registry.nav.sort(key=lambda i: i.order)


def register_dashboard_link(link: DashboardLink) -> None:
    registry.dashboard.append(link)
    registry.dashboard.sort(key=lambda i: i.order)


def register_manage_link(link: DashboardLink) -> None:
    """A link on /manage/ for the staff roles (its ``visible`` predicate decides who sees it)."""
    registry.manage.append(link)
    registry.manage.sort(key=lambda i: i.order)


def register_notification_kind(kind: NotificationKind) -> None:
    registry.notification_kinds[kind.code] = kind


def register_privacy(handler: PrivacyHandler) -> None:
    registry.privacy.append(handler)


def register_processing(*activities: ProcessingActivity) -> None:
    """Processings of personal data, for the record of processing activities and the privacy notice."""
    for activity in activities:
        if all(a.code != activity.code for a in registry.processing):
            registry.processing.append(activity)
    registry.processing.sort(key=lambda a: (a.order, a.code))


def register_demo(seeder: DemoSeeder) -> None:
    registry.demo.append(seeder)
    registry.demo.sort(key=lambda s: s.order)


def register_home_section(section: HomeSection) -> None:
    registry.home.append(section)
    registry.home.sort(key=lambda s: s.order)
