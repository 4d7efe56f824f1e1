"""Guided mode: the few questions that move the answer most, in plain words, on the page itself.

A family on a phone should not have to find a side panel. The questions sit above the answer,
grouped as a family thinks about them: the two programs (kind, length, schedule, when sessions
are, distance, price if known), insurance (deductible, what is already paid, the yearly
maximum, coinsurance), work (when, pay, paid time off, disability insurance) and children (ages
and the help others give). These are the figures the tornado ranks highest for the default
family and the ones families usually know. Every other field keeps the library's typical value
(Detailed mode shows them all).

The widgets write the same session keys as Detailed mode (the scenario field paths), so
switching modes loses nothing. An IOP's length is asked in weeks (how programs describe it) and
stored in days.
"""

from __future__ import annotations

import streamlit as st

from calculator import paths
from calculator.scenario import RESIDENTIAL_LEVELS
from calculator.schema import N_

from . import fields as F
from . import state as S
from .inputs import family_help, preset_select, show_problems, widget
from .lang import _
from .safety import md

#: Plans whose terms a family reads on its plan papers: a deductible, a share, a yearly maximum.
PLAN_TERMS = ("employer", "marketplace")
#: The payers in the words a family uses (the field's own labels are the formal names).
PLAN_WORDS = {
    "employer": N_("A plan through work"),
    "marketplace": N_("A plan bought on HealthCare.gov or a state marketplace"),
    "medicaid": N_("Medicaid only"),
    "medicare": N_("Medicare only (Original Medicare)"),
    "medicare_advantage": N_("Medicare Advantage (a Medicare plan from a private company)"),
    "medigap": N_("Medicare with a supplement (Medigap)"),
    "medicare_medicaid": N_("Both Medicare and Medicaid"),
    "uninsured": N_("No insurance"),
}
PLAN_CHOICES = tuple(PLAN_WORDS)


def weeks_key(o: int, s: int) -> str:
    """The guided weeks widget of option ``o``, stage ``s`` (kept beside the days it sets)."""
    return f"ui.options[{o}].stages[{s}].weeks"


def _on_weeks(o: int, s: int) -> None:
    weeks = st.session_state.get(weeks_key(o, s))
    S.set_value(paths.stage(o, s, "length_days"), None if weeks is None else int(weeks) * 7)
    S.mark_custom(o)


def render(built: S.Built) -> None:
    """The guided questions, on the page above the answer."""
    with st.container(border=True):
        st.markdown("### " + _("Your situation"))
        st.caption(
            _(
                "Answer what you know. Leave a box empty if you are not sure: the calculator uses a typical "
                "figure and shows it in grey. You can change any answer and the results update."
            )
        )
        st.markdown("[" + _("Skip to the answer") + "](#answer)")
        show_problems(built, "scenario")
        st.markdown("**" + _("The two programs you are weighing") + "**")
        cols = st.columns(2)
        for o in range(min(2, st.session_state[F.N_OPTIONS])):
            with cols[o]:
                _option(o, built)
        if st.session_state[F.N_OPTIONS] > 2:
            st.caption(_("The other options are compared too: switch to Detailed to change them."))
        show_problems(built, "options")
        insurance, work, children = st.columns(3)
        with insurance:
            _insurance(built)
        with work:
            _work(built)
        with children:
            _children(built)
        when, where = st.columns(2)
        with when:
            widget("start_date", built, label=_("When would treatment start?"))
        with where:
            widget("household.state", built, label=_("Which state do you live in?"))


def _option(o: int, built: S.Built) -> None:
    letter = "ABCD"[o]
    with st.container(border=True):
        st.markdown(f"**{letter}. {md(S.value(paths.option(o, 'name')) or '')}**")
        preset_select(o, _("Option {letter}: kind of program").format(letter=letter))
        show_problems(built, paths.option(o))
        show_problems(built, paths.option(o, "stages"))
        n = st.session_state[F.n_stages_key(o)]
        for s in range(n):
            _stage(o, s, n, built)


