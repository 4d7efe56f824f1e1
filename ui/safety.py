"""Crisis lines on every screen, a non-diagnostic safety checklist, and what each option asks beyond money."""

from __future__ import annotations

import html
import re

import streamlit as st

from calculator.assumptions import HelpLine
from calculator.schema import N_

from .lang import _, current, here

#: The checklist: widget key -> plain words (marked for translation, translated when shown).
CHECKS = {
    "safety.suicide": (
        N_("Thoughts of suicide or self-harm"),
        N_("Now or recently. If someone is in danger now, call 911 or call or text 988."),
    ),
    "safety.detox": (
        N_("Needs detox or withdrawal care"),
        N_("Stopping alcohol, benzodiazepines or opioids can be dangerous without medical help."),
    ),
    "safety.medical": (
        N_("Serious medical concerns"),
        N_("For example seizures, heart problems, pregnancy, psychosis or not eating."),
    ),
    "safety.home": (
        N_("An unsafe or unsupportive home"),
        N_("Violence, drug use at home, or no one to support recovery day to day."),
    ),
}
# Colours with at least 4.5:1 contrast on white (WCAG 2.1 AA for body text).
_HELP_CSS = """
<style>
.helpnow { border: 2px solid #b42318; border-radius: 0.5rem; padding: 0.45rem 0.7rem; background: #fff5f4;
  color: #1f1f1f; line-height: 1.9; }
.helpnow a { color: #8a1c12; font-weight: 700; text-decoration: underline; white-space: nowrap;
  display: inline-block; padding: 0.1rem 0.2rem; min-height: 24px; }
.helpnow .line { display: inline-block; margin-right: 1.1rem; }
.helpnow p { margin: 0.1rem 0; }
@media (max-width: 640px) { h1 { font-size: 1.9rem !important; } }
</style>
"""


#: Every ASCII punctuation character: CommonMark lets a backslash make each one literal, so no
#: link, image, emphasis, heading, list, HTML tag, math or Streamlit directive can start.
_MARKDOWN_PUNCTUATION = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
#: What GitHub-flavoured markdown turns into a link even when every character is escaped: it
#: finds ``www.``, ``http://`` (and other schemes) and ``name@host`` in the text itself. A
#: zero-width space after the scheme or before the ``@`` breaks the pattern and shows nothing.
_AUTOLINK = re.compile(r"(?i)(www|https?|ftp|mailto|xmpp|javascript|data|file)(?=[.:])|(?=@)")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
ZERO_WIDTH_SPACE = "\u200b"


def md(text: str) -> str:
    """``text`` for any element that reads markdown (markdown, captions, alerts, labels),
    shown exactly as typed: nothing in it can become a link, an image, a request or formatting.

    Every ASCII punctuation character is escaped, line breaks become spaces, and a zero-width
    space breaks the patterns markdown links on sight (``www.``, ``https:``, ``@``). Used for
    every sentence that can hold something a person typed (option names, cost labels, a file's
    or a link's contents).
    """
    flat = _LINE_BREAKS.sub(" ", str(text))
    unlinked = _AUTOLINK.sub(lambda m: (m.group(1) or "") + ZERO_WIDTH_SPACE, flat)
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", unlinked)


def plain(markdown: str) -> str:
    """The text :func:`md` escaped, as a person reads it (for tests and plain-text copies)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(ZERO_WIDTH_SPACE, "")


def escaped(frame):
    """A copy of a table whose text (cells, row names, column names) :func:`md` has escaped:
    Streamlit draws a static table's every cell as markdown, so a name typed as a link or an
    image would otherwise become one."""

    def text(x):
        return md(x) if isinstance(x, str) else x

    out = frame.map(text)
    out.index = out.index.map(text)
    out.columns = out.columns.map(text)
    return out


def table(frame) -> None:
    """A static table (it wraps on a phone and a screen reader reads it), its text shown as typed."""
    st.table(escaped(frame))


def _digits(number: str) -> str:
    """``1-800-662-4357 (1-800-662-HELP)`` -> ``18006624357`` (what a phone dials)."""
    return re.sub(r"\D", "", number.split("(")[0])


def links(line: HelpLine) -> list[str]:
    """The line's tap targets: ``tel:`` to call, ``sms:`` to text (HTML, escaped)."""
    out = []
    if line.call:
        what = _("Call {number}").format(number=line.call)
        out.append(f'<a href="tel:{_digits(line.call)}">{html.escape(what)}</a>')
    if line.sms:
        what = _("Text {number}").format(number=line.sms)
        out.append(f'<a href="sms:{_digits(line.sms)}">{html.escape(what)}</a>')
    return out


def spanish_links(line: HelpLine) -> list[str]:
    """The Spanish-language option (988: press 2; text AYUDA), always in Spanish, marked ``lang="es"``."""
    if not line.spanish_sms_body:
        return []
    body = html.escape(line.spanish_sms_body)
    return [
        f'<a href="tel:{_digits(line.call)}" lang="es">Llame al {html.escape(line.call)} y marque 2</a>',
        f'<a href="sms:{_digits(line.sms)}?&amp;body={body}" lang="es">Texto {body} al {html.escape(line.sms)}</a>',
    ]


