"""The data migrations of the move to the storage API: absolute paths become names relative to the
private storage, bare proposal file names get their folder, unpublished library files go private."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("impact", "0001_initial"),
    ("accounts", "0002_portal_roles"),
    ("surveys", "0002_reports"),
    ("events", "0001_initial"),
    ("publications", "0001_initial"),
]
AFTER = [
    ("impact", "0002_files_on_private_storage"),
    ("accounts", "0003_files_on_private_storage"),
    ("surveys", "0003_report_files_on_private_storage"),
    ("events", "0002_files_on_private_storage"),
    ("publications", "0002_private_files_until_published"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state(transactional_db):
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.slow
def test_paths_become_names_on_the_private_storage(old_state, settings):
    from datetime import date

    apps = old_state
    User = apps.get_model("accounts", "User")
    PrivacyExport = apps.get_model("accounts", "PrivacyExport")
    user = User.objects.create(email="old@example.org")
    root = settings.PRIVATE_MEDIA_ROOT
    PrivacyExport.objects.create(user=user, token="tok", status="done", file_path=f"{root}/privacy/tok.json")
    PrivacyExport.objects.create(user=user, token="queued", status="queued", file_path="")

    Publication = apps.get_model("publications", "Publication")
    Edition = apps.get_model("publications", "Edition")
    LanguageVersion = apps.get_model("publications", "LanguageVersion")
    draft = Publication.objects.create(title="Draft", slug="draft", kind="factsheet", published_on=date(2024, 1, 1))
    Publication.objects.filter(pk=draft.pk).update(is_published=False)
    edition = Edition.objects.create(publication=draft, number=1, published_on=date(2024, 1, 1))
    public_pdf = settings.MEDIA_ROOT / "publications" / "draft" / "1" / "draft-en.pdf"
    public_pdf.parent.mkdir(parents=True)
    public_pdf.write_bytes(b"%PDF-1.4 draft")
    LanguageVersion.objects.create(edition=edition, language="en", file="publications/draft/1/draft-en.pdf")

    apps = _migrate(AFTER)
    exports = {e.token: e.file for e in apps.get_model("accounts", "PrivacyExport").objects.all()}
    assert exports == {"tok": "privacy/tok.json", "queued": ""}
    version = apps.get_model("publications", "LanguageVersion").objects.get()
    assert version.file.name == "private/publications/draft/1/draft-en.pdf"
    assert not public_pdf.exists()
    private_pdf = settings.PRIVATE_MEDIA_ROOT / "library" / "publications" / "draft" / "1" / "draft-en.pdf"
    assert private_pdf.read_bytes() == b"%PDF-1.4 draft"


@pytest.mark.django_db
def test_proposal_file_names_get_their_folder():
    from importlib import import_module

    from django.apps import apps

    from events.models import Proposal
    from events.tests.factories import ProposalFactory

    migration = import_module("events.migrations.0002_files_on_private_storage")
    old = ProposalFactory()
    Proposal.objects.filter(pk=old.pk).update(draft_pdf=f"{old.pk}-0123456789abcdef.pdf")  # a name before
    done = ProposalFactory()
    Proposal.objects.filter(pk=done.pk).update(draft_pdf="events/proposals/x.pdf")
    none = ProposalFactory()
    migration.prefix_names(apps, None)  # the column is the same before and after: the data step
    names = dict(Proposal.objects.values_list("pk", "draft_pdf"))
    assert names == {
        old.pk: f"events/proposals/{old.pk}-0123456789abcdef.pdf",
        done.pk: "events/proposals/x.pdf",
        none.pk: "",
    }
    migration.bare_names(apps, None)
    assert Proposal.objects.get(pk=old.pk).draft_pdf.name == f"{old.pk}-0123456789abcdef.pdf"
