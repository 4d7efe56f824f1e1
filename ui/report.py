"""The printable summary to hand over: structured data in, PDF bytes out (fpdf2, no Streamlit).

It holds what a counselor or an admissions coordinator needs on paper: the answer and the
totals, what each option asks of the family, the plan's terms (deductible, coinsurance,
out-of-pocket maximum and the amounts already met, authorized days), the leave and disability
assumptions, every library figure the comparison used with its value, the dates it is in force
and its source, and the library's version stamp. Each term says whether the family entered it
or the library's typical figure was used.

The text is set in DejaVu Sans, a Unicode font (Latin, Greek, Cyrillic, Vietnamese, Hebrew,
Arabic and more), so names in any of those scripts print as written. The font files come with
the pinned ``matplotlib`` package (``mpl-data/fonts/ttf``), read from disk without importing
matplotlib; characters outside the font (for example Chinese) are drawn from a system CJK font
when one is installed.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from calculator import Comparison, Question, paths
from calculator.assumptions import HelpLine
from calculator.compare import BESIDE
from calculator.engine import COMPONENTS
from calculator.resolve import default_filing_status

from .charts import COMPONENT_COLOURS
from .words import EN, Words, words

# The app's palette, as RGB for the PDF's bars.
_RGB = {c: tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5)) for c, hex_ in COMPONENT_COLOURS.items()}
FONT = "DejaVu"
#: Fallback fonts for scripts DejaVu lacks (Chinese, Japanese, Korean), used when installed.
CJK_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """``matplotlib/mpl-data/fonts/ttf`` of the installed matplotlib (not imported)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the PDF font comes with matplotlib; install the requirements (make run)")
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def latin1(text: str) -> str:
    """Kept for callers from before the Unicode font: text is now printed as it is."""
    return text


@dataclass(frozen=True)
class OptionSummary:
    name: str
    components: dict[str, float]
    out_of_pocket: float
    family_total: float
    insurer_paid: float
    facts: list[tuple[str, str]]
    #: The totals beside the cash total, by code (leave used, after tax).
    beside: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportData:
    """Everything printed, already in words and numbers (in the language ``lang``)."""

    made_on: dt.date
    assumptions_version: str
    headline: str
    situation: list[tuple[str, str]]
    options: list[OptionSummary]
    warnings: list[str]
    safety_ticked: list[str]
    help_lines: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)  # (who to ask, question)
    plan_terms: list[tuple[str, str]] = field(default_factory=list)
    leave: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)  # figure, value, in force, source
    lang: str = "en"
    after_tax_note: str = ""


# ---- what the family entered, or the library's typical figure ---------------------------------


def _effective(comparison: Comparison, path: str, w: Words) -> tuple[float | None, str]:
    """The value a field took: what the family entered, else the library figure that filled it."""
    node = comparison.scenario
    for part in paths.split(path):
        node = node[part] if isinstance(part, int) else getattr(node, part, None)
        if node is None:
            break
    if node is not None:
        return node, w.gettext("entered")
    used = comparison.assumptions_used
    for _i, row in used.iterrows():
        if path in str(row["Used for"]).split(", "):
            return float(row["Typical"]), w.gettext("typical figure")
    return None, ""


def _term(comparison: Comparison, w: Words, path: str, kind: str = "money") -> str:
    value, how = _effective(comparison, path, w)
    if value is None:
        return w.gettext("none")
    shown = {"money": lambda v: w.money(v), "percent": w.percent, "days": lambda v: w.count(v)}[kind](value)
    return f"{shown} ({how})"


def plan_terms(comparison: Comparison, w: Words) -> list[tuple[str, str]]:
    """The plan's terms as printed: the payer's terms the model used (``comparison.plan_terms``,
    each typical figure marked), then each stage's network and authorized days."""
    _ = w.gettext
    rows = w.plan_terms(comparison)
    plan = comparison.scenario.insurance.plan_type
    if plan == "uninsured":
        return rows
    for i, option in enumerate(comparison.scenario.options):
        for s, stage in enumerate(option.stages):
            where = _("{letter}{n}. {level}").format(letter="ABCD"[i], n=s + 1, level=w.level(stage.level))
            network = w.network_text(plan, stage.in_network, stage.single_case_agreement)
            days = (
                _("all days authorized")
                if stage.authorized_days is None
                else _("{n} days authorized").format(n=stage.authorized_days)
            )
            rows.append((where, f"{network}; {days}"))
    return rows