def _stage(o: int, s: int, n: int, built: S.Built) -> None:
    S.ensure(paths.stage(o, s, "level"))
    level = st.session_state[paths.stage(o, s, "level")]
    where = "ABCD"[o] + (str(s + 1) if n > 1 else "")
    if n > 1:
        from .inputs import _short

        st.caption(_("Stage {n}: {level}").format(n=s + 1, level=_short(level)))

    def ask(name: str, text: str, **kw) -> None:
        widget(paths.stage(o, s, name), built, label=f"{where}: {text}", **kw)

    custom = {"on_change": S.mark_custom, "args": (o,)}
    if level in RESIDENTIAL_LEVELS:
        ask("length_days", _("How many days?"), **custom)
        ask("distance_miles", _("Miles from home, one way"))
        ask("price_usd", _("Price per day, if you know it ($)"))
        ask("admission_fee_usd", _("One-time admission fee, if any ($)"))
        return
    days_key = paths.stage(o, s, "length_days")
    S.ensure(days_key)
    days = st.session_state[days_key]
    # The weeks box always shows the days it stands for (a preset, a link or Detailed mode may
    # have changed them); typing in it sets the days.
    st.session_state[weeks_key(o, s)] = None if days is None else round(days / 7)
    st.number_input(
        f"{where}: " + _("How many weeks?"),
        min_value=1,
        max_value=52,
        step=1,
        key=weeks_key(o, s),
        on_change=_on_weeks,
        args=(o, s),
        placeholder=_("typical length"),
        help=_("Programs usually say how many weeks they last. {days} days.").format(days=days or "—"),
    )
    show_problems(built, days_key)
    left, right = st.columns(2)
    with left:
        ask("days_per_week", _("Days a week"), **custom)
    with right:
        ask("hours_per_day", _("Hours each day"), **custom)
    ask("session_time", _("When are the sessions?"))
    ask("distance_miles", _("Miles from home, one way"))
    ask("price_usd", _("Price per session day, if you know it ($)"))


def _insurance(built: S.Built) -> None:
    st.markdown("**" + _("Insurance") + "**")
    key = "insurance.plan_type"
    S.ensure(key)
    st.selectbox(
        _("What insurance do you have?"),
        PLAN_CHOICES,
        key=key,
        format_func=lambda v: _(PLAN_WORDS[v]),
        help=_("Look at the card you show at the doctor's office. Medicare cards are red, white and blue."),
    )
    show_problems(built, key)
    plan = st.session_state[key]
    if plan in PLAN_TERMS:
        widget("insurance.deductible_usd", built, label=_("Deductible for the year ($)"))
        widget("insurance.deductible_met_usd", built, label=_("Deductible you have already paid this year ($)"))
        widget("insurance.oop_max_usd", built, label=_("Most you pay in a year: out-of-pocket maximum ($)"))
        widget("insurance.coinsurance_fraction", built, label=_("Your share after the deductible (%)"))
    elif plan == "medicare_advantage":
        widget("insurance.medicare_advantage.network", built, label=_("Is it an HMO or a PPO?"))
        widget(
            "insurance.medicare_advantage.moop_usd",
            built,
            label=_("Most you pay in a year with this plan ($)"),
        )
        show_problems(built, "insurance.medicare_advantage")
    elif plan == "medigap":
        widget("insurance.medigap.plan", built, label=_("Which Medigap plan? (the letter on the card)"))
        if st.session_state["insurance.medigap.plan"] in ("C", "F"):
            widget("insurance.medigap.eligible_before_2020", built, label=_("On Medicare before 2020"))
        show_problems(built, "insurance.medigap")
    elif plan == "medicare_medicaid":
        widget("insurance.dual_status", built, label=_("What does Medicaid pay for you?"))
    show_problems(built, "insurance")


def _work(built: S.Built) -> None:
    st.markdown("**" + _("Work") + "**")
    widget("household.work_schedule", built, label=_("When does the person in treatment work?"))
    if st.session_state["household.work_schedule"] != "not_working":
        widget("household.pay_basis", built, label=_("How are they paid?"))
        if st.session_state["household.pay_basis"] == "salary":
            widget("household.salary_usd_per_year", built, label=_("Yearly pay before tax ($)"))
        else:
            widget("household.pay_usd_per_hour", built, label=_("Pay per hour before tax ($)"))
        widget("household.work_hours_per_week", built, label=_("Work hours a week"))
        widget("household.paid_time_off_hours", built, label=_("Paid time off they can use (hours)"))
        widget(
            "household.lose_whole_shift",
            built,
            label=_("If a session falls in a shift, is the whole shift lost?"),
            help=_(
                "Some jobs cannot be left for a few hours. Not given: yes for evening work, no for day work "
                "(only the hours that clash)."
            ),
        )
        st.checkbox(_("Has disability insurance from work"), key=F.HAS_STD)
    show_problems(built, "household")


def _children(built: S.Built) -> None:
    st.markdown("**" + _("Children") + "**")
    st.number_input(
        _("How many children does the person in treatment look after?"),
        min_value=0,
        max_value=F.MAX_CHILDREN,
        step=1,
        key=F.N_CHILDREN,
        on_change=S.on_children_change,
    )
    for c in range(st.session_state[F.N_CHILDREN]):
        widget(paths.child(c, "age_years"), built, label=_("Age of child {n}").format(n=c + 1))
        widget(
            paths.child(c, "paid_care_hours_per_week"),
            built,
            label=_("Child {n}: hours a week of day care or a sitter you already pay for").format(n=c + 1),
            help=_(
                "Care you keep paying for whichever program you choose. Not given: your work hours plus the "
                "commute, less school."
            ),
        )
    if st.session_state[F.N_CHILDREN]:
        family_help(built, detailed=False)
