"""Languages: which ones the app speaks, and their gettext catalogs (pure: no Streamlit).

Catalogs live in ``locale/<lang>/LC_MESSAGES/messages.po`` and are managed with Babel
(``make i18n``: ``pybabel extract`` -> ``messages.pot``, ``pybabel update`` -> each ``.po``;
``pybabel compile`` -> ``.mo``, which ``make run`` and ``make test`` do). A ``.mo`` that is
missing or older than its ``.po`` (a fresh clone used without ``make``) is compiled in memory
from the ``.po`` with Babel, so the app and the command line speak every language from any
checkout.
"""

from __future__ import annotations

import gettext
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "locale"
DOMAIN = "messages"
#: Language code -> (its own name, the Babel locale for numbers, money and dates). ``es_US``:
#: Spanish as written in the United States (dollars as ``$1,235``, dates as ``7 dic 2026``).
LANGUAGES = {"en": ("English", "en_US"), "es": ("Español", "es_US")}
DEFAULT = "en"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translation(lang: str) -> gettext.NullTranslations:
    """The catalog for ``lang`` (English: none; its text is the source)."""
    if lang == DEFAULT:
        return gettext.NullTranslations()
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    po = po_path(lang)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def locale_of(lang: str) -> str:
    return LANGUAGES[lang][1]


def extract_figure_labels(fileobj, keywords, comment_tags, options):
    """Babel extraction method for ``assumptions/*.toml``: each figure's ``label`` (the name
    people see in tables, questions and the drivers chart). Help lines carry their Spanish in the
    data itself (``[key.es]``), so ``help_lines.toml`` yields nothing here.

    Yields ``(line number, function name, message, comments)`` as Babel expects.
    """
    import tomllib

    text = fileobj.read().decode("utf-8")
    if "[emergency_911]" in text:
        return
    data = tomllib.loads(text)
    lines = text.splitlines()
    for key, figure in data.items():
        label = figure.get("label") if isinstance(figure, dict) else None
        if not label:
            continue
        lineno = next((i + 1 for i, line in enumerate(lines) if line.strip() == f"[{key}]"), 0)
        yield lineno, None, label, [f"figure {key}"]