def _yes(w: Words, flag: bool) -> str:
    return w.gettext("yes") if flag else w.gettext("no")


def _state_benefit(h, w: Words) -> str:
    """Whether the state's benefit is claimed, and before or after paid time off."""
    _ = w.gettext
    if not h.use_state_program:
        return _("not claimed")
    if not h.state:
        return _("no state given")
    order = {
        "best": _("in whichever order leaves the family better off"),
        "pto_first": _("after paid time off"),
        "state_first": _("before paid time off"),
    }[h.benefit_order]
    return _("claimed, if {state} has one, {order}").format(state=h.state, order=order)


def leave_terms(comparison: Comparison, w: Words) -> list[tuple[str, str]]:
    """Work, pay, paid time off, FMLA, the state program and short-term disability, as used."""
    _ = w.gettext
    h = comparison.scenario.household
    if h.work_schedule == "not_working":
        return [(_("Work"), _("not working now"))]
    if h.pay_basis == "salary":
        pay = _("salary {amount} a year").format(amount=w.money(h.salary_usd_per_year or 0))
    else:
        pay = _("{amount} an hour").format(amount=_term(comparison, w, "household.pay_usd_per_hour"))
    schedule = {"day": _("daytime"), "evening": _("evenings"), "night": _("nights")}[h.work_schedule]
    rows = [
        (_("Work"), _("{pay}; works {schedule}").format(pay=pay, schedule=schedule)),
        (_("Work hours a week"), _term(comparison, w, "household.work_hours_per_week", "days")),
        (_("Paid time off available (hours)"), _term(comparison, w, "household.paid_time_off_hours", "days")),
        (_("Job protected by FMLA"), _yes(w, h.fmla_eligible)),
        (_("State disability or paid-leave benefit"), _state_benefit(h, w)),
    ]
    std = h.short_term_disability
    if std is None:
        rows.append((_("Employer short-term disability"), _("none")))
    else:
        base = "household.short_term_disability."
        rows.append(
            (
                _("Employer short-term disability"),
                _("{share} of pay after {wait} days, up to {cap} a week, for up to {weeks} weeks").format(
                    share=_term(comparison, w, base + "replacement_fraction", "percent"),
                    wait=_term(comparison, w, base + "waiting_days", "days"),
                    cap=_term(comparison, w, base + "weekly_cap_usd"),
                    weeks=_term(comparison, w, base + "max_weeks", "days"),
                ),
            )
        )
    for o in comparison.options:
        for line in o.lines:
            if line.item == "disability" and line.amount_usd > 0:
                rows.append((_("Disability benefit in {option}").format(option=o.name), w.basis(line)))
    return rows


def figures_used(comparison: Comparison, w: Words) -> list[tuple[str, str, str, str]]:
    """Every library figure the comparison used: (figure, value, in force, source and link)."""
    out = []
    for _i, r in comparison.assumptions_used.iterrows():
        unit = str(r["Unit"])
        if unit.startswith("USD"):
            per = unit.partition("/")[2]
            value = w.money(float(r["Typical"]), 2) + (f"/{w.unit_word(per)}" if per else "")
        elif unit == "fraction":
            value = w.percent(float(r["Typical"]))
        elif unit == "count":
            value = w.number(float(r["Typical"]), 3)
        else:
            value = f"{w.number(float(r['Typical']), 3)} {w.unit(unit)}"
        start = dt.date.fromisoformat(str(r["From"]))
        until = str(r.get("Until") or "")
        when = w.gettext("from {date}").format(date=w.date(start))
        if until:
            when += "; " + w.gettext("next update due {date}").format(date=w.date(dt.date.fromisoformat(until)))
        source = f"{r['Source']} ({w.reliability(str(r['Reliability']))}). {r['Link']}"
        out.append((w.figure_label(str(r["Figure"])), value, when, source))
    return out


def _situation(comparison: Comparison, w: Words) -> list[tuple[str, str]]:
    _ = w.gettext
    sc = comparison.scenario
    h = sc.household
    rows = [
        (_("Start date"), w.date(sc.start_date, "long")),
        (_("State"), h.state or _("not given")),
        (_("Children"), ", ".join(_("age {n}").format(n=c.age_years) for c in h.children) or _("none listed")),
    ]
    if h.children:
        rows.append((_("Help with children"), w.family_help_text(h)))
    rows.append((_("Taxes (after-tax view)"), _tax_text(sc, w)))
    return rows


