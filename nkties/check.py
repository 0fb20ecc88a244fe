"""Check an article: find every checkable statement in a text (amounts, multiples, shares, changes,
lengths, quantities, dates) and hold each against the data. One engine serves the one-sentence
check, the article page and the command line (`python -m nkties.check FILE|-`).

Each statement gets one verdict:
- reproduced: a recorded figure (or one computed from two recorded figures) gives it within the
  claim's rounding, for the year and definition the text says;
- close: reproduced only with another year either side, another definition or statistic, a news
  report rather than a statistic, or within the slack of a hedge ("about", "almost");
- contradicted: the data has the thing the text speaks of, and says something else;
- not_in_data: the dashboard cannot check it. It never guesses.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pandas as pd

from nkties import amounts, calc, claims, fmt, i18n

VERDICTS = ("reproduced", "close", "contradicted", "not_in_data")
KINDS = ("amount", "multiple", "share", "change", "length", "quantity", "date")
MAX_CHARS = 100_000
HEDGE_SLACK = 0.05  # a hedged figure ("about $6bn") reproduces within 5%...
CLOSE_SLACK = 0.15  # ...and is close within 15%
COLUMNS = ["n", "quote", "kind", "verdict", "dataset", "detail", "data_value", "statistic", "year", "source_id",
           "start", "end"]


class CheckError(ValueError):
    """The text could not be checked; the message says why (key and values for the reader's language)."""

    def __init__(self, key: str, **kwargs):
        self.key, self.kwargs = key, kwargs
        super().__init__(i18n.t(key, i18n.DEFAULT, **kwargs))


# Read the text.

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![,\d])|\d+,\d{1,2}(?=\s*(?:млн|млрд|тыс|миллион|миллиард|%|процент))|\d+(?:\.\d+)?"
_UNIT = "|".join(sorted((re.escape(u) for u in amounts.WORD_UNITS), key=len, reverse=True))
_CURRENCY_AFTER = {
    "USD": r"(?:US\s)?dollars?|USD|долл\w*|\$|달러|美元|ドル",
    "RUB": r"roubles?|rubles?|руб\w*|루블",
    "CNY": r"yuan|renminbi|юан\w*|元|위안",
    "EUR": r"euros?|евро|유로",
    "KRW": r"won|원",
}
_CUR_WORDS = "|".join(f"(?P<{c}>{p})" for c, p in _CURRENCY_AFTER.items())
MONEY_BEFORE = re.compile(
    rf"(?P<sym>(?:US|U\.S\.)\s?\$|\$|USD\s?|€)\s?(?P<num>{_NUM})(?:\s?(?P<unit>{_UNIT})\b)?", re.IGNORECASE)
MONEY_AFTER = re.compile(
    rf"(?<![\w$.,])(?P<num>{_NUM})\s?(?:(?P<unit>{_UNIT})\s?)?(?:{_CUR_WORDS})(?![a-zа-я])", re.IGNORECASE)
MONEY_CJK = re.compile(rf"(?P<cjk>{amounts.CJK.pattern})\s?(?:{_CUR_WORDS})")
MULTIPLE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred)"
    r"(?:\s?-\s?|\s)?(?P<word>times|fold|배|раза?)(?![a-zа-я])", re.IGNORECASE)
_WORD_NUMBERS = {w: float(i) for i, w in enumerate("zero one two three four five six seven eight nine ten".split())} | {
    "twenty": 20.0, "thirty": 30.0, "forty": 40.0, "fifty": 50.0, "hundred": 100.0}
VERB_MULTIPLE = re.compile(r"\b(?P<word>doubled|tripled|trebled|quadrupled|halved)\b", re.IGNORECASE)
_VERB_FACTORS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
SHARE = re.compile(rf"(?P<num>{_NUM})\s?(?:%|percent\b|per cent\b|퍼센트|процент\w*)", re.IGNORECASE)
WORD_SHARE = re.compile(r"\b(?P<word>half|a third|one third|two[- ]thirds|a quarter|three[- ]quarters|almost all|nearly all)\b(?= of)",
                        re.IGNORECASE)
_WORD_SHARES = {"half": (50.0, 5.0), "a third": (33.3, 3.0), "one third": (33.3, 3.0), "two-thirds": (66.7, 3.0),
                "two thirds": (66.7, 3.0), "a quarter": (25.0, 2.5), "three-quarters": (75.0, 2.5),
                "three quarters": (75.0, 2.5), "almost all": (95.0, 5.0), "nearly all": (95.0, 5.0)}
WORD_PERCENT = re.compile(r"\b(?P<num>one|two|three|four|five|six|seven|eight|nine|ten)(?P<half> and a half)?\s(?:percent|per cent)\b",
                          re.IGNORECASE)
LENGTH = re.compile(rf"(?P<num>{_NUM})\s?(?:-\s?)?(?:km|kilomet(?:er|re)s?|км|킬로미터|킬로)(?![a-zа-я])", re.IGNORECASE)
QUANTITY = re.compile(rf"(?P<num>{_NUM})\s?(?P<unit>{_UNIT})?\s?(?:tons?|tonnes?|тонн\w*|톤)(?![a-zа-я])", re.IGNORECASE)
DURATION = re.compile(r"(?:(?<=\bover )|(?<=\bwithin )|(?<=\bfor ))(?P<num>\d+)\s(?:years)\b", re.IGNORECASE)
MONTHS = {m: i for i, names in enumerate([
    (), ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",), ("June", "Jun"),
    ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"), ("October", "Oct"), ("November", "Nov"),
    ("December", "Dec")]) for m in names}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_EN = re.compile(
    rf"(?:(?P<d1>\d{{1,2}})\s)?(?P<mon>{_MON})\b\.?(?:\s(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)?,?(?:\s(?:of\s)?(?P<y>(?:19|20)\d\d)\b)?")
DATE_KO = re.compile(r"(?P<y>(?:19|20)\d\d)년\s?(?P<m>\d{1,2})월(?:\s?(?P<d>\d{1,2})일)?")
_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма[йя]", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр")
DATE_RU = re.compile(r"(?:(?P<d>\d{1,2})\s)?(?P<mon>" + "|".join(f"{m}\\w*" for m in _RU_MONTHS) + r")\s(?P<y>(?:19|20)\d\d)",
                     re.IGNORECASE)
YEAR = re.compile(r"(?<![\d.,$€])(?P<y>(?:19[5-9]\d|20\d\d))(?!\d)(?:년|\s?(?:году|года|год|г\.))?")
_BY_YEAR = re.compile(r"\b(?:by|until|till|до|к)\s(?:the end of\s)?((?:19|20)\d\d)|((?:19|20)\d\d)년까지", re.IGNORECASE)
HEDGES = re.compile(r"(?:about|around|roughly|approximately|some|nearly|almost|close to|more than|over|less than|under|"
                    r"just under|just over|up to|an estimated|estimated|около|почти|более|свыше|порядка|약|가량|여|이상|미만)\W*$",
                    re.IGNORECASE)
_HEDGE_AFTER = re.compile(r"^\s?(?:가량|여|이상|정도)")

