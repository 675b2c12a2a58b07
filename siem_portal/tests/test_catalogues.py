"""The translation catalogues: complete, placeholders kept, clean for msgfmt, compiled by Babel."""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
NAMED = re.compile(r"%\((\w+)\)[sdifr]")
POSITIONAL = re.compile(r"(?<!%)%[sdif]")


def catalogue(code):
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


def placeholders(text):
    return set(NAMED.findall(text)), Counter(POSITIONAL.findall(NAMED.sub("", text.replace("%%", ""))))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated(code):
    po = catalogue(code)
    assert not po.metadata_is_fuzzy, f"{code}: the header is marked fuzzy, so Babel would not compile it"
    missing = [entry.msgid for entry in po if entry.msgid and not entry.obsolete and not entry.translated()]
    assert missing == [], f"{code}: {len(missing)} messages without a translation, the first: {missing[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders(code):
    po = catalogue(code)
    wrong = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            named = set(NAMED.findall(entry.msgid)) | set(NAMED.findall(entry.msgid_plural))
            for form in entry.msgstr_plural.values():
                # a plural form may leave the number out ("un seul"), never invent a placeholder
                if not set(NAMED.findall(form)) <= named:
                    wrong.append((entry.msgid, form))
        elif placeholders(entry.msgid) != placeholders(entry.msgstr):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_plural_entries_have_every_form_of_the_language(code):
    po = catalogue(code)
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [e.msgid for e in po.translated_entries() if e.msgid_plural and len(e.msgstr_plural) != nplurals]
    assert short == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_check_is_clean(code, tmp_path):
    po = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_babel_compiles_a_catalogue_django_reads(tmp_path):
    """What `make catalogues` does, on a copy: the .mo it writes translates singulars and plurals."""
    import gettext

    shutil.copytree(LOCALE_DIR / "fr", tmp_path / "fr")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pybabel")), "compile", "-D", "django", "-d", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "fr" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        translation = gettext.GNUTranslations(mo)
    assert translation.gettext("Sign in") == "Se connecter"
    assert translation.ngettext("%(counter)s unread", "%(counter)s unread", 1) == "%(counter)s non lue"
    assert translation.ngettext("%(counter)s unread", "%(counter)s unread", 2) == "%(counter)s non lues"