def _tax_text(sc, w: Words) -> str:
    _ = w.gettext
    t = sc.taxes
    status = w.filing_status(t.filing_status or default_filing_status(sc))
    if t.filing_status is None:
        status = _("{status} (assumed)").format(status=status)
    other = (
        _("other income: the partner's pay if filing jointly")
        if t.other_income_usd_per_year is None
        else _("other income {amount} a year").format(amount=w.money(t.other_income_usd_per_year))
    )
    text = f"{status}, {other}"
    if t.hsa_fsa_usd:
        text += ", " + _("HSA/FSA {amount}").format(amount=w.money(t.hsa_fsa_usd))
    return text


def _facts(comparison: Comparison, o, w: Words) -> list[tuple[str, str]]:
    _ = w.gettext
    L = o.logistics
    children = len(comparison.scenario.household.children)
    per_week = L["childcare_hours"] / max(L["weeks"], 1e-9)
    childcare = (
        _("{hours} h a week").format(hours=w.count(round(per_week)))
        if children <= 1
        else _("{hours} h a week per child").format(hours=w.count(round(per_week / children)))
    )
    return [
        (_("Length"), _("{n} days").format(n=w.count(L["days"]))),
        (_("Nights away from home"), w.count(L["nights_away"])),
        (_("Hours in treatment"), w.count(round(L["treatment_hours"]))),
        (
            _("Work hours kept"),
            _("{kept} of {scheduled}").format(
                kept=w.count(round(L["work_hours_kept"])), scheduled=w.count(round(L["work_hours_scheduled"]))
            ),
        ),
        (_("Childcare to arrange"), childcare),
        (_("Family visits"), w.count(L["visits"])),
        (
            _("Paid time off used"),
            _("{hours} h, worth {value}").format(
                hours=w.count(round(L["paid_time_off_hours_used"])), value=w.money(o.totals["leave_used"])
            ),
        ),
    ]


def report_data(
    comparison: Comparison,
    help_lines: tuple[HelpLine, ...],
    safety_ticked: list[str],
    made_on: dt.date,
    questions: list[Question] | None = None,
    w: Words = EN,
) -> ReportData:
    """Pick out what the summary prints from a comparison, in ``w``'s language."""
    options = [
        OptionSummary(
            o.name,
            {c: o.totals[c] for c in COMPONENTS},
            o.totals["out_of_pocket"],
            o.totals["family_total"],
            o.totals["insurer_paid"],
            _facts(comparison, o, w),
            {code: o.totals[code] for code in BESIDE},
        )
        for o in comparison.options
    ]
    lines = []
    for hl in sorted(help_lines, key=lambda x: x.order):
        here = hl.in_language(w.lang)
        contact = here.contact + (f"; {here.text}" if here.text else "")
        lines.append((here.label, contact + (f". {here.spanish}" if here.spanish else "")))
    return ReportData(
        made_on=made_on,
        assumptions_version=comparison.assumptions_version,
        headline=w.headline(comparison),
        situation=_situation(comparison, w),
        options=options,
        warnings=w.reasons(comparison.reasons),
        safety_ticked=[w.gettext(t) for t in safety_ticked],
        help_lines=lines,
        questions=[(w.who(q.who), w.question(q)[0]) for q in questions or []],
        plan_terms=plan_terms(comparison, w),
        leave=leave_terms(comparison, w),
        figures=figures_used(comparison, w),
        lang=w.lang,
        after_tax_note=w.after_tax_note(),
    )


# ---- drawing ----------------------------------------------------------------------------------


class _PDF(FPDF):
    stamp = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7)
        self.set_text_color(70, 70, 70)
        self.cell(0, 5, f"{self.stamp}  -  {self.page_no()}/{{nb}}", align="C")


