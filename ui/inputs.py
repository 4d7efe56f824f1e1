"""The inputs: a few plain questions (Guided) or every scenario field (Detailed), in the sidebar.

Each widget is keyed by the scenario field it sets and shows, right under it, any problem the
model found with that field (what is allowed). Widgets never get a ``value=``: their values
live in session state (see :mod:`ui.state`), so nothing typed is lost on an error.
"""

from __future__ import annotations

import streamlit as st

from calculator import paths
from calculator.resolve import COMMUTE_USE
from calculator.scenario import LEVEL_LABELS, RESIDENTIAL_LEVELS
from calculator.schema import N_

from . import fields as F
from . import state as S
from .lang import _, here
from .safety import md

_SHAPE_FIELDS = ("level", "length_days", "days_per_week", "hours_per_day")
_TYPICAL = "ui.typical"  # session key: field key -> "typical ..." for fields the library filled in


def set_typical(typical: dict[str, str] | None) -> None:
    """Placeholder text for empty fields this run (see :func:`typical_figures`)."""
    st.session_state[_TYPICAL] = typical or {}


def typical_figures(comparison) -> dict[str, str]:
    """Each empty field and the library figure that filled it (the newest value the comparison
    used; the scenario's override when it set one), read from ``comparison.figures_used``."""
    library, used = comparison.library, comparison.figures_used
    out = {}
    for fig in sorted(library.figures.values(), key=lambda f: (f.file, f.key)):
        use = used.get(fig.key)
        if use is None:
            continue
        for value in (v for v in fig.values if v.start in use.value_starts):
            typical = fig.override if fig.override is not None else value.typical
            for path in use.paths:
                if F.is_field_key(path):
                    out[path] = _figure_text(float(typical), fig.unit, F.spec_for(path).kind)
                elif path.endswith(COMMUTE_USE):
                    out[path.removesuffix(COMMUTE_USE).strip()] = _("typical: work hours + commute")
    return out


def _figure_text(value: float, unit: str, kind: str) -> str:
    w = here()
    if kind == "percent" or unit == "fraction":
        shown = w.percent(value)
    elif unit.startswith("USD"):
        per = unit.partition("/")[2]
        shown = w.money(value, 2) + (" / " + w.unit_word(per) if per else "")
    else:
        shown = f"{w.number(value, 1)} {w.unit(unit)}"
    return _("typical: {value}").format(value=shown)


def problem_text(key: str, message: str) -> str:
    spec = F.spec_for(key)
    if spec is not None and spec.kind == "percent" and message.startswith("out of range"):
        return _("out of range: allowed 0 to 100 (%)")
    return here().problem(message, key)


def label_for(key: str) -> str:
    """The field's name in error lists, in the page's language."""
    return F.label_for(key, here().gettext)


def show_problems(built: S.Built, key: str) -> None:
    for p in built.at(key):
        st.error(f"{md(label_for(p.field))}: {md(problem_text(p.field, p.message))}")


def widget(
    key: str, built: S.Built, *, label: str | None = None, help: str | None = None, on_change=None, args=()
) -> object:
    """Draw the widget for scenario field ``key`` and its problems."""
    S.ensure(key)
    spec = F.spec_for(key)
    label = label or _(spec.label)
    kw = {"key": key, "help": help or (_(spec.help) if spec.help else None), "on_change": on_change, "args": args}
    typical = _("typical figure")
    if spec.kind in ("money", "number", "percent"):
        placeholder = st.session_state.get(_TYPICAL, {}).get(key, typical) if spec.optional else None
        fmt = "%.2f" if spec.kind == "money" else "%g"
        value = st.number_input(label, step=1.0, format=fmt, placeholder=placeholder, **kw)
    elif spec.kind == "int":
        value = st.number_input(
            label,
            step=1,
            format="%d",
            placeholder=st.session_state.get(_TYPICAL, {}).get(key, typical) if spec.optional else None,
            **kw,
        )
    elif spec.kind == "bool" and spec.optional:
        # Yes, no, or left to the default the help text states.
        names = {None: _(F.NOT_GIVEN), True: _("Yes"), False: _("No")}
        # The placeholder is what Streamlit shows for None: the same "Not given", in the page's language.
        value = st.selectbox(label, (None, True, False), format_func=names.get, placeholder=names[None], **kw)
    elif spec.kind == "bool":
        value = st.checkbox(label, **kw)
    elif spec.kind == "select":
        labels = spec.labels or {}
        value = st.selectbox(label, spec.options, format_func=lambda v: _(labels[v]) if v in labels else str(v), **kw)
    elif spec.kind == "date":
        value = st.date_input(label, format="YYYY-MM-DD", **kw)
    else:
        value = st.text_input(label, max_chars=spec.max_length, **kw)
    show_problems(built, key)
    return value


