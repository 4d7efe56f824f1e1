"""Crisis lines on every screen, a non-diagnostic safety checklist, and what each option asks beyond money."""

from __future__ import annotations

import streamlit as st

from calculator.assumptions import HelpLine

from .words import NOT_ADVICE

#: The checklist: widget key -> plain words.
CHECKS = {
    "safety.suicide": (
        "Thoughts of suicide or self-harm",
        "Now or recently. If someone is in danger now, call 911 or call or text 988.",
    ),
    "safety.detox": (
        "Needs detox or withdrawal care",
        "Stopping alcohol, benzodiazepines or opioids can be dangerous without medical help.",
    ),
    "safety.medical": (
        "Serious medical concerns",
        "For example seizures, heart problems, pregnancy, psychosis or not eating.",
    ),
    "safety.home": (
        "An unsafe or unsupportive home",
        "Violence, drug use at home, or no one to support recovery day to day.",
    ),
}


def md(text: str) -> str:
    """Escape text for st.markdown so dollar signs are not read as math."""
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("*", "\\*").replace("_", "\\_")


def _line_parts(line: HelpLine) -> str:
    parts = [f"**{md(line.contact)}**"]
    if line.text:
        parts.append(md(line.text))
    if line.tty:
        parts.append(f"TTY {md(line.tty)}")
    return " · ".join(parts)


def render_top_line(lines: tuple[HelpLine, ...]) -> None:
    """One compact line at the top of the page."""
    bits = [f"{md(line.label.split(':')[0])}: **{md(line.contact)}**" for line in sorted(lines, key=lambda x: x.order)]
    st.markdown("**Help now** &nbsp;" + " &nbsp;|&nbsp; ".join(bits), help="Free, confidential and open day and night.")


def render_sidebar_help(lines: tuple[HelpLine, ...]) -> None:
    with st.container(border=True):
        st.markdown("**Need help now?**")
        for line in sorted(lines, key=lambda x: x.order):
            link = f" · [{md(line.url.removeprefix('https://'))}]({line.url})" if line.url else ""
            st.markdown(f"**{md(line.label)}** — {_line_parts(line)}{link}", help=line.description)


def render_checklist() -> list[str]:
    """The safety checklist; returns the plain words of every ticked item."""
    with st.container(border=True):
        st.markdown(
            "**Safety first.** Tick anything that is true now. This is not a diagnosis, and nothing you tick is saved or sent."
        )
        cols = st.columns(2)
        ticked = []
        for i, (key, (words, why)) in enumerate(CHECKS.items()):
            with cols[i % 2]:
                if st.checkbox(words, key=key, help=why):
                    ticked.append(words)
    return ticked


def render_caution(ticked: list[str], lines: tuple[HelpLine, ...]) -> None:
    """Shown ABOVE the cost comparison when any safety item is ticked."""
    crisis = " or ".join(f"{md(line.contact)} ({md(line.label)})" for line in sorted(lines, key=lambda x: x.order)[:2])
    st.error(
        "**An IOP may not be safe or appropriate here.** You ticked: "
        + "; ".join(md(t.lower()) for t in ticked)
        + ". A clinician should decide the level of care, and cost must not drive this choice. "
        f"If anyone is in danger now: {crisis}.",
    )


def render_fit_and_tradeoffs() -> None:
    """Who an IOP tends to suit (information, not a placement) and what each option asks beyond money."""
    left, right = st.columns(2)
    with left:
        st.markdown("**Who an IOP tends to suit** (information only, not a placement)")
        st.markdown(
            "- People not making progress in weekly outpatient therapy\n"
            "- People stepping down after inpatient or residential care\n"
            "- People who have finished rehab and want structure while they settle back in\n"
            "- People who want structure while living at home, with a safe and supportive home to go back to"
        )
        st.caption("A clinical assessment (often using the ASAM criteria) decides what fits. " + NOT_ADVICE)
    with right:
        st.markdown("**What each option gives and asks, beyond money**")
        st.markdown(
            "- **Residential** gives round-the-clock care and distance from daily triggers and stress. "
            "It asks for time away from home, work and children, and visits on the program's terms.\n"
            "- **IOP** lets the person live at home, keep some work and family routines, and practise "
            "new skills in daily life. It asks for a safe home, several sessions a week on a fixed schedule, "
            "travel to each session, and more day-to-day support from the family.\n"
            "- **Stepped pathways** (residential or PHP, then IOP) add a gradual return home, and add "
            "another transition to plan for."
        )