def _fonts(pdf: FPDF) -> None:
    d = font_dir()
    pdf.add_font(FONT, "", d / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", d / "DejaVuSans-Bold.ttf")
    pdf.add_font(FONT, "I", d / "DejaVuSans-Oblique.ttf")
    cjk = next((p for p in CJK_FONTS if p.exists()), None)
    if cjk is not None:
        pdf.add_font("CJK", "", cjk)
        pdf.set_fallback_fonts(["CJK"], exact_match=False)


def _fit(pdf: FPDF, text: str, width_mm: float) -> str:
    """``text`` shortened with "..." to fit ``width_mm`` in the current font."""
    if pdf.get_string_width(text) <= width_mm:
        return text
    while text and pdf.get_string_width(text + "...") > width_mm:
        text = text[:-1]
    return text.rstrip() + "..."


def build_pdf(data: ReportData) -> bytes:
    """A letter-size summary: the answer on page 1, then terms, questions and sources."""
    w = words(data.lang)
    pdf = _PDF(format="letter")
    _fonts(pdf)
    pdf.stamp = w.gettext("Made {date} - assumptions version {version} - nothing was stored").format(
        date=data.made_on.isoformat(), version=data.assumptions_version
    )
    pdf.set_title(w.gettext("Residential or IOP: cost summary"))
    pdf.set_lang(data.lang)
    pdf.set_creator("treatment cost calculator")
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(16, 14, 16)
    pdf.add_page()
    for section in (
        _title,
        _help_and_safety,
        _totals,
        _bars,
        _facts_table,
        _situation_block,
        _terms,
        _warnings_and_questions,
        _figures,
        _closing,
    ):
        section(pdf, data, w)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2.5)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=8.5)


def _title(pdf: FPDF, data: ReportData, w: Words) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(
        0, 7.5, w.gettext("Residential or IOP: what each option costs the family"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(
        0,
        4,
        w.gettext("Made on {date}. Assumptions version {version}.").format(
            date=w.date(data.made_on, "long"), version=data.assumptions_version
        )
        + " "
        + w.not_advice(),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)


def _help_and_safety(pdf: FPDF, data: ReportData, w: Words) -> None:
    # Crisis lines, always.
    pdf.ln(1.5)
    pdf.set_fill_color(255, 240, 230)
    pdf.set_font(FONT, "B", 8.5)
    text = w.gettext("Help now:") + " " + "   |   ".join(f"{label}: {contact}" for label, contact in data.help_lines)
    pdf.multi_cell(0, 4.5, text, fill=True, new_x="LMARGIN", new_y="NEXT")
    if data.safety_ticked:
        pdf.ln(1.5)
        pdf.set_fill_color(253, 226, 226)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(
            0,
            4.8,
            w.gettext(
                "An IOP may not be safe or appropriate. Ticked on the safety checklist: {ticked}. A clinician should "
                "decide the level of care; cost must not drive this choice."
            ).format(ticked="; ".join(t.lower() for t in data.safety_ticked)),
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(0, 5.5, data.headline, new_x="LMARGIN", new_y="NEXT")


def _widths(pdf: FPDF, data: ReportData) -> tuple[float, ...]:
    n = len(data.options)
    first = min(62, pdf.epw - 30 * n)
    return (first, *([(pdf.epw - first) / n] * n))


HEAD = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))


def _totals(pdf: FPDF, data: ReportData, w: Words) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, size=8.5)
    n = len(data.options)
    pdf.set_fill_color(255, 255, 255)  # tables take the current fill colour for their cells
    with pdf.table(
        col_widths=_widths(pdf, data), text_align=("LEFT", *(["RIGHT"] * n)), headings_style=HEAD, line_height=4.8
    ) as table:
        table.row(["", *[o.name for o in data.options]])
        for c in COMPONENTS:
            table.row([w.component(c), *[w.money(o.components[c]) for o in data.options]])
        emph = FontFace(emphasis="BOLD")
        for label, attr in (
            (w.component("out_of_pocket"), "out_of_pocket"),
            (w.component("family_total"), "family_total"),
        ):
            row = table.row(style=emph)
            row.cell(label)
            for o in data.options:
                row.cell(w.money(getattr(o, attr)))
        row = table.row()
        row.cell(w.gettext("Paid by insurance (not counted above)"))
        for o in data.options:
            row.cell(w.money(o.insurer_paid))
        for code in BESIDE:
            row = table.row(style=emph if code == "family_total_after_tax" else None)
            row.cell(w.component(code))
            for o in data.options:
                row.cell(w.money(o.beside.get(code, 0.0)))
    if data.after_tax_note:
        pdf.set_font(FONT, "I", 7.5)
        pdf.multi_cell(0, 3.6, data.after_tax_note, new_x="LMARGIN", new_y="NEXT")