def _heading(text: str) -> None:
    st.markdown(f"**{_(text)}**")


def render_inputs(built: S.Built, typical: dict[str, str] | None = None) -> None:
    """All inputs, in the sidebar's order: when, work, children, insurance, the programs.

    ``typical``: placeholder text for empty fields (see :func:`typical_figures`).
    """
    set_typical(typical)
    detailed = st.session_state[S.MODE] == S.DETAILED
    show_problems(built, "scenario")
    _heading(N_("When and where"))
    widget("start_date", built)
    widget("household.state", built)
    _work(built, detailed)
    _children(built, detailed)
    _insurance(built, detailed)
    _heading(N_("The programs you are weighing"))
    if detailed:
        st.number_input(_("How many options to compare"), min_value=2, max_value=F.MAX_OPTIONS, step=1, key=F.N_OPTIONS)
    for o in range(st.session_state[F.N_OPTIONS]):
        _option(o, built, detailed)
    show_problems(built, "options")
    if detailed:
        with st.expander(_("Assumptions changed for this scenario")):
            _overrides(built)


def _work(built: S.Built, detailed: bool) -> None:
    _heading(N_("Work and pay"))
    widget("household.work_schedule", built)
    if st.session_state["household.work_schedule"] != "not_working":
        widget("household.pay_basis", built)
        if st.session_state["household.pay_basis"] == "salary":
            widget("household.salary_usd_per_year", built)
        else:
            widget("household.pay_usd_per_hour", built)
        widget("household.work_hours_per_week", built)
        widget("household.paid_time_off_hours", built)
    show_problems(built, "household")
    if detailed:
        with st.expander(_("Leave, disability and partner")):
            _leave(built)
        with st.expander(_("Costs and taxes")):
            _costs_and_taxes(built)


TAX_FIELDS = ("filing_status", "other_income_usd_per_year", "hsa_fsa_usd", "other_itemized_deductions_usd")
FAMILY_HELP_FIELDS = (
    "weekday_daytime_hours_per_week",
    "weekday_evening_hours_per_week",
    "night_hours_per_week",
    "weekend_hours_per_week",
)


def _costs_and_taxes(built: S.Built) -> None:
    """How driving and food are counted, and the tax return for the after-tax view."""
    widget("household.driving_cost", built)
    widget("household.count_food_at_home", built)
    st.caption(_("After tax is an estimate, not tax advice."))
    for name in TAX_FIELDS:
        widget(paths.join("taxes", name), built)
    show_problems(built, "taxes")


def family_help(built: S.Built, detailed: bool) -> None:
    """Who else looks after the children, by part of the day; help at any time of day in
    Detailed mode, and in Guided mode too once a scenario sets it (never a hidden figure)."""
    st.caption(_("Who else can look after the children, and when (hours a week)"))
    for name in FAMILY_HELP_FIELDS:
        widget(paths.join("household", "family_help", name), built)
    show_problems(built, "household.family_help")
    if detailed or S.value("household.family_help_hours_per_week"):
        widget("household.family_help_hours_per_week", built)


