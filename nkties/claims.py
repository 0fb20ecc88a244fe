"""Check a figure: read a claim like "China-North Korea trade was $2.3bn in 2023" and find
which recorded figures (series, definition, year) reproduce it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from nkties import amounts, fmt

EXAMPLES = [
    "China-North Korea trade was $2.3bn in 2023",
    "Russia's trade with North Korea reached $34m in 2024",
    "North Korea's exports to China were 291.9 million dollars in 2023",
    "Russia-DPRK trade 112.7 mln USD 2013",
    "North Korea's foreign trade totalled US$2.77 billion in 2023",
]
MAX_LENGTH = 300
# NOTE: the units a source may write amounts in are defined once, in amounts.WORD_UNITS.
UNITS = amounts.WORD_UNITS
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?P<cur>us\s?\$|\$|usd\s?)?\s*(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+,\d{{1,2}}(?!\d)|\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT_RE})?\.?(?![a-zа-я])\s*(?P<cur2>dollars?|usd|долл)?",
    re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,$])(19[9]\d|20\d\d|2100)(?![\d,.]*\s*(?:" + _UNIT_RE + r")\b)")


class ClaimError(ValueError):
    """The claim could not be read; the message says why and shows examples."""


@dataclass(frozen=True)
class Claim:
    value_usd: float
    tolerance_usd: float  # half a unit of the claim's last digit: what its rounding allows
    year: int | None
    partner: str | None  # Russia, China, World or None (any)
    flow: str | None  # to_dprk, from_dprk, total or None (any)
    text: str


def _fail(why: str) -> ClaimError:
    return ClaimError(f"{why} Try, for example: " + "; ".join(f'"{e}"' for e in EXAMPLES[:3]) + ".")


def parse_claim(text: str) -> Claim:
    """Read amount, year, partner and flow from a sentence; raise ClaimError if it can't."""
    if not isinstance(text, str) or not text.strip():
        raise _fail("Type a claim with an amount and, ideally, a partner and a year.")
    if len(text) > MAX_LENGTH:
        raise _fail(f"That is longer than {MAX_LENGTH} characters; give one figure.")
    low = text.lower()
    amount = None
    for m in _AMOUNT.finditer(low):
        has_money = m.group("cur") or m.group("cur2")
        if not (has_money or m.group("unit")):
            continue  # a bare number (a year, a percentage) is not an amount
        if m.group("unit") in ("m", "b", "k") and not has_money and not re.match(r"\s*(?:$|[^a-z])", low[m.end("unit"):]):
            continue
        amount = m
        break
    if amount is None:
        raise _fail("No amount found: write it with a currency or a unit, like $2.3bn, 2.3 billion dollars or 34 mln.")
    num = amount.group("num")
    # NOTE: "34,4 млн" uses a decimal comma; "40,469" a thousands separator.
    num = num.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", num) else num.replace(",", "")
    unit = UNITS.get((amount.group("unit") or "").lower(), 1.0)
    value = float(num) * unit
    decimals = len(num.split(".")[1]) if "." in num else 0
    tolerance = 0.5 * 10 ** (-decimals) * unit
    rest = low[: amount.start()] + " " + low[amount.end():]
    years = [int(y) for y in _YEAR.findall(rest)]
    year = years[0] if years else None
    return Claim(value, tolerance, year, _partner(low), _flow(low), text.strip())


def _partner(low: str) -> str | None:
    china = bool(re.search(r"\bchin|\bbeijing|中", low))
    russia = bool(re.search(r"\brussia|\bmoscow|росси|рф\b", low))
    if china and russia:
        raise _fail("The claim names both China and Russia; check one figure at a time.")
    if china:
        return "China"
    if russia:
        return "Russia"
    if re.search(r"foreign trade|total trade|overall trade|external trade|all countries|world", low):
        return "World"
    return None


def _flow(low: str) -> str | None:
    nk = r"(?:north korea|dprk|pyongyang|the north)"
    if re.search(rf"(?:exports?|shipments?|sales?|supplies)\s+(?:\w+\s+){{0,3}}to\s+{nk}", low) or re.search(rf"{nk}(?:'s)?\s+imports?", low) \
            or re.search(rf"imports?\s+(?:\w+\s+){{0,2}}(?:of|by)\s+{nk}", low):
        return "to_dprk"
    if re.search(rf"{nk}(?:'s)?\s+exports?", low) or re.search(rf"(?:imports?|purchases?)\s+(?:\w+\s+){{0,3}}from\s+{nk}", low) \
            or re.search(rf"exports?\s+(?:\w+\s+){{0,2}}(?:of|by|from)\s+{nk}", low):
        return "from_dprk"
    if re.search(r"\btrade\b|turnover|товарооборот|commerce|bilateral", low):
        return "total"
    return None


def candidates(claim: Claim, trade: pd.DataFrame) -> pd.DataFrame:
    """Every recorded figure the claim could be quoting, closest first: same partner and flow
    where the claim names them, the claimed year and the years either side (reports often
    mean 'last year'), every series and definition."""
    rows = trade
    if claim.partner:
        rows = rows[rows["partner"] == claim.partner]
    if claim.flow:
        rows = rows[rows["flow"] == claim.flow]
    if claim.year:
        rows = rows[rows["year"].between(claim.year - 1, claim.year + 1)]
    out = rows.drop(columns=["_line"], errors="ignore").copy()
    out["diff_pct"] = ((out["value_usd"] - claim.value_usd) / claim.value_usd * 100).astype("Float64")
    out["reproduces"] = (out["value_usd"] - claim.value_usd).abs() <= claim.tolerance_usd + 1e-6 * claim.value_usd
    out["year_as_claimed"] = out["year"] == claim.year if claim.year else True
    out["definition"] = [
        "with inter-Korean trade" if isinstance(n, str) and re.search(r"includ\w*\s+inter-korean", n, re.I)
        else ("without inter-Korean trade" if p == "World" else "partner's own records" if s in ("China customs", "Russian customs") else "as reported")
        for n, p, s in zip(out["note"], out["partner"], out["statistic"], strict=False)
    ]
    out["_rank"] = out["diff_pct"].abs()
    out = out.sort_values(["reproduces", "year_as_claimed", "_rank"], ascending=[False, False, True]).drop(columns="_rank")
    return out.reset_index(drop=True)


def verdict(claim: Claim, found: pd.DataFrame) -> str:
    """One sentence: which series reproduces the claim, or how far the closest figure is."""
    if found.empty:
        return "No recorded figure matches the partner, flow and years of this claim."
    best = found.iloc[0]
    label = fmt.flow(best["flow"])
    what = f"{best['statistic']}: {best['partner']}, {label[0].lower() + label[1:]}, {int(best['year'])}"
    if best["reproduces"]:
        n = int(found["reproduces"].sum())
        also = f" ({n - 1} other figure{'s match' if n > 2 else ' matches'} too)" if n > 1 else ""
        year_note = "" if best["year_as_claimed"] is True or bool(best["year_as_claimed"]) else " Note: that figure is for a different year than the claim says."
        return f"Reproduced by {what}: {fmt.usd(best['value_usd'])}{also}.{year_note}"
    return f"Not reproduced by any recorded figure. Closest: {what}, {fmt.usd(best['value_usd'])} ({best['diff_pct']:+.1f}%)."
