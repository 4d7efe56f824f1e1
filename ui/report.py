"""The printable summary: structured data in, PDF bytes out (fpdf2, no Streamlit).

Text is kept to latin-1 (the PDF core fonts), so the file needs no font download or bundled
font; symbols outside latin-1 are replaced with plain equivalents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.fonts import FontFace

from calculator import Comparison, Question
from calculator.assumptions import HelpLine
from calculator.compare import BESIDE
from calculator.engine import COMPONENTS
from calculator.money import usd
from calculator.resolve import default_filing_status
from calculator.scenario import PLAN_LABELS

from .charts import COMPONENT_COLOURS
from .words import EN, NOT_ADVICE

# The app's palette, as RGB for the PDF's bars.
_RGB = {c: tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5)) for c, hex_ in COMPONENT_COLOURS.items()}
_REPLACE = {
    "×": "x",
    "—": "-",
    "–": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "≥": ">=",
    "≤": "<=",
    "→": "->",
    "•": "-",
    "·": "-",
}


def latin1(text: str) -> str:
    """Text the PDF core fonts can draw."""
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("latin-1", errors="replace").decode("latin-1")


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
    """Everything printed, already in words and numbers."""

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
    after_tax_note: str = ""


def report_data(
    comparison: Comparison,
    help_lines: tuple[HelpLine, ...],
    safety_ticked: list[str],
    made_on: dt.date,
    questions: list[Question] | None = None,
) -> ReportData:
    """Pick out what the summary prints from a comparison."""
    sc = comparison.scenario
    h, ins = sc.household, sc.insurance
    if h.work_schedule == "not_working":
        pay = "not working"
    elif h.pay_basis == "salary":
        pay = f"salary {usd(h.salary_usd_per_year or 0)} a year"
    else:
        pay = (
            f"{usd(h.pay_usd_per_hour, decimals=2)} an hour" if h.pay_usd_per_hour is not None else "typical hourly pay"
        )
    situation = [
        ("Start date", sc.start_date.isoformat()),
        ("State", h.state or "not given"),
        ("Work", f"{pay}, {h.work_schedule.replace('_', ' ')} schedule"),
        ("Children", ", ".join(f"age {c.age_years}" for c in h.children) or "none listed"),
        ("Help with children", _help_text(h)),
        ("Insurance", f"{PLAN_LABELS[ins.plan_type]}, {usd(ins.deductible_met_usd)} of the deductible already paid"),
        ("Taxes (after-tax view)", _tax_text(sc)),
    ]
    options = []
    for o in comparison.options:
        L = o.logistics
        weeks = max(L["weeks"], 1e-9)
        facts = [
            ("Length", f"{L['days']:.0f} days"),
            ("Nights away from home", f"{L['nights_away']:.0f}"),
            ("Hours in treatment", f"{L['treatment_hours']:.0f}"),
            ("Work hours kept", f"{L['work_hours_kept']:.0f} of {L['work_hours_scheduled']:.0f}"),
            ("Childcare to arrange", f"{L['childcare_hours'] / weeks:.0f} hours a week"),
            ("Family visits", f"{L['visits']:.0f}"),
            ("Paid time off used", f"{L['paid_time_off_hours_used']:.0f} h, worth {usd(o.totals['leave_used'])}"),
        ]
        options.append(
            OptionSummary(
                o.name,
                {c: o.totals[c] for c in COMPONENTS},
                o.totals["out_of_pocket"],
                o.totals["family_total"],
                o.totals["insurer_paid"],
                facts,
                {code: o.totals[code] for code in BESIDE},
            )
        )
    lines = [
        (hl.label, hl.contact + (f"; {hl.text}" if hl.text else "")) for hl in sorted(help_lines, key=lambda x: x.order)
    ]
    return ReportData(
        made_on=made_on,
        assumptions_version=comparison.assumptions_version,
        headline=EN.headline(comparison),
        situation=situation,
        options=options,
        warnings=[EN.reason(r) for r in comparison.reasons],
        safety_ticked=list(safety_ticked),
        help_lines=lines,
        questions=[(EN.who(q.who), EN.question(q)[0]) for q in questions or []],
        after_tax_note=EN.after_tax_note(),
    )


def _help_text(h) -> str:
    """Unpaid help with the children, by part of the day."""
    f = h.family_help
    parts = [
        ("weekday daytime", f.weekday_daytime_hours_per_week),
        ("weekday evenings", f.weekday_evening_hours_per_week),
        ("nights", f.night_hours_per_week),
        ("weekends", f.weekend_hours_per_week),
        ("any time", h.family_help_hours_per_week),
    ]
    given = [f"{name} {hours:g} h" for name, hours in parts if hours]
    return (", ".join(given) + " a week") if given else "none given"


def _tax_text(sc) -> str:
    t = sc.taxes
    status = EN.filing_status(t.filing_status or default_filing_status(sc))
    if t.filing_status is None:
        status += " (assumed)"
    other = (
        "other income: the partner's pay if filing jointly"
        if t.other_income_usd_per_year is None
        else (f"other income {usd(t.other_income_usd_per_year)} a year")
    )
    hsa = f", HSA/FSA {usd(t.hsa_fsa_usd)}" if t.hsa_fsa_usd else ""
    return f"{status}, {other}{hsa}"


class _PDF(FPDF):
    stamp = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, latin1(f"{self.stamp}  -  page {self.page_no()}/{{nb}}"), align="C")


def _fit(pdf: FPDF, text: str, width_mm: float) -> str:
    """``text`` shortened with "..." to fit ``width_mm`` in the current font."""
    if pdf.get_string_width(text) <= width_mm:
        return text
    while text and pdf.get_string_width(text + "...") > width_mm:
        text = text[:-1]
    return text.rstrip() + "..."


def build_pdf(data: ReportData) -> bytes:
    """A one- or two-page letter-size summary."""
    pdf = _PDF(format="letter")
    pdf.stamp = f"Made {data.made_on.isoformat()} - assumptions version {data.assumptions_version} - nothing was stored"
    pdf.set_title("Residential or IOP: cost summary")
    pdf.set_creator("treatment cost calculator")
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(16, 14, 16)
    pdf.add_page()
    for section in (_title, _help_and_safety, _totals, _bars, _facts, _situation, _warnings_and_questions, _closing):
        section(pdf, data)
    return bytes(pdf.output())


def _title(pdf: FPDF, data: ReportData) -> None:
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 8, "Residential or IOP: what each option costs the family", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8.5)
    pdf.set_text_color(60, 60, 60)
    pdf.multi_cell(
        0,
        4,
        latin1(f"Made on {data.made_on.isoformat()}. Assumptions version {data.assumptions_version}. {NOT_ADVICE}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0, 0, 0)


def _help_and_safety(pdf: FPDF, data: ReportData) -> None:
    # Crisis lines, always.
    pdf.ln(1.5)
    pdf.set_fill_color(255, 240, 230)
    pdf.set_font("Helvetica", "B", 9)
    text = "Help now: " + "   |   ".join(f"{label}: {contact}" for label, contact in data.help_lines)
    pdf.multi_cell(0, 4.5, latin1(text), fill=True, new_x="LMARGIN", new_y="NEXT")

    if data.safety_ticked:
        pdf.ln(1.5)
        pdf.set_fill_color(253, 226, 226)
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.multi_cell(
            0,
            4.8,
            latin1(
                "An IOP may not be safe or appropriate. Ticked on the safety checklist: "
                + "; ".join(t.lower() for t in data.safety_ticked)
                + ". A clinician should decide the level of care; cost must not drive this choice."
            ),
            fill=True,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11.5)
    pdf.multi_cell(0, 5.5, latin1(data.headline), new_x="LMARGIN", new_y="NEXT")


def _widths(pdf: FPDF, data: ReportData) -> tuple[float, ...]:
    n = len(data.options)
    first = min(62, pdf.epw - 30 * n)
    return (first, *([(pdf.epw - first) / n] * n))


HEAD = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))


def _totals(pdf: FPDF, data: ReportData) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", size=9)
    n = len(data.options)
    widths, head = _widths(pdf, data), HEAD
    pdf.set_fill_color(255, 255, 255)  # tables take the current fill colour for their cells
    with pdf.table(
        col_widths=widths, text_align=("LEFT", *(["RIGHT"] * n)), headings_style=head, line_height=5
    ) as table:
        table.row(["", *[latin1(o.name) for o in data.options]])
        for c in COMPONENTS:
            table.row([EN.component(c), *[usd(o.components[c]) for o in data.options]])
        emph = FontFace(emphasis="BOLD")
        row = table.row(style=emph)
        row.cell("Out of pocket")
        for o in data.options:
            row.cell(usd(o.out_of_pocket))
        row = table.row(style=emph)
        row.cell("Total cost to the family")
        for o in data.options:
            row.cell(usd(o.family_total))
        row = table.row()
        row.cell("Paid by insurance (not counted above)")
        for o in data.options:
            row.cell(usd(o.insurer_paid))
        for code in BESIDE:
            style = emph if code == "family_total_after_tax" else None
            row = table.row(style=style)
            row.cell(latin1(EN.component(code)))
            for o in data.options:
                row.cell(usd(o.beside.get(code, 0.0)))
    if data.after_tax_note:
        pdf.set_font("Helvetica", "I", 7.5)
        pdf.multi_cell(0, 3.6, latin1(data.after_tax_note), new_x="LMARGIN", new_y="NEXT")


def _bars(pdf: FPDF, data: ReportData) -> None:
    w = pdf.epw
    # Stacked bars drawn as rectangles (same colours as the app).
    pdf.ln(3)
    top = max(o.family_total for o in data.options) or 1.0
    label_w, bar_w = 52, w - 52 - 22
    for o in data.options:
        y = pdf.get_y()
        pdf.set_font("Helvetica", size=8)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, 6, _fit(pdf, latin1(o.name), label_w - 2))
        x = pdf.l_margin + label_w
        for c in COMPONENTS:
            seg = bar_w * o.components[c] / top
            if seg > 0.05:
                pdf.set_fill_color(*_RGB[c])
                pdf.rect(x, y + 0.8, seg, 4.4, style="F")
                x += seg
        pdf.set_xy(x + 1.5, y)
        pdf.set_font("Helvetica", "B", 8)
        pdf.cell(20, 6, usd(o.family_total))
        pdf.ln(6.5)
    pdf.set_font("Helvetica", size=7.5)
    pdf.set_x(pdf.l_margin + label_w)
    for c in COMPONENTS:
        pdf.set_fill_color(*_RGB[c])
        pdf.rect(pdf.get_x(), pdf.get_y() + 1.2, 3, 3, style="F")
        pdf.set_x(pdf.get_x() + 4)
        pdf.cell(pdf.get_string_width(EN.component(c)) + 4, 5.5, EN.component(c))
    pdf.ln(8)


def _facts(pdf: FPDF, data: ReportData) -> None:
    n = len(data.options)
    widths, head = _widths(pdf, data), HEAD
    # Beyond money, side by side.
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5.5, "What each option asks of the family", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8.5)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=widths, text_align=("LEFT", *(["RIGHT"] * n)), headings_style=head, line_height=4.6
    ) as table:
        table.row(["", *[latin1(o.name) for o in data.options]])
        for i, (label, _) in enumerate(data.options[0].facts):
            table.row([label, *[latin1(o.facts[i][1]) for o in data.options]])


def _situation(pdf: FPDF, data: ReportData) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5.5, "The family's situation", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=8.5)
    for label, value in data.situation:
        pdf.multi_cell(0, 4.3, latin1(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")


def _warnings_and_questions(pdf: FPDF, data: ReportData) -> None:
    if data.warnings:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5.5, "Worth knowing", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8.5)
        for warning in data.warnings[:12]:
            pdf.multi_cell(0, 4.3, latin1("- " + warning), new_x="LMARGIN", new_y="NEXT")

    if data.questions:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 5.5, "Questions to ask before deciding", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8.5)
        for ask, question in data.questions[:14]:
            pdf.multi_cell(0, 4.3, latin1(f"- {ask}: {question}"), new_x="LMARGIN", new_y="NEXT")


def _closing(pdf: FPDF, data: ReportData) -> None:
    pdf.ln(2)
    pdf.set_font("Helvetica", "I", 8)
    pdf.multi_cell(
        0,
        4,
        latin1(
            "Figures the family did not enter come from a sourced assumptions library (typical US figures); "
            "ask the program and the insurer for their own numbers. Cost is one part of this decision, not the deciding part."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