def _children(built: S.Built, detailed: bool) -> None:
    _heading(N_("Children"))
    st.number_input(
        _("Children the patient looks after"),
        min_value=0,
        max_value=F.MAX_CHILDREN,
        step=1,
        key=F.N_CHILDREN,
        on_change=S.on_children_change,
    )
    n_children = st.session_state[F.N_CHILDREN]
    if not n_children:
        return
    cols = st.columns(min(n_children, 3))
    for c in range(n_children):
        with cols[c % len(cols)]:
            widget(paths.child(c, "age_years"), built, label=_("Child {n}: age").format(n=c + 1))
    family_help(built, detailed)
    if detailed:
        widget("household.patient_is_caregiver", built)
        for c in range(n_children):
            widget(
                paths.child(c, "school_hours_per_week"),
                built,
                label=_("Child {n}: hours a week at school").format(n=c + 1),
            )
            widget(
                paths.child(c, "paid_care_hours_per_week"),
                built,
                label=_("Child {n}: hours a week in paid care already arranged").format(n=c + 1),
            )


MEDICARE_FIELDS = (
    "insurance.medicare_part_a_deductible_met",
    "insurance.medicare_benefit_period_days_used",
    "insurance.medicare_lifetime_reserve_days_left",
    "insurance.medicare_psychiatric_days_used",
    "insurance.medicare_part_b_deductible_met_usd",
)


#: Plan types whose cost sharing is a deductible, coinsurance, copays and a maximum.
_PLAN_TERM_TYPES = ("employer", "marketplace", "medicaid")
#: Plan types with a network, where an out-of-network program and a single-case agreement mean something.
_NETWORK_TYPES = ("employer", "marketplace", "medicaid", "medicare_advantage")
ADVANTAGE_FIELDS = (
    "network",
    "inpatient_copay_usd_per_day",
    "inpatient_copay_days",
    "outpatient_copay_usd_per_day",
    "outpatient_coinsurance_fraction",
    "moop_usd",
    "moop_met_usd",
    "combined_moop_usd",
)
MEDIGAP_FIELDS = ("plan", "eligible_before_2020", "plan_n_copay_usd_per_visit", "oop_limit_usd", "oop_met_usd")


def _insurance(built: S.Built, detailed: bool) -> None:
    _heading(N_("Insurance"))
    widget("insurance.plan_type", built)
    plan = st.session_state["insurance.plan_type"]
    if plan in _PLAN_TERM_TYPES:
        widget("insurance.deductible_met_usd", built)
    show_problems(built, "insurance")
    if detailed:
        _insurance_terms(built, plan)


def _insurance_terms(built: S.Built, plan: str) -> None:
    """Detailed mode: each payer's own terms."""
    if plan in _PLAN_TERM_TYPES:
        with st.expander(_("Plan terms")):
            _plan_terms(built)
    if plan == "medicare_advantage":
        with st.expander(_("Medicare Advantage terms"), expanded=True):
            _group(built, "insurance.medicare_advantage", ADVANTAGE_FIELDS)
    if plan == "medigap":
        with st.expander(_("Medigap policy"), expanded=True):
            _group(built, "insurance.medigap", MEDIGAP_FIELDS)
    if plan == "medicare_medicaid":
        with st.expander(_("Medicaid's help"), expanded=True):
            widget("insurance.dual_status", built)
            if st.session_state["insurance.dual_status"] == "full":
                widget("insurance.copay_per_day_usd", built, label=_("Medicaid copay per program day ($)"))
                widget("insurance.copay_per_admission_usd", built, label=_("Medicaid copay per stay ($)"))
    if plan in ("employer", "marketplace") or (
        plan == "medicare_advantage" and st.session_state["insurance.medicare_advantage.network"] == "ppo"
    ):
        with st.expander(_("Out-of-network terms")):
            _out_of_network(built)
    if plan in ("medicare", "medigap", "medicare_medicaid"):
        with st.expander(_("Medicare")):
            for key in MEDICARE_FIELDS:
                widget(key, built)


def _group(built: S.Built, prefix: str, names: tuple[str, ...]) -> None:
    """The fields of one insurance table, and the problems the model found with the table."""
    for name in names:
        widget(f"{prefix}.{name}", built)
    show_problems(built, prefix)


