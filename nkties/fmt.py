"""Labels and number formats: how a code or a figure is written for a reader, in one place, per language.

Every function takes the reader's language (`lang`, default English for callers that have none, such
as the claim checker); numbers and dates follow that language's habits through Babel: '$2.64bn',
'26억 4천만 달러', '2,64 млрд долл.'.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd
from babel.dates import format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, get_decimal_symbol, get_group_symbol

from nkties import i18n

NO_DATA = "no data"  # English; fmt.no_data(lang) in other languages

FLOW_LABELS = {
    "total": "Total trade",
    "to_dprk": "Exports to North Korea",
    "from_dprk": "Imports from North Korea",
}


def no_data(lang: str = "en") -> str:
    return i18n.t("fmt.no_data", lang)


def is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) or (not isinstance(v, str) and pd.isna(v))


def _round_sig(v: float, digits: int = 4) -> float:
    return float(f"{v:.{digits}g}")


def number(v, lang: str = "en", digits: int = 0) -> str:
    """A plain number in the language's notation: 1,234.5 / 1 234,5."""
    if is_missing(v):
        return no_data(lang)
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(v), format=pattern, locale=i18n.BABEL.get(lang, "en"))


def _ko_man(n: int) -> str:
    """A count of 만 (10,000s) or of units below 억, as Korean news writes it: 4천, 1,270, 3,400."""
    return f"{n // 1000}천" if n >= 1000 and n % 1000 == 0 else f"{n:,}"


def usd_ko(v: float, unit: bool = True) -> str:
    """26억 4천만 달러, 1억 1,270만 달러, 3,400만 달러, 4만 2천 달러: 억 (10^8) and 만 (10^4), four figures
    (unit=False: without 달러)."""
    sign = "-" if v < 0 else ""
    n = int(round(_round_sig(abs(v))))
    jo, rest = divmod(n, 10**12)
    eok, rest = divmod(rest, 10**8)
    man, one = divmod(rest, 10**4)
    parts = []
    if jo:
        parts.append(f"{jo:,}조")
    if eok:
        parts.append(f"{eok:,}억")
    if man:
        parts.append(f"{_ko_man(man)}만")
    if one or not parts:
        parts.append(_ko_man(one))
    return sign + " ".join(parts) + (" 달러" if unit else "")


def usd_ru(v: float, unit: bool = True) -> str:
    """2,64 млрд долл., 112,7 млн долл., 42 тыс. долл.: Russian abbreviations and a decimal comma
    (unit=False: without долл.)."""
    for size, suffix in ((1e9, "млрд"), (1e6, "млн"), (1e3, "тыс.")):
        if abs(v) >= size:
            x = _round_sig(v / size) if abs(v / size) < 1000 else round(v / size)
            return f"{format_decimal(x, format='#,##0.###', locale='ru')}\u00a0{suffix}" + (" долл." if unit else "")
    return format_decimal(round(v), format='#,##0', locale='ru') + ("\u00a0долл." if unit else "")


def usd(v, lang: str = "en") -> str:
    """$6.39bn, $112.7m, $42k: the way reporters write trade figures (Korean 억/만, Russian млрд/млн)."""
    if is_missing(v):
        return no_data(lang)
    v = float(v)
    if lang == "ko":
        return usd_ko(v)
    if lang == "ru":
        return usd_ru(v)
    for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(v) >= size:
            return f"${v / size:,.4g}{suffix}" if v / size < 1000 else f"${v / size:,.0f}{suffix}"
    return f"${v:,.0f}"


def usd_tick(v: float, lang: str = "en") -> str:
    """A money axis's tick label: '$2.5bn', '25억', '2,5 млрд'. English keeps its $ sign; Korean and Russian
    write the currency as a word, which the axis title carries (on every tick it took the plot's width)."""
    if lang == "ko":
        return usd_ko(float(v), unit=False)
    if lang == "ru":
        return usd_ru(float(v), unit=False)
    return usd(v, lang)


def compact(v: float, lang: str = "en") -> str:
    """A count in short form, as the language abbreviates it: 4.5M, 450만, 4,5 млн (Babel's compact decimals)."""
    return format_compact_decimal(float(v), locale=i18n.BABEL.get(lang, "en"), fraction_digits=2)


def plotly_separators(lang: str = "en") -> str:
    """The language's decimal and thousands signs for Plotly's own number formats (layout.separators):
    '.,' in English and Korean, ',' and a no-break space in Russian, as fmt.number writes them."""
    loc = i18n.BABEL.get(lang, "en")
    return get_decimal_symbol(loc) + get_group_symbol(loc)


