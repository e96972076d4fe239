"""The English catalog is complete: no entry left empty or fuzzy (Django shows the Chinese source for both), and
every string the code marks for translation has its entry (makemessages, run into a scratch directory).

The lead fills locale/ once the parts are in: until then a new string fails the second test, by design.
"""

import ast
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
# What makemessages reads: the apps and the templates (tests, docs, the virtualenv and the catalog are not code).
SKIPPED = {"locale", "tests", "docs", "bench", "var", "media", "static", "node_modules", "htmlcov"}


def _unquote(line):
    return ast.literal_eval(line)


def read_catalog(path):
    """[{ctxt, id, plural, strs, fuzzy}] of a .po file, without its header and obsolete (#~) entries: a plain
    reader, enough for the files makemessages writes."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and entry.get("id") is not None and entry["id"] != "":
            entries.append(entry)

    for raw in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if entry is None:
            entry = {"ctxt": None, "id": None, "plural": None, "strs": {}, "fuzzy": False}
        if line.startswith("#~"):
            entry["id"] = ""  # obsolete: dropped
            continue
        if line.startswith("#,"):
            entry["fuzzy"] = entry["fuzzy"] or "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            text = _unquote(line)
        else:
            field, text = keyword, _unquote(rest)
        if field == "msgctxt":
            entry["ctxt"] = (entry["ctxt"] or "") + text
        elif field == "msgid":
            entry["id"] = (entry["id"] or "") + text
        elif field == "msgid_plural":
            entry["plural"] = (entry["plural"] or "") + text
        elif field.startswith("msgstr"):
            index = int(field[7:-1]) if field.startswith("msgstr[") else 0
            entry["strs"][index] = entry["strs"].get(index, "") + text
    return entries


def test_no_entry_is_empty_or_fuzzy():
    entries = read_catalog(CATALOG)
    assert len(entries) > 1000
    fuzzy = [e["id"] for e in entries if e["fuzzy"]]
    empty = [e["id"] for e in entries if not e["strs"] or not all(e["strs"].values())]
    assert not fuzzy, f"{len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert not empty, f"{len(empty)} empty: {empty[:20]}"


def test_the_reader_sees_fuzzy_empty_and_plural_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\n#, fuzzy, python-format\nmsgid "还剩%(n)d天"\n'
                  'msgid_plural "还剩%(n)d天"\nmsgstr[0] "%(n)d day left"\nmsgstr[1] ""\n\n'
                  'msgctxt "导航"\nmsgid "平台"\nmsgstr ""\n"Plat"\n"form"\n\n#~ msgid "旧"\n#~ msgstr ""\n',
                  encoding="utf-8")
    days, platform = read_catalog(po)
    assert days["fuzzy"] and days["plural"] == "还剩%(n)d天" and days["strs"] == {0: "%(n)d day left", 1: ""}
    assert platform == {"ctxt": "导航", "id": "平台", "plural": None, "strs": {0: "Platform"}, "fuzzy": False}


@pytest.fixture
def code_tree(tmp_path):
    """The project's code seen through symlinks from a scratch directory, so that makemessages writes its
    catalog there and never touches locale/."""
    base = Path(settings.BASE_DIR)
    tree = tmp_path / "tree"
    tree.mkdir()
    for child in base.iterdir():
        if child.name.startswith(".") or child.name in SKIPPED:
            continue
        if child.is_dir() or child.suffix in {".py", ".html"}:
            (tree / child.name).symlink_to(child)
    (tree / "locale").mkdir()
    return tree


def test_every_string_marked_in_the_code_is_in_the_catalog(code_tree):
    cwd = os.getcwd()
    os.chdir(code_tree)
    try:
        with override_settings(LOCALE_PATHS=[str(code_tree / "locale")]):
            call_command("makemessages", locale=["en"], symlinks=True, no_location=True, verbosity=0,
                         ignore_patterns=["*/migrations/*"])
    finally:
        os.chdir(cwd)
    wanted = read_catalog(code_tree / "locale" / "en" / "LC_MESSAGES" / "django.po")
    # A string the code now counts (ngettext) needs a plural entry: a singular one is never looked up for it.
    have = {(e["ctxt"], e["id"], e["plural"] is not None) for e in read_catalog(CATALOG)}
    missing = sorted({e["id"] if e["ctxt"] is None else f"{e['ctxt']}|{e['id']}"
                      for e in wanted if (e["ctxt"], e["id"], e["plural"] is not None) not in have})
    assert len(wanted) > 1000
    assert not missing, f"{len(missing)} strings are not in locale/en (the lead fills it): {missing[:30]}"