def _leave(built: S.Built) -> None:
    widget("household.work_days_per_week", built)
    widget("household.lose_whole_shift", built)
    widget("household.fmla_eligible", built)
    widget("household.use_state_program", built)
    widget("household.benefit_order", built)
    widget("household.voluntary_leave_insurance", built)
    st.checkbox(_("Has employer short-term disability insurance"), key=F.HAS_STD)
    if st.session_state[F.HAS_STD]:
        for name in (
            "replacement_fraction",
            "waiting_days",
            "weekly_cap_usd",
            "max_weeks",
            "paid_with_after_tax_premiums",
        ):
            widget(F.STD_PREFIX + name, built)
    show_problems(built, "household.short_term_disability")
    widget("household.partner_pay_usd_per_hour", built)
    widget("household.partner_drives_to_sessions", built)
    widget("household.partner_family_leave", built)


def _plan_terms(built: S.Built) -> None:
    for name in (
        "deductible_usd",
        "coinsurance_fraction",
        "copay_per_day_usd",
        "copay_per_admission_usd",
        "copay_before_deductible",
        "oop_max_usd",
        "oop_met_usd",
        "plan_year_renews_month",
        "plan_year_renews_day",
    ):
        widget(paths.insurance(name), built)


def _out_of_network(built: S.Built) -> None:
    for name in (
        "covered",
        "allowed_fraction_of_billed",
        "deductible_usd",
        "deductible_met_usd",
        "coinsurance_fraction",
        "oop_max_usd",
        "no_oop_max",
        "oop_met_usd",
        "balance_billing",
    ):
        widget(paths.join("insurance", "out_of_network", name), built)
    show_problems(built, "insurance.out_of_network")


def preset_select(o: int, label: str, help: str | None = None) -> None:
    """The common program shapes for option ``o``; picking one fills its stages."""
    st.selectbox(
        label,
        S.PRESET_CHOICES,
        key=F.preset_key(o),
        format_func=lambda v: _(S.PRESET_LABELS[v]),
        on_change=S.on_preset_change,
        args=(o,),
        help=help,
    )


def _option(o: int, built: S.Built, detailed: bool) -> None:
    letter = "ABCD"[o]
    with st.container(border=True):
        preset_select(
            o,
            _("Option {letter}").format(letter=letter),
            help=_("Pick a common program shape; switch to Detailed to change any part of it."),
        )
        if detailed:
            widget(
                paths.option(o, "name"),
                built,
                label=_("Option {letter}: name").format(letter=letter),
                help=_("Leave empty to name it after its stages."),
                on_change=S.on_name_typed,
                args=(o,),
            )
            st.number_input(
                _("Option {letter}: stages").format(letter=letter),
                min_value=1,
                max_value=F.MAX_STAGES,
                step=1,
                key=F.n_stages_key(o),
                on_change=S.mark_custom,
                args=(o,),
            )
        elif st.session_state[F.preset_key(o)] == S.CUSTOM:
            st.caption(_("Your own program: switch to Detailed to change its stages."))
        show_problems(built, paths.option(o))
        show_problems(built, paths.option(o, "stages"))
        for s in range(st.session_state[F.n_stages_key(o)]):
            if detailed:
                _stage(o, s, built)
            else:
                S.ensure(paths.stage(o, s, "level"))
                level = st.session_state[paths.stage(o, s, "level")]
                widget(
                    paths.stage(o, s, "distance_miles"),
                    built,
                    label=_("Miles to the {level} program, one way").format(level=_short(level)),
                )
        if detailed:
            _other_costs(o, built)


def _short(level: str) -> str:
    from .words import SHORT_LEVEL

    return _(SHORT_LEVEL[level])