_ABBREV = r"(?<!\bU\.S)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bvs)(?<!\b[A-Z])" + "".join(
    f"(?<!\\b{m})" for m in ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"))
SENTENCE_END = re.compile(rf"(?:{_ABBREV}[.!?]|[。！？])[\"'”’)]*\s+|\n\s*\n|\n(?=\s*[-•*\d])")

PARTNER_WORDS = {
    "China": r"\bchin\w*|\bbeijing|\bprc\b|中国|중국|북중|중-북|대중국|кита[йеюя]\w*|\bкнр\b|пекин\w*",
    "Russia": r"\brussia\w*|\bmoscow\b|\bkremlin\b|\bsoviet\b|\bussr\b|러시아|북러|대러|росси\w*|\bрф\b|москв\w*|советск\w*",
    "World": r"foreign trade|total trade|overall trade|external trade|all countries|대외무역|대외 무역|внешн\w+ торгов\w*",
}
NK = r"\bnorth korea\w*|\bdprk\b|\bpyongyang\b|\bthe north\b|북한|북측|кндр|северн\w+ коре\w*|пхеньян\w*"
TOPICS = {
    "debt": r"\bdebts?\b|written off|write-?offs?|waived?|cancel+ed|cancel+ation|forg[ai]ve\w*|\bдолг\w*|\bсписа\w*|채무|부채|탕감",
    "remainder": r"\bremain\w*|\bthe rest\b|\bостав\w*|\bостат\w*|나머지",
    "trade": r"\btrad\w*|\bexport\w*|\bimport\w*|turnover|commerce|\bтоварооборот\w*|\bторгов\w*|\bэкспорт\w*|\bимпорт\w*|교역|무역|수출|수입",
    "invest": r"\binvest\w*|\bfund\w*|financ\w*|\bcosts?\b|\bspen[dt]\w*|\bbudget\w*|\bproject\w*|\bинвест\w*|\bвложен\w*|\bстоимост\w*|투자|사업비",
}
TARGET = re.compile(r"\bby (?:19|20)\d\d|\btarget\w*|\bgoals?\b|\baim\w*|\bpledg\w*|\bplans? to\b|would (?:expand|increase|raise|grow|reach)|"
                    r"\bto (?:increase|raise|expand|boost|bring|reach)\b|довести|увеличить|목표|까지", re.IGNORECASE)
CHANGE_WORDS = re.compile(r"\b(?:fell|fall(?:en|s)?|drop(?:ped|s)?|declin\w*|decreas\w*|plung\w*|slump\w*|shrank|down|"
                          r"rose|ris(?:en|es)|increas\w*|grew|grow\w*|jump\w*|surg\w*|up|expand\w*|rais\w*|boost\w*)\b\W+(?:\w+\W+){0,3}$",
                          re.IGNORECASE)
_DOWN = re.compile(r"\b(?:fell|fall|drop|declin|decreas|plung|slump|shrank|down)", re.IGNORECASE)
MILESTONE = re.compile(
    r"\b(?:sign\w*|ratif\w*|open\w*|reopen\w*|launch\w*|began|begun|start\w*|complet\w*|suspend\w*|halt\w*|resum\w*|"
    r"ship\w*|arriv\w*|visit\w*|met|meet\w*|held|summit|agreed|agreement|announc\w*|took power|died|adopt\w*|"
    r"approv\w*|expand\w*|test\w*|first)\b|подпис\w*|ратифиц\w*|открыт\w*|визит\w*|서명|비준|개통|방문|정상회담", re.IGNORECASE)
_STOP = set("""a an the and or of to in on at by for from with as is was were be been being this that these those it its
he she they them his her their we our you your i not no but if then than so such into onto over under about after before
during since until while also only just more most less least very can could would should will may might must do does did
done has have had having which who whom whose what when where why how all any both each few other some own same there here
said says say according one two three four five six seven eight nine ten first second third last year years month months
day days new north south korea korean koreas dprk russia russian china chinese pyongyang moscow beijing seoul country
countries between among per cent percent million billion bn m km""".split()) | {m.lower() for m in MONTHS}
# NOTE: words most events of these ties share: they cannot tell one event from another.
_GENERIC = set("""economic economy cooperation develop development bilateral minister ministry far east eastern visit visited
discuss discussed talks meeting met leader leaders foreign trip kim jong il un putin xi jinping president government official
officials city port part idea open project projects plan plans relations relationship ties joint trade agreed agreement
summit deputy prime state party region regional international world report reported said news reach reached
""".split())


@dataclass(frozen=True)
class Figure:
    """A figure as the text states it."""
    start: int
    end: int
    kind: str
    value: float
    tolerance: float
    unit: str  # usd, rub, cny, eur, krw, x, pct, km, t, years, date
    hedge: str = ""
    word: str = ""  # the word that made it a multiple or share ('times', 'fold', 'doubled', 'half')
    date: tuple[int | None, int | None, int | None] = (None, None, None)  # year, month, day


@dataclass(frozen=True)
class Statement:
    """A figure with what the text says it is about."""
    figure: Figure
    quote: str
    sentence: str
    sentence_start: int
    partners: tuple[str, ...]
    partner: str | None
    flow: str | None
    year: int | None
    topic: str | None
    target_year: int | None = None
    is_target: bool = False


@dataclass(frozen=True)
class Finding:
    statement: Statement
    verdict: str
    dataset: str
    detail: str
    data_value: str = ""
    statistic: str = ""
    year: int | None = None
    source_id: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def rounding(num: str, unit: float = 1.0) -> float:
    """Half a unit of the claim's last stated digit: '1.09' -> 0.005; '250' -> 5; '100' -> 5; '6' -> 0.5.
    Trailing zeros of a whole number count as rounding, but a number of two or more digits is read
    to at least two significant digits ('$100 million' is 95-105m, not 50-150m)."""
    num = num.replace(",", "") if not re.fullmatch(r"\d+,\d{1,2}", num) else num.replace(",", ".")
    if "." in num:
        return 0.5 * 10 ** -len(num.split(".")[1]) * unit
    digits = num.lstrip("0") or "0"
    zeros = len(digits) - len(digits.rstrip("0"))
    return 0.5 * 10 ** (min(zeros, len(digits) - 2) if len(digits) >= 2 else 0) * unit


def _hedge(text: str, start: int, end: int) -> str:
    m = HEDGES.search(text[max(0, start - 20):start])
    if m:
        return m.group(0).strip(" \t\n-–—,")
    m = _HEDGE_AFTER.match(text[end:end + 4])
    return m.group(0).strip() if m else ""


def figures(text: str) -> list[Figure]:
    """Every figure in the text, left to right, without overlaps (a money amount wins over a bare number)."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(f: Figure) -> None:
        if any(f.start < e and s < f.end for s, e in taken):
            return
        taken.append((f.start, f.end))
        found.append(f)

    for m in MONEY_CJK.finditer(text):
        value = amounts.cjk_amount(m.group("cjk"))
        cur = next((c for c in _CURRENCY_AFTER if m.group(c)), "USD")
        # NOTE: '23억 달러' is rounded to 1억; '2억9천189만' to 1만: the unit that closes the figure.
        tail = re.search(f"([{''.join(amounts.CJK_UNITS)}])\\s*$", m.group("cjk"))
        smallest = amounts.CJK_UNITS[tail.group(1)] if tail else 1.0
        add(Figure(m.start(), m.end(), "amount", value, 0.5 * smallest, cur.lower(), _hedge(text, m.start(), m.end())))
    for rx in (MONEY_AFTER, MONEY_BEFORE):
        for m in rx.finditer(text):
            unit_word = (m.group("unit") or "").lower()
            unit = amounts.WORD_UNITS.get(unit_word, 1.0)
            if rx is MONEY_BEFORE:
                cur = "EUR" if m.group("sym") == "€" else "USD"
            else:
                cur = next(c for c in _CURRENCY_AFTER if m.group(c))
            value = amounts.number(m.group("num")) * unit
            if rx is MONEY_BEFORE and not unit_word and value < 1000 and re.match(r"\s?(?:per|a|/)\s?(?:ton|tonne|barrel)", text[m.end():]):
                continue  # a price, not an amount
            add(Figure(m.start(), m.end(), "amount", value, rounding(m.group("num"), unit), cur.lower(),
                       _hedge(text, m.start(), m.end())))
    for m in SHARE.finditer(text):
        value = amounts.number(m.group("num"))
        kind = "change" if CHANGE_WORDS.search(text[max(0, m.start() - 40):m.start()]) else "share"
        add(Figure(m.start(), m.end(), kind, value, rounding(m.group("num")), "pct", _hedge(text, m.start(), m.end())))
    for m in WORD_PERCENT.finditer(text):
        value = _WORD_NUMBERS[m.group("num").lower()] + (0.5 if m.group("half") else 0)
        add(Figure(m.start(), m.end(), "share", value, 0.25, "pct", _hedge(text, m.start(), m.end())))
    for m in WORD_SHARE.finditer(text):
        value, tol = _WORD_SHARES[m.group("word").lower()]
        add(Figure(m.start(), m.end(), "share", value, tol, "pct", word=m.group("word").lower()))
    for m in MULTIPLE.finditer(text):
        raw = m.group("num").lower()
        value = _WORD_NUMBERS.get(raw) or float(raw)
        tol = 0.5 if raw not in _WORD_NUMBERS else max(0.5, 0.1 * value)
        word = m.group("word").lower()
        before = text[max(0, m.start() - 40):m.start()]
        kind = "change" if word == "fold" or CHANGE_WORDS.search(before) else "multiple"
        add(Figure(m.start(), m.end(), kind, value, tol, "x", _hedge(text, m.start(), m.end()), word=word))
    for m in VERB_MULTIPLE.finditer(text):
        word = m.group("word").lower()
        add(Figure(m.start(), m.end(), "change", _VERB_FACTORS[word], 0.1 * _VERB_FACTORS[word], "x", word=word))
    for m in LENGTH.finditer(text):
        add(Figure(m.start(), m.end(), "length", amounts.number(m.group("num")), rounding(m.group("num")), "km",
                   _hedge(text, m.start(), m.end())))
    for m in QUANTITY.finditer(text):
        unit = amounts.WORD_UNITS.get((m.group("unit") or "").lower(), 1.0)
        add(Figure(m.start(), m.end(), "quantity", amounts.number(m.group("num")) * unit, rounding(m.group("num"), unit), "t",
                   _hedge(text, m.start(), m.end())))
    for m in DURATION.finditer(text):
        add(Figure(m.start(), m.end(), "quantity", float(m.group("num")), 0.5, "years"))
    for m in DATE_KO.finditer(text):
        add(Figure(m.start(), m.end(), "date", 0, 0, "date",
                   date=(int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None)))
    for m in DATE_RU.finditer(text):
        mon = next(i + 1 for i, p in enumerate(_RU_MONTHS) if re.match(p, m.group("mon").lower()))
        add(Figure(m.start(), m.end(), "date", 0, 0, "date",
                   date=(int(m.group("y")), mon, int(m.group("d")) if m.group("d") else None)))
    for m in DATE_EN.finditer(text):
        day = m.group("d1") or m.group("d2")
        year = m.group("y")
        mon = m.group("mon")
        if mon == "May" and not (day or year):
            continue  # 'May' the verb, or a month too vague to check
        if not (day or year) and not re.search(r"\b(?:in|since|from|until|by|last|this|next|early|late|mid-?)\s$",
                                                text[max(0, m.start() - 8):m.start()], re.IGNORECASE):
            continue
        if day and int(day) > 31:
            continue
        add(Figure(m.start(), m.end(), "date", 0, 0, "date",
                   date=(int(year) if year else None, MONTHS[mon], int(day) if day else None)))
    return _ranges(text, sorted(found, key=lambda f: f.start))


_RANGE_JOIN = re.compile(r"\s?(?:to|until|through|till|–|-|—|~|до|по)\s?$", re.IGNORECASE)


def _ranges(text: str, found: list[Figure]) -> list[Figure]:
    """'from Apr. 28 to Apr. 30', '28-30 April 2014': two dates joined become one span."""
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == f.kind == "date" and not prev.word
                and _RANGE_JOIN.fullmatch(text[prev.end:f.start])):
            y = prev.date[0] or f.date[0]
            start = (y, prev.date[1] or f.date[1], prev.date[2])
            end = (f.date[0] or y, f.date[1], f.date[2])
            out[-1] = replace(prev, end=f.end, date=start, word="-".join("" if p is None else str(p) for p in end))
            continue
        out.append(f)
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at a full stop, question or exclamation mark before a space (not after
    'U.S.', 'Mr.', 'Nov.' or an initial), at blank lines and before list items."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.end() > start:
            spans.append((start, m.start() + 1))
            start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _nearest(pattern: str, text: str, pos: int, after_weight: float = 1.5, max_after: int = 60,
             end: int | None = None) -> tuple[str | None, int]:
    """The match of a pattern nearest to the figure at pos (to end): words before it count by their
    distance to its start, words after it by their distance to its end, a little further away."""
    end = pos if end is None else end
    best, dist = None, math.inf
    for m in re.finditer(pattern, text, re.IGNORECASE):
        if m.end() <= pos:
            d = pos - m.end()
        elif m.start() >= end:
            if m.start() - end > max_after:
                continue
            d = (m.start() - end) * after_weight
        else:
            d = 0
        if d < dist:
            best, dist = m.group(0), d
    return best, dist


def _partners(sentence: str) -> tuple[str, ...]:
    return tuple(p for p, rx in PARTNER_WORDS.items() if re.search(rx, sentence, re.IGNORECASE))


def _partner_near(sentence: str, pos: int) -> str | None:
    best, dist = None, math.inf
    for p in ("China", "Russia", "World"):
        for m in re.finditer(PARTNER_WORDS[p], sentence, re.IGNORECASE):
            d = pos - m.end() if m.end() <= pos else (m.start() - pos) * 1.2
            if d < dist:
                best, dist = p, d
    return best


def _flow(sentence: str, pos: int) -> str | None:
    """Which way the figure goes: the export or import word nearest before it, read with the
    sentence's subject (North Korea exporting is a flow from the DPRK; China exporting, one to it)."""
    word, dist = _nearest(r"\bexport\w*|\bimport\w*|\bshipments?\b|\bsales?\b|\btrad\w*|turnover|товарооборот\w*|"
                          r"экспорт\w*|импорт\w*|교역|무역|수출|수입", sentence[:pos + 40], pos, max_after=40)
    if word is None:
        return None
    w = word.lower()
    if re.match(r"trad|turnover|товарооборот|교역|무역", w):
        return "total"
    exports = bool(re.match(r"export|shipment|sale|экспорт|수출", w))
    window = sentence[max(0, pos - 120):pos + 60].lower()
    if re.search(rf"(?:{NK})(?:'s|’s)?\s+(?:\w+\s+){{0,2}}{re.escape(w)}", window) or re.search(
            rf"{re.escape(w)}\s+(?:\w+\s+){{0,3}}(?:from|of|by)\s+(?:{NK})", window) or re.search(r"북한의?\s?(?:대\w+\s)?" + re.escape(w), window):
        return "from_dprk" if exports else "to_dprk"
    if re.search(rf"{re.escape(w)}\s+(?:\w+\s+){{0,3}}to\s+(?:{NK})", window):
        return "to_dprk" if exports else "from_dprk"
    nk = re.search(NK, sentence, re.IGNORECASE)
    partner = min((m.start() for rx in PARTNER_WORDS.values() for m in re.finditer(rx, sentence, re.IGNORECASE)), default=None)
    nk_first = nk is not None and (partner is None or nk.start() < partner)
    return ("from_dprk" if exports else "to_dprk") if nk_first else ("to_dprk" if exports else "from_dprk")


def _years(sentence: str, figs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(position, year) of each year the sentence names outside its figures."""
    return [(m.start(), int(m.group("y"))) for m in YEAR.finditer(sentence)
            if not any(s <= m.start() < e for s, e in figs)]


def statements(text: str) -> list[Statement]:
    """Every figure with its sentence, partner, flow, year and topic read from the words around it."""
    figs = figures(text)
    out: list[Statement] = []
    last_year: int | None = None
    for s, e in sentences(text):
        sentence = text[s:e]
        inside = [f for f in figs if s <= f.start < e]
        spans = [(f.start - s, f.end - s) for f in inside]
        years = _years(sentence, spans)
        targets = {int(m.group(1) or m.group(2)) for m in _BY_YEAR.finditer(sentence)}
        for f in inside:
            pos = f.start - s
            by = _BY_YEAR.search(sentence[pos:pos + 60]) or _BY_YEAR.search(sentence[max(0, pos - 60):pos])
            target_year = int(by.group(1) or by.group(2)) if by else None
            cands = [(abs(p - pos), y) for p, y in years if y not in targets]
            year = min(cands)[1] if cands else last_year
            topic, best = None, math.inf
            for name, rx in TOPICS.items():
                _w, d = _nearest(rx, sentence, pos, end=pos + len(text[f.start:f.end]))
                if d < best:
                    topic, best = name, d
            if topic == "remainder" and not re.search(TOPICS["debt"], sentence, re.IGNORECASE):
                topic = None
            window = sentence[max(0, pos - 80):pos + 60]
            is_target = bool(TARGET.search(window)) or target_year is not None
            out.append(Statement(
                figure=f, quote=text[f.start:f.end], sentence=sentence.strip(), sentence_start=s,
                partners=_partners(sentence), partner=_partner_near(sentence, pos), flow=_flow(sentence, pos),
                year=year, topic=topic, target_year=target_year, is_target=is_target))
        if years:
            last_year = years[-1][1]
        if re.search(r"\n\s*\n", text[e:e + 3]) or text[s:e].endswith("\n"):
            last_year = None
    return out


# Hold against the data.

@dataclass(frozen=True)
class Milestone:
    """A dated thing the data records: an event, or a step in a project's status history."""
    dataset: str
    key: str
    date: str
    text: str
    source_id: str
    words: frozenset


@dataclass
class Data:
    """The tables the checker reads, with the word sets it matches events and projects by."""
    trade: pd.DataFrame
    debt: pd.DataFrame
    investments: pd.DataFrame
    projects: pd.DataFrame
    events: pd.DataFrame
    status: pd.DataFrame
    sources: pd.DataFrame
    milestones: list[Milestone] = field(default_factory=list)
    project_words: dict[str, set[str]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    trade_index: dict[tuple[str, str], list[dict]] = field(default_factory=dict)
    debt_records: list[dict] = field(default_factory=list)

    @classmethod
    def from_bundle(cls, b) -> Data:
        return cls(b["trade"], b["debt"], b["investments"], b["projects"], b["events"], b["project_status"], b["sources"]).index()

    def index(self) -> Data:
        names = self.projects.set_index("project_id")["name"]
        self.milestones = [Milestone("events", r.event_id, str(r.date), r.title, r.source_id,
                                     frozenset(_words(f"{r.title} {r.description}"))) for r in self.events.itertuples()]
        for r in self.status.itertuples():
            if isinstance(r.event_ref, str) and r.event_ref:
                continue  # the same fact as an event: one date, checked once
            name = names.get(r.project_id, r.project_id)
            self.milestones.append(Milestone("project_status", f"{r.project_id} {r.date}", str(r.date), f"{name}: {r.event}",
                                             r.source_id, frozenset(_words(f"{name} {r.event}"))))
        self.project_words = {r.project_id: _words(f"{r.name} {r.place} {r.summary}") for r in self.projects.itertuples()}
        self.trade_index = {}
        for r in self.trade.drop(columns=["_line"], errors="ignore").to_dict("records"):
            r["primary"] = bool(r["primary"]) if not fmt.is_missing(r["primary"]) else False
            self.trade_index.setdefault((r["partner"], r["flow"]), []).append(r)
        self.debt_records = self.debt.to_dict("records")
        # NOTE: words every event shares (Kim, summit, visit) say little; rare ones (coal, Pohang) say which event it is.
        docs = [m.words for m in self.milestones] + list(self.project_words.values())
        counts: dict[str, int] = {}
        for words in docs:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        self.idf = {w: math.log(len(docs) / c) for w, c in counts.items()}
        return self

    def without(self, source_ids: frozenset) -> Data:
        """The data less the rows that come from the text being checked: an article cannot confirm itself."""
        if not source_ids:
            return self

        def keep(df, col="source_id"):
            return df[~df[col].isin(source_ids)]
        projects = self.projects.copy()
        projects.loc[projects["cost_source_id"].isin(source_ids), "cost_usd"] = float("nan")
        if "length_km" in projects:
            projects.loc[projects["length_source_id"].isin(source_ids), "length_km"] = float("nan")
        return Data(keep(self.trade), keep(self.debt), keep(self.investments), projects, keep(self.events),
                    keep(self.status), self.sources).index()

    def own_sources(self, text: str) -> frozenset:
        """Sources in the data that are this very text: their title (or seed file name) appears in it."""
        norm = _norm(text)
        out = set()
        for r in self.sources.itertuples():
            title = _norm(r.title) if isinstance(r.title, str) else ""
            if len(title) >= 25 and title in norm:
                out.add(r.source_id)
        return frozenset(out)


class _Run:
    """One check: the shared Data (read-only, cached per process) and this reader's language."""

    def __init__(self, data: Data, tr: i18n.Tr):
        self.data, self.tr = data, tr

    def __getattr__(self, name):
        return getattr(self.data, name)

    def say(self, key: str, /, **kwargs) -> str:
        return self.tr(f"check.msg.{key}", **kwargs)

    def usd(self, v) -> str:
        return fmt.usd(v, self.tr.lang)

    def partner(self, p) -> str:
        return self.tr.code("partner", p)

    def stat(self, s) -> str:
        return self.tr.code("statistic", s)

    def event(self, event_id, title) -> str:
        return self.tr.name("events", event_id, title, "title")

    def project(self, project_id, name) -> str:
        return self.tr.name("projects", project_id, name)


def _norm(text: str) -> str:
    text = re.sub(r"[‘’“”\"'`]", "", str(text).casefold())
    return re.sub(r"\s+", " ", text).strip()


def _stem(w: str) -> str:
    w = w.lower().replace("ize", "ise")
    for suffix in ("ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _words(text: str) -> set[str]:
    words = {_stem(w) for w in re.findall(r"[a-zа-яё가-힣]{3,}", str(text).lower()) if w not in _STOP and w not in _GENERIC}
    # NOTE: numbers that are names (Resolution 2397) tell events apart; years and amounts do not.
    words |= {n for n in re.findall(r"(?<![\d.,$])\d{3,4}(?![\d.,%])", str(text)) if not 1900 <= int(n) <= 2100}
    return words


def _src(source_id) -> str:
    return "" if not isinstance(source_id, str) else source_id


def _trade_claim(st: Statement) -> claims.Claim:
    f = st.figure
    return claims.Claim(f.value, f.tolerance, st.year, st.partner, st.flow or "total", st.quote)


def _within(value: float, claimed: float, tol: float) -> bool:
    return abs(value - claimed) <= tol + 1e-9 * abs(claimed)


def _hedged(f: Figure, value: float) -> bool:
    return bool(f.hedge) and abs(value - f.value) <= HEDGE_SLACK * abs(f.value)


def _near(f: Figure, value: float) -> bool:
    return abs(value - f.value) <= CLOSE_SLACK * abs(f.value)


def _row_text(r, d: _Run) -> str:
    return d.say("row", statistic=d.stat(r["statistic"]), partner=d.partner(r["partner"]),
                 flow=fmt.flow_in_sentence(r["flow"], d.tr.lang), year=int(r["year"]), value=d.usd(r["value_usd"]))


def _check_trade_amount(st: Statement, d: Data) -> Finding:
    f = st.figure
    if st.partner is None:
        return Finding(st, "not_in_data", "trade", d.say("no_partner"))
    if st.year is None:
        return Finding(st, "not_in_data", "trade", d.say("no_year"))
    flow = st.flow or "total"
    # NOTE: the same order as claims.candidates (reproduces, then the claimed year, then the gap), in plain Python:
    # an article has hundreds of figures and a pandas filter per figure costs milliseconds.
    found = [dict(r, reproduces=abs(r["value_usd"] - f.value) <= f.tolerance + 1e-6 * f.value,
                  statistical=r["statistic"] != "news report")
             for r in d.trade_index.get((st.partner, flow), []) if abs(r["year"] - st.year) <= 1]
    found.sort(key=lambda r: (not r["reproduces"], r["year"] != st.year, abs(r["value_usd"] - f.value)))
    if not found:
        return Finding(st, "not_in_data", "trade", d.say("no_figure", partner=d.partner(st.partner), flow=fmt.flow_in_sentence(flow, d.tr.lang),
                             start=st.year - 1, end=st.year + 1))
    same = [r for r in found if r["year"] == st.year]
    prim = next((r for r in same if r["primary"]), None)
    prim_text = " " + d.say("charts_use", row=_row_text(prim, d)) if prim is not None else ""

    def finding(verdict, r, detail):
        return Finding(st, verdict, "trade", detail, d.usd(r["value_usd"]), r["statistic"], int(r["year"]), _src(r["source_id"]))

    def primary_first(rows):
        return sorted(rows, key=lambda r: not r["primary"])[0]

    named = _named_statistic(st.sentence)
    ok = [r for r in same if r["reproduces"] and r["statistical"]]
    if ok:
        mine = [r for r in ok if _statistic_matches(named, r["statistic"])] if named else ok
        if not mine:
            r = primary_first(ok)
            return finding("close", r, d.say("other_statistic", named=d.stat(named), row=_row_text(r, d)))
        r = primary_first(mine)
        return finding("reproduced", r, d.say("reproduced_by", row=_row_text(r, d)) + ("" if r["primary"] else prim_text))
    if prim is not None and (_hedged(f, prim["value_usd"]) or (f.hedge and _near(f, prim["value_usd"]))):
        verdict = "reproduced" if _hedged(f, prim["value_usd"]) else "close"
        return finding(verdict, prim, d.say("hedged", claim=f"{f.hedge} {d.usd(f.value)}", row=_row_text(prim, d), diff=f"{(prim['value_usd'] / f.value - 1) * 100:+.0f}"))
    ok = [r for r in found if r["reproduces"] and r["statistical"]]
    if ok:
        return finding("close", ok[0], d.say("other_year", row=_row_text(ok[0], d)) + prim_text)
    ok = [r for r in same if r["reproduces"]]
    if ok:
        return finding("close", ok[0], d.say("news_only", row=_row_text(ok[0], d)) + prim_text)
    if prim is not None and abs(prim["value_usd"] / f.value - 1) < 0.01:
        return finding("close", prim, d.say("rounding", row=_row_text(prim, d)))
    if prim is not None:
        near = min((r for r in same if r["statistical"]), key=lambda r: abs(r["value_usd"] - f.value))
        also = "" if near["statistic"] == prim["statistic"] else " " + d.say("closest_statistic", row=_row_text(near, d))
        return finding("contradicted", prim, d.say("data_says_off", row=_row_text(prim, d), diff=f"{(f.value / prim['value_usd'] - 1) * 100:+.0f}") + also)
    r = same[0] if same else found[0]
    return finding("close" if _near(f, r["value_usd"]) else "contradicted", r, d.say("only_figures", row=_row_text(r, d)))


_STATISTIC_WORDS = {
    "KOTRA": r"\bkotra\b|코트라|대한무역투자진흥공사|котра",
    "customs": r"\bcustoms\b|해관|관세청|таможн\w*",
    "ITC Trade Map": r"\btrade ?map\b|\bitc\b|international trade cent(?:re|er)|국제무역센터",
    "UN Comtrade": r"\bcomtrade\b",
    "KITA": r"\bkita\b|무역협회",
    "Bank of Korea": r"bank of korea|한국은행",
}


def _named_statistic(sentence: str) -> str | None:
    """The statistic a sentence says its figure comes from ('according to KOTRA', 'Chinese customs data')."""
    return next((name for name, rx in _STATISTIC_WORDS.items() if re.search(rx, sentence, re.IGNORECASE)), None)


def _statistic_matches(named: str, statistic: str) -> bool:
    return named.lower() in str(statistic).lower()


def _usd_of(r) -> float | None:
    v = r.get("amount_usd")
    return None if v is None or pd.isna(v) else float(v)


_DEBT_KIND = (
    (r"written off|write-?off|waived?|cancel\w*|forg[ai]ve\w*|списа\w*|탕감", ("write_off",)),
    (TOPICS["remainder"] + r"|repa\w*|paid back|погаш\w*|상환", ("remainder", "repayment_terms")),
    (r"\bdebts?\b|долг\w*|채무|부채", ("debt_size",)),
)


def _check_debt(st: Statement, d: Data) -> Finding:
    f = st.figure
    best, kinds = math.inf, ("debt_size",)
    for rx, ks in _DEBT_KIND:
        at = f.start - st.sentence_start - (len(st.sentence) - len(st.sentence.lstrip()))
        _w, dist = _nearest(rx, st.sentence, at, max_after=25, end=at + len(st.quote))
        if dist < best:
            best, kinds = dist, ks
    rows = [r for r in d.debt_records if not fmt.is_missing(r["amount_usd"])]
    of_kind = [r for r in rows if r["kind"] in kinds]

    def finding(verdict, r, detail):
        return Finding(st, verdict, "debt", detail, d.usd(r["amount_usd"]), "", int(str(r["date"])[:4]), _src(r["source_id"]))

    for r in of_kind:
        if _within(r["amount_usd"], f.value, f.tolerance) or _hedged(f, r["amount_usd"]):
            return finding("reproduced", r, d.say("debt_row", description=r["description"], date=r["date"]))
    for r in rows:
        if _within(r["amount_usd"], f.value, f.tolerance):
            return finding("close", r, d.say("debt_other_step", kind=d.tr.code("debt_kind", r["kind"]), description=r["description"]))
    if of_kind:
        r = min(of_kind, key=lambda r: abs(r["amount_usd"] - f.value))
        verdict = "close" if _near(f, r["amount_usd"]) else "contradicted"
        return finding(verdict, r, d.say("debt_says", value=d.usd(r["amount_usd"]), description=r["description"]))
    return Finding(st, "not_in_data", "debt", d.say("no_debt"))


def _project_scores(st: Statement, d: Data) -> list[tuple[int, str]]:
    words = _words(st.sentence)
    return sorted(((len(words & w), pid) for pid, w in d.project_words.items()), reverse=True)


def _check_target(st: Statement, d: Data) -> Finding | None:
    f = st.figure
    t = calc.targets(d.events)
    if st.partner:
        t = t[t["partners"].str.contains(st.partner, regex=False, na=False)]
    for r in t.to_dict("records"):
        if not (_within(r["target_usd"], f.value, f.tolerance) or _hedged(f, r["target_usd"])):
            continue
        year_ok = st.target_year is None or st.target_year == int(r["target_year"])
        partner = next((p for p in ("Russia", "China") if p in r["partners"]), None)
        outcome = ""
        if partner:
            prim = calc.primary_rows(d.trade, "total")
            got = prim[(prim["partner"] == partner) & (prim["year"] == int(r["target_year"]))]
            outcome = " " + (d.say("outcome", partner=d.partner(partner), year=int(r["target_year"]), value=d.usd(got["value_usd"].iloc[0]),
                                   statistic=d.stat(got["statistic"].iloc[0])) if len(got) else d.say("no_outcome", year=int(r["target_year"])))
        detail = (d.say("target", title=d.event(r["event_id"], r["title"]), date=r["date"], value=d.usd(r["target_usd"]),
                        year=int(r["target_year"]))
                  + ("" if year_ok else " " + d.say("target_year_differs", year=st.target_year)) + outcome)
        return Finding(st, "reproduced" if year_ok else "close", "events", detail, d.usd(r["target_usd"]), "",
                       int(r["target_year"]), _src(r["source_id"]), {"event_id": r["event_id"]})
    return None


def _check_invest(st: Statement, d: Data) -> Finding:
    f = st.figure
    scores = dict((pid, s) for s, pid in _project_scores(st, d))
    cur = f.unit.upper()
    rows = []
    for r in d.investments.to_dict("records"):
        value = _usd_of(r) if cur == "USD" else (float(r["amount"]) if r["currency"] == cur and pd.notna(r["amount"]) else None)
        if value is not None:
            rows.append((value, "investments", r["investment_id"], r["project_id"], r["source_id"], d.say("stage_by", stage=d.tr.code("investment_stage", r["stage"]), investor=r["investor"], year=r["ref_year"])))
    if cur == "USD":
        for r in d.projects.to_dict("records"):
            if pd.notna(r["cost_usd"]):
                rows.append((float(r["cost_usd"]), "projects", r["project_id"], r["project_id"], r["cost_source_id"], d.say("cost")))
    names = d.projects.set_index("project_id")["name"]

    def amount(v) -> str:
        return d.usd(v) if cur == "USD" else f"{v:,.0f} {cur}"

    def name(pid) -> str:
        return d.project(pid, names.get(pid, pid))

    def finding(verdict, row, detail):
        value = amount(row[0])
        return Finding(st, verdict, row[1], detail, value, "", None, _src(row[4]), {"project_id": row[3]})

    matches = [r for r in rows if (_within(r[0], f.value, f.tolerance) or _hedged(f, r[0])) and scores.get(r[3], 0) >= 1]
    if matches:
        r = max(matches, key=lambda r: scores.get(r[3], 0))
        return finding("reproduced", r, d.say("investment", project=name(r[3]), value=amount(r[0]), what=r[5]))
    best_score, best = max(((s, pid) for pid, s in scores.items()), default=(0, None))
    if best is not None and best_score >= 2:
        own = [r for r in rows if r[3] == best]
        if own:
            near = min(own, key=lambda r: abs(r[0] - f.value))
            figures_ = "; ".join(f"{amount(r[0])} ({r[5]})" for r in own)
            verdict = "close" if _near(f, near[0]) else "contradicted"
            return finding(verdict, near, d.say("project_figures", project=name(best), figures=figures_))
    return Finding(st, "not_in_data", "investments", d.say("no_investment"))


def _check_amount(st: Statement, d: Data) -> Finding | None:
    if st.is_target and st.topic in ("trade", None):
        found = _check_target(st, d)
        if found:
            return found
        if st.target_year or st.topic == "trade":
            return Finding(st, "not_in_data", "events", d.say("no_target"))
    if st.topic in ("debt", "remainder"):
        return _check_debt(st, d)
    if st.topic == "trade":
        return _check_trade_amount(st, d) if st.figure.unit == "usd" else Finding(
            st, "not_in_data", "trade", d.say("usd_only"))
    if st.topic == "invest":
        return _check_invest(st, d)
    if st.figure.value < 1e5 and not re.search(_UNIT, st.quote[1:], re.IGNORECASE):
        return None  # a price or a fee ('$0.99 a month'), not a figure of these ties
    return Finding(st, "not_in_data", "", d.say("no_topic"))


def _ratio_rows(d: Data, year: int | None, flow: str) -> pd.DataFrame:
    t = d.trade[(d.trade["flow"] == flow) & d.trade["partner"].isin(["China", "Russia"])]
    if year is not None:
        t = t[t["year"] == year]
    return t


def _check_multiple(st: Statement, d: Data) -> Finding:
    f = st.figure
    if not {"China", "Russia"} <= set(st.partners) or st.topic not in ("trade", None):
        return Finding(st, "not_in_data", "", d.say("multiple_only"))
    flow = st.flow or "total"
    rows = _ratio_rows(d, st.year, flow)
    pairs = []
    for year, g in rows.groupby("year"):
        cn, ru = g[g["partner"] == "China"].to_dict("records"), g[g["partner"] == "Russia"].to_dict("records")
        for c in cn:
            for r in ru:
                pairs.append((int(year), c, r, c["value_usd"] / r["value_usd"]))
    if not pairs:
        return Finding(st, "not_in_data", "trade", d.say("no_common_year"))

    def show(p):
        year, c, r, ratio = p
        return d.say("ratio", year=year, china=d.usd(c["value_usd"]), china_statistic=d.stat(c["statistic"]),
                     russia=d.usd(r["value_usd"]), russia_statistic=d.stat(r["statistic"]), ratio=fmt.times(ratio, d.tr.lang, 1))

    def finding(verdict, p, detail):
        year, c, r, ratio = p
        return Finding(st, verdict, "trade", detail, fmt.times(ratio, d.tr.lang, 1), f"{c['statistic']} / {r['statistic']}", year,
                       _src(c["source_id"]) + ";" + _src(r["source_id"]))

    primary_pairs = [p for p in pairs if bool(p[1]["primary"]) and bool(p[2]["primary"])]
    good = [p for p in primary_pairs if _within(p[3], f.value, f.tolerance)]
    if good and st.year is not None:
        return finding("reproduced", good[0], d.say("computed_of_record", shown=show(good[0])))
    both_stat = [p for p in pairs if p[1]["statistic"] != "news report" and p[2]["statistic"] != "news report"]
    prim_text = "; ".join(show(p) for p in primary_pairs[:1])
    for pool, why in ((both_stat, d.say("why_other_statistics")), (pairs, d.say("why_news"))):
        good = [p for p in pool if _within(p[3], f.value, f.tolerance)]
        if good:
            p = min(good, key=lambda p: (not bool(p[1]["primary"]) + (not bool(p[2]["primary"]))))
            where = "" if st.year is not None else " " + d.say("no_year_given")
            return finding("close", p, d.say("reproduced_only_with", why=why + where, shown=show(p))
                           + (" " + d.say("of_record_gives", shown=prim_text) if prim_text else ""))
    if st.year is None:
        return Finding(st, "not_in_data", "trade", d.say("no_year_multiple"))
    if primary_pairs:
        return finding("contradicted", primary_pairs[0], d.say("data_gives", shown=prim_text))
    return Finding(st, "not_in_data", "trade", d.say("not_both", year=st.year))


def _check_change(st: Statement, d: Data) -> Finding:
    f = st.figure
    if st.is_target and st.topic in ("trade", None):
        found = _check_target_change(st, d)
        if found:
            return found
    if st.topic != "trade" or st.partner is None or st.year is None:
        return Finding(st, "not_in_data", "", d.say("change_only"))
    prim = calc.primary_rows(d.trade, st.flow or "total")
    prim = prim[prim["partner"] == st.partner].set_index("year")
    if st.year not in prim.index or st.year - 1 not in prim.index:
        return Finding(st, "not_in_data", "trade", d.say("change_missing", partner=d.partner(st.partner), before=st.year - 1, year=st.year))
    now, before = prim.loc[st.year], prim.loc[st.year - 1]
    ratio = now["value_usd"] / before["value_usd"]
    down = bool(_DOWN.search(st.sentence[max(0, f.start - st.sentence_start - 40):f.start - st.sentence_start]))
    claimed = f.value if f.unit == "x" else (1 - f.value / 100 if down else 1 + f.value / 100)
    tol = f.tolerance if f.unit == "x" else f.tolerance / 100
    shown = (f"{d.usd(before['value_usd'])} ({st.year - 1}) → {d.usd(now['value_usd'])} ({st.year}): "
             f"{fmt.pct((ratio - 1) * 100, signed=True, lang=d.tr.lang)}, {fmt.times(ratio, d.tr.lang, 2)}")
    same = now["statistic"] == before["statistic"]
    verdict = "reproduced" if abs(ratio - claimed) <= tol + 1e-9 else ("close" if abs(ratio - claimed) <= CLOSE_SLACK * claimed else "contradicted")
    if verdict == "reproduced" and not same:
        verdict = "close"
    note = "" if same else " " + d.say("two_statistics", before=d.stat(before["statistic"]), now=d.stat(now["statistic"]))
    return Finding(st, verdict, "trade", d.say("computed_of_record", shown=shown) + note,
                   fmt.pct((ratio - 1) * 100, signed=True, lang=d.tr.lang),
                   now["statistic"], st.year, _src(before["source_id"]) + ";" + _src(now["source_id"]))


def _check_target_change(st: Statement, d: Data) -> Finding | None:
    """'expand trade 10-fold to $1 billion by 2020': the target against trade in the year before it was set."""
    f = st.figure
    t = calc.targets(d.events)
    if st.partner:
        t = t[t["partners"].str.contains(st.partner, regex=False, na=False)]
    if st.target_year:
        t = t[t["target_year"] == st.target_year]
    if t.empty or f.unit != "x":
        return None
    r = t.iloc[0]
    partner = next((p for p in ("Russia", "China") if p in r["partners"]), None)
    base_year = int(str(r["date"])[:4]) - 1
    prim = calc.primary_rows(d.trade, "total")
    got = prim[(prim["partner"] == partner) & (prim["year"] == base_year)]
    if got.empty:
        return None
    ratio = r["target_usd"] / got["value_usd"].iloc[0]
    verdict = "reproduced" if abs(ratio - f.value) <= f.tolerance else ("close" if abs(ratio - f.value) <= CLOSE_SLACK * f.value else "contradicted")
    return Finding(st, verdict, "events", d.say("target_multiple", target=d.usd(r["target_usd"]), year=int(r["target_year"]),
                                                title=d.event(r["event_id"], r["title"]), ratio=fmt.times(ratio, d.tr.lang, 1),
                                                partner=d.partner(partner), base_year=base_year, value=d.usd(got["value_usd"].iloc[0]),
                                                statistic=d.stat(got["statistic"].iloc[0])),
                   fmt.times(ratio, d.tr.lang, 1), got["statistic"].iloc[0], base_year, _src(r["source_id"]) + ";" + _src(got["source_id"].iloc[0]))




def _check_share(st: Statement, d: Data) -> Finding:
    f = st.figure
    if st.topic in ("debt", "remainder"):
        debt = d.debt[d.debt["amount_usd"].notna()]
        size = debt[debt["kind"] == "debt_size"].sort_values("date").iloc[-1]
        rest = debt[debt["kind"] == "remainder"]
        off = debt[debt["kind"] == "write_off"]
        options = []
        if len(rest):
            r = rest.iloc[0]
            share = (size["amount_usd"] - r["amount_usd"]) / size["amount_usd"] * 100
            options.append((share, d.say("share_remainder", size=d.usd(size["amount_usd"]), rest=d.usd(r["amount_usd"]),
                                         share=fmt.pct(share, lang=d.tr.lang)), r["source_id"], "written_off"))
        if len(off):
            r = off.iloc[0]
            share = r["amount_usd"] / size["amount_usd"] * 100
            options.append((share, d.say("share_write_off", off=d.usd(r["amount_usd"]), size=d.usd(size["amount_usd"]),
                                         share=fmt.pct(share, lang=d.tr.lang)), r["source_id"], "written_off"))
        if st.topic == "remainder" and len(rest):
            options = [(100 - s, t, src, "remaining") for s, t, src, _w in options]
        for share, text, src, what in options:
            if _within(share, f.value, f.tolerance) or (f.hedge and abs(share - f.value) <= 2):
                return Finding(st, "reproduced", "debt", d.say("computed_" + what, text=text), fmt.pct(share, lang=d.tr.lang), "", 2014,
                               _src(size["source_id"]) + ";" + _src(src))
        if options:
            share, text, src, what = options[0]
            verdict = "close" if abs(share - f.value) <= 3 else "contradicted"
            return Finding(st, verdict, "debt", d.say("computed_" + what, text=text), fmt.pct(share, lang=d.tr.lang), "", 2014,
                           _src(size["source_id"]) + ";" + _src(src))
    if st.topic == "trade" and st.partner in ("China", "Russia") and st.year is not None:
        flow = st.flow or "total"
        parts = [r for r in d.trade_index.get((st.partner, flow), []) if r["year"] == st.year and r["statistic"] != "news report"]
        worlds = [r for r in d.trade_index.get(("World", flow), []) if r["year"] == st.year and r["statistic"] != "news report"]
        # NOTE: a share divides two figures of one statistic where the data has them (KOTRA's China ÷ KOTRA's
        # total is how KOTRA states China's share); a share across two statistics is an approximation.
        pairs = sorted(((p, w) for p in parts for w in worlds),
                       key=lambda pw: (pw[0]["statistic"] != pw[1]["statistic"], not pw[0]["primary"], not pw[1]["primary"]))
        if pairs:
            def share_of(pw):
                return pw[0]["value_usd"] / pw[1]["value_usd"] * 100

            ok = [pw for pw in pairs if _within(share_of(pw), f.value, f.tolerance)
                  or (f.word in ("almost all", "nearly all") and share_of(pw) >= 90)]
            p, w = ok[0] if ok else pairs[0]
            share = share_of((p, w))
            same = p["statistic"] == w["statistic"]
            text = d.say("trade_share", partner=d.partner(st.partner), value=d.usd(p["value_usd"]), statistic=d.stat(p["statistic"]),
                         total=d.usd(w["value_usd"]), total_statistic=d.stat(w["statistic"]), share=fmt.pct(share, lang=d.tr.lang),
                         year=st.year)
            verdict = ("reproduced" if same else "close") if ok else ("close" if abs(share - f.value) <= 3 else "contradicted")
            note = "" if same else " " + d.say("approximation")
            return Finding(st, verdict, "trade", d.say("computed", text=text + note), fmt.pct(share, lang=d.tr.lang),
                           p["statistic"], st.year, _src(p["source_id"]) + ";" + _src(w["source_id"]))
    return Finding(st, "not_in_data", "", d.say("no_share"))


def _check_length(st: Statement, d: Data) -> Finding:
    f = st.figure
    if "length_km" not in d.projects:
        return Finding(st, "not_in_data", "projects", d.say("no_lengths"))
    scores = dict((pid, s) for s, pid in _project_scores(st, d))
    rows = d.projects[d.projects["length_km"].notna()].to_dict("records")
    for r in sorted(rows, key=lambda r: -scores.get(r["project_id"], 0)):
        if scores.get(r["project_id"], 0) >= 1 and (_within(r["length_km"], f.value, f.tolerance) or _hedged(f, r["length_km"])):
            return Finding(st, "reproduced", "projects", d.say("length", project=d.project(r["project_id"], r["name"]), km=fmt.number(r["length_km"], d.tr.lang)), f"{r['length_km']:,.0f} km", "", None,
                           _src(r["length_source_id"]), {"project_id": r["project_id"]})
    best = max(rows, key=lambda r: scores.get(r["project_id"], 0), default=None)
    if best is not None and scores.get(best["project_id"], 0) >= 3:
        return Finding(st, "contradicted", "projects", d.say("length_says", project=d.project(best["project_id"], best["name"]), km=fmt.number(best["length_km"], d.tr.lang)),
                       f"{best['length_km']:,.0f} km", "", None, _src(best["length_source_id"]), {"project_id": best["project_id"]})
    return Finding(st, "not_in_data", "projects", d.say("no_length"))


def _check_quantity(st: Statement, d: Data) -> Finding:
    f = st.figure
    if f.unit == "years" and st.topic in ("debt", "remainder"):
        terms = d.debt[d.debt["term_years"].notna()]
        for r in terms.to_dict("records"):
            verdict = "reproduced" if _within(r["term_years"], f.value, f.tolerance) else "contradicted"
            return Finding(st, verdict, "debt", d.say("debt_row", description=r["description"], date=r["date"]), d.say("years", n=int(r["term_years"])), "",
                           int(str(r["date"])[:4]), _src(r["source_id"]))
    if f.unit == "t":
        matches = _match(_clause(st.sentence, f.start - st.sentence_start), d) or _match(st.sentence, d)
        if matches and matches[0][0] >= MATCH_STRONG:
            m = matches[0][1]
            text = next((r for r in (d.events.set_index("event_id")["description"].get(m.key), m.text) if isinstance(r, str)), m.text)
            stated = [float(amounts.number(x.group("num"))) for x in QUANTITY.finditer(text)]
            if stated:
                ok = any(_within(v, f.value, f.tolerance) or abs(v - f.value) <= HEDGE_SLACK * f.value for v in stated)
                verdict = "reproduced" if ok else "contradicted"
                return Finding(st, verdict, m.dataset, d.say("quantity", milestone=m.text, date=m.date, text=text), f"{fmt.number(stated[0], d.tr.lang)} t", "",
                               _parts(m.date)[0], _src(m.source_id), {"key": m.key})
    return Finding(st, "not_in_data", "", d.say("no_quantity"))


def _milestone_text(m: Milestone, d: _Run) -> str:
    """An event's title in the reader's language (names.csv); a project step as its project's name and the step."""
    if m.dataset == "events":
        return d.event(m.key, m.text)
    pid = m.key.split(" ")[0]
    name, _, step = m.text.partition(": ")
    return f"{d.project(pid, name)}: {step}"


def _date_text(date: tuple) -> str:
    y, m, dd = date
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate((y, m, dd)) if p is not None) if y else f"--{m:02d}"


REPORTING = re.compile(r"\b(?:report\w*|said|says|told|wrote|according|publish\w*|posted|updated|modified|interview\w*)\b|"
                       r"보도|밝혔|сообщ\w*|заявил\w*", re.IGNORECASE)
MATCH_STRONG = 7.0  # summed rarity (idf) of the words a sentence shares with a milestone: enough to name it


def _match(sentence: str, d: Data) -> list[tuple[float, Milestone]]:
    words = _words(sentence)
    # NOTE: a number that names something (Resolution 2397) outweighs words that many events share.
    scored = [(sum(d.idf.get(w, 0.0) * (3 if w.isdigit() else 1) for w in words & m.words), m) for m in d.milestones]
    return sorted((x for x in scored if x[0] > 0), key=lambda x: -x[0])


def _parts(date: str) -> tuple[int, int | None, int | None]:
    p = [int(x) for x in date.split("-")]
    return p[0], (p[1] if len(p) > 1 else None), (p[2] if len(p) > 2 else None)


def _agreement(claimed: tuple, until: tuple | None, date: str) -> str:
    """'yes' when the recorded date falls on (or in the span of) the claimed one at the precision both
    give; 'near' within 45 days (or the month either side when the text gives no year); else 'no'."""
    y, m, dd = claimed
    ey, em, ed = _parts(date)
    if y is None:
        if em is None:
            return "no"
        if em == m:
            return "yes"
        return "near" if min((em - m) % 12, (m - em) % 12) <= 1 else "no"
    if until is not None and until[0] is not None:
        lo = (y, m or 1, dd or 1)
        hi = (until[0], until[1] or 12, until[2] or 31)
        return "yes" if lo <= (ey, em or lo[1], ed or lo[2]) <= hi else "no"
    if ey == y and (m is None or em is None or em == m) and (dd is None or ed is None or ed == dd):
        return "yes"
    a = pd.Timestamp(y, m or 7, dd or 15)
    b = pd.Timestamp(ey, em or 7, ed or 15)
    return "near" if abs((a - b).days) <= 45 else "no"


def _clause(sentence: str, pos: int) -> str:
    """The clause a figure stands in (between commas, semicolons or dashes), with the next one when
    it is too short to say anything ('In November 2013, the first coal was shipped ...')."""
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^,;:—–()]+", sentence)]
    i = next((k for k, (a, b) in enumerate(parts) if a <= pos < b), None)
    if i is None:
        return sentence
    a, b = parts[i]
    while len(_words(sentence[a:b])) < 4 and i + 1 < len(parts):
        i += 1
        b = parts[i][1]
    return sentence[a:b]


def _check_date(st: Statement, d: Data, strong_only: bool = False) -> Finding | None:
    """A date next to a milestone the data records: does the data date that milestone the same?
    None when the date dates nothing the checker can name (a byline, a report's own date)."""
    f = st.figure
    pos = f.start - st.sentence_start - (len(st.sentence) - len(st.sentence.lstrip()))
    _w, to_milestone = _nearest(MILESTONE.pattern, st.sentence, pos, max_after=80)
    _w, to_report = _nearest(REPORTING.pattern, st.sentence, pos, max_after=30)
    if to_milestone == math.inf or to_report < to_milestone:
        return None
    if f.date[0] is None and st.year is None:
        return None  # 'in November' with no year in the sentence or the one before: nothing to hold it against
    if f.date[0] is None:
        f = replace(f, date=(st.year, *f.date[1:]))
    matches = _match(st.sentence if strong_only else _clause(st.sentence, pos), d)
    if not matches or matches[0][0] < MATCH_STRONG:
        return None if strong_only else Finding(st, "not_in_data", "events",
                                                d.say("no_event"))
    top = matches[0][0]
    tied = [m for score, m in matches if score >= top * 0.8]
    until = f.word and tuple(int(x) if x else None for x in f.word.split("-"))

    def finding(verdict: str, m: Milestone, detail: str) -> Finding:
        return Finding(st, verdict, m.dataset, detail, m.date, "", _parts(m.date)[0], _src(m.source_id), {"key": m.key})

    results = [(_agreement(f.date, until or None, m.date), m) for m in tied]
    for want, verdict in (("yes", "reproduced"), ("near", "close")):
        for a, m in results:
            if a == want:
                return finding(verdict, m, d.say("milestone", milestone=_milestone_text(m, d), date=m.date))
    m = tied[0]
    rival = next((score for score, other in matches if other.date != m.date), 0.0)
    if strong_only or top < 1.3 * rival:
        return None if strong_only else Finding(st, "not_in_data", "events",
                                                d.say("ambiguous"))
    return finding("contradicted", m, d.say("dated_otherwise", date=m.date, claimed=_date_text(f.date), milestone=_milestone_text(m, d)))


def _year_statements(text: str, stmts: list[Statement], d: Data) -> list[Finding]:
    """Bare years next to a milestone ('who last visited Russia in 2011') when, and only when, an
    event or milestone of that year matches the sentence strongly: other years are context, not claims."""
    out = []
    busy = {st.sentence_start for st in stmts}
    for s, e in sentences(text):
        sentence = text[s:e]
        if s in busy or not MILESTONE.search(sentence):
            continue
        for m in YEAR.finditer(sentence):
            fig = Figure(s + m.start(), s + m.start() + 4, "date", 0, 0, "date", date=(int(m.group("y")), None, None))
            st = Statement(fig, m.group("y"), sentence.strip(), s, _partners(sentence), None, None, int(m.group("y")), None)
            found = _check_date(st, d, strong_only=True)
            if found is not None and found.verdict == "reproduced":
                out.append(found)
    return out


# One check per kind of figure (KINDS).
_CHECKS = {"amount": _check_amount, "multiple": _check_multiple, "change": _check_change, "share": _check_share,
           "length": _check_length, "quantity": _check_quantity, "date": _check_date}


def normalize(text: str) -> str:
    """The text as the checker reads it (and as offsets in its findings count): one kind of line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str, data: Data, tr: i18n.Tr = i18n.ENGLISH) -> list[Finding]:
    """Every checkable statement in a text with its verdict, in reading order; what the data says is
    written in tr's language."""
    if not isinstance(text, str):
        raise CheckError("check.error.not_text")
    if len(text) > MAX_CHARS:
        raise CheckError("check.error.too_long", n=fmt.number(len(text)), max=fmt.number(MAX_CHARS))
    text = normalize(text)
    own = data.own_sources(text)
    data = _Run(data.without(own), tr)
    stmts = statements(text)
    out: list[Finding] = []
    for st in stmts:
        found = _CHECKS[st.figure.kind](st, data)
        if found is not None:
            out.append(found)
    out += _year_statements(text, stmts, data)
    return sorted(out, key=lambda x: x.statement.figure.start)


def table(findings: list[Finding]) -> pd.DataFrame:
    """One row per statement: the columns the page shows, the download holds and the CLI prints."""
    rows = [{
        "n": i + 1, "quote": f.statement.quote, "kind": f.statement.figure.kind, "verdict": f.verdict, "dataset": f.dataset,
        "detail": f.detail, "data_value": f.data_value, "statistic": f.statistic,
        "year": f.year, "source_id": f.source_id, "start": f.statement.figure.start, "end": f.statement.figure.end,
        "sentence": f.statement.sentence,
    } for i, f in enumerate(findings)]
    out = pd.DataFrame(rows, columns=COLUMNS + ["sentence"])
    out["year"] = out["year"].astype("Int64")
    return out


def summary(findings: list[Finding]) -> dict[str, int]:
    return {v: sum(f.verdict == v for f in findings) for v in VERDICTS}


@lru_cache(maxsize=1)
def _default_data(folder: str):
    from nkties.data import load_all
    b = load_all(folder)
    bad = b.problems_for("trade", "debt", "investments", "projects", "events", "project_status", "sources")
    if bad:
        raise CheckError("check.error.data", problems="; ".join(str(p) for p in bad[:3]))
    return Data.from_bundle(b), (b.frames.get("names") if b.ok("names") else None)


def main(argv: list[str] | None = None) -> int:
    """`python -m nkties.check FILE|-`: one CSV row per statement on standard output."""
    import argparse
    from pathlib import Path
    p = argparse.ArgumentParser(prog="python -m nkties.check", description=main.__doc__)
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument("--data", default=str(Path(__file__).resolve().parent.parent / "data"), help="the data folder")
    p.add_argument("--lang", default=i18n.DEFAULT, choices=i18n.LANGS,
                   help="the language of the detail column (verdicts, kinds and column names stay as codes)")
    args = p.parse_args(argv)
    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"nkties.check: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    try:
        data, names = _default_data(args.data)
        findings = check_text(text, data, i18n.Tr(args.lang, i18n.names_for(names, args.lang)))
    except CheckError as exc:
        print(f"nkties.check: {exc}", file=sys.stderr)
        return 2
    out = table(findings).drop(columns=["sentence"])
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(out.columns)
    for row in out.itertuples(index=False):
        w.writerow(["" if fmt.is_missing(v) else v for v in row])
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["CheckError", "Data", "Finding", "Statement", "check_text", "figures", "statements", "summary", "table"]