def help_lines(lines: tuple[HelpLine, ...]) -> list[HelpLine]:
    """The lines in order, in the session's language."""
    return [line.in_language(current()) for line in sorted(lines, key=lambda x: x.order)]


def help_html(lines: tuple[HelpLine, ...]) -> str:
    """The crisis lines as HTML with tap-to-call and tap-to-text links, each line kept whole."""
    parts = []
    for line in help_lines(lines):
        taps = " ".join(links(line))
        parts.append(f'<span class="line"><strong>{html.escape(line.label)}</strong> {taps}</span>')
        spanish = spanish_links(line)
        if spanish:
            parts.append('<span class="line" lang="es">En español: ' + " · ".join(spanish) + "</span>")
    title = html.escape(_("Help now, free and open day and night:"))
    label = html.escape(_("Crisis lines"))
    return _HELP_CSS + f'<nav class="helpnow" aria-label="{label}"><strong>{title}</strong> {"".join(parts)}</nav>'


def render_top_line(lines: tuple[HelpLine, ...]) -> None:
    """The crisis lines at the top of the page, every link tappable on a phone."""
    st.html(help_html(lines))


def render_sidebar_help(lines: tuple[HelpLine, ...]) -> None:
    """The same tap targets in the side panel (always in view on a wide screen), and what each line is."""
    st.html(help_html(lines))
    with st.expander(_("About these lines")):
        for line in help_lines(lines):
            link = f" [{md(line.url.removeprefix('https://'))}]({line.url})" if line.url else ""
            extra = " · ".join(md(x) for x in (line.text, f"TTY {line.tty}" if line.tty else "") if x)
            st.markdown(f"**{md(line.label)}**: {md(line.description)}{link}" + (f" {extra}." if extra else ""))


def ticked() -> list[str]:
    """The plain words of every ticked safety item (in English, the codes' words)."""
    return [words for key, (words, _why) in CHECKS.items() if st.session_state.get(key)]


@st.fragment
def render_safety(lines: tuple[HelpLine, ...]) -> None:
    """The checklist and, when anything is ticked, the caution; ticking reruns only this part
    (the printable summary reads the ticks when it is made)."""
    ticks = render_checklist()
    if ticks:
        render_caution(ticks, lines)


def render_checklist() -> list[str]:
    """The safety checklist; returns the plain words of every ticked item (in English, the codes' words)."""
    with st.container(border=True):
        st.markdown(
            _(
                "**Safety first.** Tick anything that is true now. This is not a diagnosis, and nothing you tick is saved or sent."
            )
        )
        cols = st.columns(2)
        ticked = []
        for i, (key, (words, why)) in enumerate(CHECKS.items()):
            with cols[i % 2]:
                if st.checkbox(_(words), key=key, help=_(why)):
                    ticked.append(words)
    return ticked


def render_caution(ticked: list[str], lines: tuple[HelpLine, ...]) -> None:
    """Shown ABOVE the cost comparison when any safety item is ticked."""
    shown = help_lines(lines)[:2]
    crisis = _(" or ").join(f"{md(line.contact)} ({md(line.label)})" for line in shown)
    st.error(
        _(
            "**An IOP may not be safe or appropriate here.** You ticked: {ticked}. A clinician should decide the "
            "level of care, and cost must not drive this choice. If anyone is in danger now: {crisis}."
        ).format(ticked="; ".join(md(_(t).lower()) for t in ticked), crisis=crisis)
    )


def render_fit_and_tradeoffs() -> None:
    """Who an IOP tends to suit (information, not a placement) and what each option asks beyond money."""
    left, right = st.columns(2)
    with left:
        st.markdown(_("**Who an IOP tends to suit** (information only, not a placement)"))
        st.markdown(
            _(
                "- People not making progress in weekly outpatient therapy\n"
                "- People stepping down after inpatient or residential care\n"
                "- People who have finished rehab and want structure while they settle back in\n"
                "- People who want structure while living at home, with a safe and supportive home to go back to"
            )
        )
        st.caption(
            _("A clinical assessment (often using the ASAM criteria) decides what fits.") + " " + here().not_advice()
        )
    with right:
        st.markdown(_("**What each option gives and asks, beyond money**"))
        st.markdown(
            _(
                "- **Residential** gives round-the-clock care and distance from daily triggers and stress. "
                "It asks for time away from home, work and children, and visits on the program's terms.\n"
                "- **IOP** lets the person live at home, keep some work and family routines, and practise "
                "new skills in daily life. It asks for a safe home, several sessions a week on a fixed schedule, "
                "travel to each session, and more day-to-day support from the family.\n"
                "- **Stepped pathways** (residential or PHP, then IOP) add a gradual return home, and add "
                "another transition to plan for."
            )
        )