def _stage(o: int, s: int, built: S.Built) -> None:
    level_key = paths.stage(o, s, "level")
    S.ensure(level_key)
    letter = "ABCD"[o]
    title = _("Option {letter}, stage {n}: {level}").format(
        letter=letter, n=s + 1, level=_(LEVEL_LABELS[st.session_state[level_key]])
    )
    with st.expander(title, expanded=False):
        residential = st.session_state[level_key] in RESIDENTIAL_LEVELS
        names = ["level", "length_days"]
        names += (
            ["includes_lodging", "includes_meals"]
            if residential
            else ["days_per_week", "hours_per_day", "session_time", "patient_lodging"]
        )
        names += [
            "price_usd",
            "price_basis",
            "admission_fee_usd",
            "in_network",
            "authorized_days",
            "cash_price_usd_per_day",
        ]
        names += _payer_stage_fields(residential)
        names += ["distance_miles", "travel_mode", "one_way_travel_minutes"]
        names += (
            ["visits_per_week", "no_visit_days", "family_program_days", "freestanding_psychiatric_hospital"]
            if residential
            else []
        )
        names += ["drug_testing_usd_per_week", "medication_usd_per_week"]
        for name in names:
            shape = name in _SHAPE_FIELDS
            key = paths.stage(o, s, name)
            widget(
                key,
                built,
                label=_("{where}: {label}").format(where=f"{letter}{s + 1}", label=_(F.spec_for(key).label)),
                on_change=S.mark_custom if shape else None,
                args=(o,) if shape else (),
            )
        show_problems(built, paths.stage(o, s))


def _payer_stage_fields(residential: bool) -> list[str]:
    """A stage's fields that depend on the family's payer."""
    plan = st.session_state["insurance.plan_type"]
    names = ["single_case_agreement"] if plan in _NETWORK_TYPES else []
    if plan == "medicaid" and residential:
        names.append("medicaid_beds")
    return names + ["sliding_scale_discount_fraction", "state_funded"]


def _other_costs(o: int, built: S.Built) -> None:
    st.number_input(
        _("Option {letter}: other costs to add (count)").format(letter="ABCD"[o]),
        min_value=0,
        max_value=F.MAX_OTHER_COSTS,
        step=1,
        key=F.n_other_key(o),
    )
    for k in range(st.session_state[F.n_other_key(o)]):
        S.ensure(paths.other_cost(o, k, "label"))
        if st.session_state[paths.other_cost(o, k, "label")] is None:
            st.session_state[paths.other_cost(o, k, "label")] = ""
        where = f"{'ABCD'[o]}, " + _("other cost {n}").format(n=k + 1)
        widget(paths.other_cost(o, k, "label"), built, label=_("{where}: what").format(where=where))
        widget(paths.other_cost(o, k, "amount_usd"), built, label=_("{where}: amount ($)").format(where=where))


def _overrides(built: S.Built) -> None:
    from .model import assumptions

    lib = assumptions()
    w = here()
    st.caption(
        _("Change a figure from the library for this scenario only. The library's own figure is shown beside it.")
    )
    st.multiselect(
        _("Figures to change"),
        sorted(lib.figures, key=lambda k: lib[k].label),
        key=F.OVERRIDES,
        format_func=lambda k: f"{w.figure_label(lib[k].label)} ({w.unit(lib[k].unit)})",
        placeholder=_("Choose figures"),
    )
    for key in st.session_state[F.OVERRIDES]:
        fig = lib[key]
        wkey = F.OVERRIDE_PREFIX + key
        S.ensure(wkey, float(fig.typical))
        st.number_input(
            f"{w.figure_label(fig.label)} ({w.unit(fig.unit)})",
            step=1.0,
            format="%g",
            key=wkey,
            help=_("{description} Range {low} to {high}. Source: {source}.").format(
                description=fig.description, low=w.number(fig.low), high=w.number(fig.high), source=fig.source.title
            ),
        )
        value = st.session_state[wkey]
        st.caption(
            _("Library default: {value} {unit}").format(value=w.number(fig.typical, 4), unit=w.unit(fig.unit))
            + (" · **" + _("changed") + "**" if value is not None and value != fig.typical else "")
        )
        show_problems(built, wkey)