def pct(v, digits: int = 1, signed: bool = False, lang: str = "en") -> str:
    """12.3% / 12.3% / 12,3 %."""
    if is_missing(v):
        return no_data(lang)
    v = float(v)
    if lang == "ru":
        text = format_decimal(abs(v), format="#,##0." + "0" * digits if digits else "#,##0", locale="ru")
        sign = "+" if signed and v >= 0 else "-" if v < 0 else ""
        return f"{sign}{text}\u00a0%"
    return f"{v:{'+' if signed else ''},.{digits}f}%"


def times(v, lang: str = "en", digits: int | None = None) -> str:
    """A multiple: 58×, 1.6× (1,6× in Russian); digits fixes the decimals (58.1×)."""
    if is_missing(v):
        return no_data(lang)
    v = float(v)
    digits = (0 if abs(v) >= 10 else 1) if digits is None else digits
    return f"{number(v, lang, digits)}×"


def code(value) -> str:
    """A machine code from the data as English words: under_construction -> under construction
    (in other languages: i18n.Tr.code)."""
    return "" if is_missing(value) else str(value).replace("_", " ")


def code_title(value) -> str:
    text = code(value)
    return text[:1].upper() + text[1:]


def flow(value: str, lang: str = "en") -> str:
    if value in FLOW_LABELS:
        return i18n.t(f"flow.{value}", lang)
    return code(value)


def flow_in_sentence(value: str, lang: str = "en") -> str:
    """'imports from North Korea': the flow's label inside a sentence (proper names keep their capitals)."""
    if value in FLOW_LABELS:
        return i18n.t(f"flow.{value}.in_sentence", lang)
    return code(value)


def _date(period: str):
    ts = pd.to_datetime(period, format="%Y-%m", errors="coerce")
    return None if pd.isna(ts) else _dt.date(ts.year, ts.month, 1)


def month(period: str, lang: str = "en") -> str:
    """'2020-03' -> 'Mar 2020', '2020년 3월', 'мар. 2020 г.'."""
    d = _date(period)
    if d is None:
        return str(period)
    if lang in ("en", i18n.PSEUDO):
        return d.strftime("%b %Y")
    return format_skeleton("yMMM", d, locale=i18n.BABEL[lang])


def month_name(month_no: int, lang: str = "en") -> str:
    """1 -> 'Jan', '1월', 'янв.'."""
    d = _dt.date(2000, int(month_no), 1)
    if lang in ("en", i18n.PSEUDO):
        return d.strftime("%b")
    return format_skeleton("MMM", d, locale=i18n.BABEL[lang])


def period(start: str, end: str, lang: str = "en") -> str:
    """A span of months as a reader writes it: 'Mar 2020', 'Jan–Aug 2016', 'Dec 2019–Feb 2020'."""
    if start == end:
        return month(start, lang)
    s, e = _date(start), _date(end)
    if s is None or e is None:
        return f"{start}–{end}"
    if s.year == e.year and lang in ("en", i18n.PSEUDO):
        return f"{s.strftime('%b')}–{e.strftime('%b')} {s.year}"
    if s.year == e.year:
        return i18n.t("fmt.months_of_year", lang, start=month_name(s.month, lang), end=month_name(e.month, lang), year=s.year)
    return f"{month(start, lang)}–{month(end, lang)}"


# What calc writes in `how` (how a figure was arrived at), as patterns -> catalogue keys, so hover text
# and tables say it in the reader's language; the computed text itself stays English in downloads.
_HOW = (
    (r"reported for January to this month", "how.reported_to_month"),
    (r"reported for January–(?P<month>\d{2}), plus the months after it", "how.reported_plus"),
    (r"months added up \(with a figure reported for several months together\)", "how.months_added_combined"),
    (r"months added up", "how.months_added"),
    (r"share as the source states it", "how.share_stated"),
    (r"value ÷ (?P<statistic>.+) total for the flow \((?P<total>[\d,]+) US dollars\)", "how.value_over_total"),
    (r"annual total as reported", "how.annual_reported"),
    (r"(?P<n>\d+) monthly reports added up", "how.monthly_reports"),
)


def how(text, lang: str = "en") -> str:
    """calc's description of how a figure was arrived at, in the reader's language."""
    import re

    if is_missing(text):
        return ""
    text = str(text)
    less = text.endswith(", less the groups shown inside it")
    core = text.removesuffix(", less the groups shown inside it")
    for pattern, key in _HOW:
        m = re.fullmatch(pattern, core)
        if m:
            kw = m.groupdict()
            if "month" in kw:
                kw["month"] = month_name(int(kw["month"]), lang)
            if "total" in kw:
                kw["total"] = number(float(kw["total"].replace(",", "")), lang)
            out = i18n.t(key, lang, **kw)
            return i18n.t("how.less_groups", lang, how=out) if less else out
    return text