def _bars(pdf: FPDF, data: ReportData, w: Words) -> None:
    # Stacked bars drawn as rectangles (same colours as the app).
    pdf.ln(3)
    # The scale is the longest bar: a credit (food not bought at home) is not drawn, so the bars
    # of the costs can be a little longer than the total.
    top = max(sum(max(v, 0.0) for v in o.components.values()) for o in data.options) or 1.0
    label_w = 52
    bar_w = pdf.epw - label_w - 22
    for o in data.options:
        y = pdf.get_y()
        pdf.set_font(FONT, size=8)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, 6, _fit(pdf, o.name, label_w - 2))
        x = pdf.l_margin + label_w
        for c in COMPONENTS:
            seg = bar_w * o.components[c] / top
            if seg > 0.05:
                pdf.set_fill_color(*_RGB[c])
                pdf.rect(x, y + 0.8, seg, 4.4, style="F")
                x += seg
        pdf.set_xy(x + 1.5, y)
        pdf.set_font(FONT, "B", 8)
        pdf.cell(20, 6, w.money(o.family_total))
        pdf.ln(6.5)
    pdf.set_font(FONT, size=7.5)
    pdf.set_x(pdf.l_margin + label_w)
    for c in COMPONENTS:
        name = w.component(c)
        if pdf.get_x() + pdf.get_string_width(name) + 8 > pdf.l_margin + pdf.epw:
            pdf.ln(5.5)
            pdf.set_x(pdf.l_margin + label_w)
        pdf.set_fill_color(*_RGB[c])
        pdf.rect(pdf.get_x(), pdf.get_y() + 1.2, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        pdf.cell(pdf.get_string_width(name) + 4, 5.5, name)
    pdf.ln(7)
    if any(v < 0 for o in data.options for v in o.components.values()):
        # A bar cannot draw a saving, so say where it went rather than let the bars look wrong.
        pdf.set_font(FONT, "I", 7.5)
        note = w.gettext(
            "A part that is a saving (such as food not bought at home while away) is not drawn; the total beside "
            "each bar takes it off."
        )
        pdf.multi_cell(0, 3.6, note, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _facts_table(pdf: FPDF, data: ReportData, w: Words) -> None:
    n = len(data.options)
    _heading(pdf, w.gettext("What each option asks of the family"))
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=_widths(pdf, data), text_align=("LEFT", *(["RIGHT"] * n)), headings_style=HEAD, line_height=4.4
    ) as table:
        table.row(["", *[o.name for o in data.options]])
        for i, (label, _value) in enumerate(data.options[0].facts):
            table.row([label, *[o.facts[i][1] for o in data.options]])


def _pairs(pdf: FPDF, rows: list[tuple[str, str]]) -> None:
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(62, pdf.epw - 62), first_row_as_headings=False, line_height=4.3, text_align="LEFT"
    ) as table:
        for label, value in rows:
            table.row([label, value])


def _situation_block(pdf: FPDF, data: ReportData, w: Words) -> None:
    _heading(pdf, w.gettext("The family's situation"))
    _pairs(pdf, data.situation)


def _terms(pdf: FPDF, data: ReportData, w: Words) -> None:
    if data.plan_terms:
        _heading(pdf, w.gettext("The plan's terms"))
        _pairs(pdf, data.plan_terms)
    if data.leave:
        _heading(pdf, w.gettext("Work, leave and disability"))
        _pairs(pdf, data.leave)


def _warnings_and_questions(pdf: FPDF, data: ReportData, w: Words) -> None:
    if data.warnings:
        _heading(pdf, w.gettext("Worth knowing"))
        for warning in data.warnings:
            pdf.multi_cell(0, 4.3, "- " + warning, new_x="LMARGIN", new_y="NEXT")
    if data.questions:
        _heading(pdf, w.gettext("Questions to ask before deciding"))
        for who, question in data.questions:
            pdf.multi_cell(0, 4.3, f"- {who}: {question}", new_x="LMARGIN", new_y="NEXT")


def _figures(pdf: FPDF, data: ReportData, w: Words) -> None:
    if not data.figures:
        return
    _heading(pdf, w.gettext("Every library figure this comparison used"))
    pdf.set_font(FONT, size=6.5)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(40, 27, 30, pdf.epw - 97),
        headings_style=HEAD,
        line_height=3.2,
        text_align="LEFT",
        padding=0.6,
    ) as table:
        table.row([w.gettext("Figure"), w.gettext("Value used"), w.gettext("In force"), w.gettext("Source")])
        for row in data.figures:
            table.row(list(row))


def _closing(pdf: FPDF, data: ReportData, w: Words) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "I", 8)
    pdf.multi_cell(
        0,
        4,
        w.gettext(
            "Figures the family did not enter come from a sourced assumptions library (typical US figures); ask the "
            "program and the insurer for their own numbers. Cost is one part of this decision, not the deciding part."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
