"""Money amounts as sources write them, in English, Korean, Chinese, Japanese and Russian:
'$12.3 million', 'US$1.53bn', '6억 2천829만 달러', '1.2亿美元', '34,4 млн долларов'."""

from __future__ import annotations

import re

WORD_UNITS = {
    "trillion": 1e12, "tn": 1e12,
    "billion": 1e9, "billions": 1e9, "milliards": 1e9, "milliard": 1e9, "bn": 1e9, "b": 1e9, "млрд": 1e9,
    "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6, "млн": 1e6,
    "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "thousand": 1e3, "k": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3,
}
# Broadcast English spells decimals out: "20-point-eight million", "one-point-66 million".
_SPOKEN = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_POINT = re.compile(r"\b(\w+)-point-(\w+)\b", re.IGNORECASE)
CJK_UNITS = {"조": 1e12, "兆": 1e12, "억": 1e8, "亿": 1e8, "億": 1e8, "만": 1e4, "万": 1e4, "萬": 1e4,
             "천": 1e3, "千": 1e3, "백": 1e2, "百": 1e2}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_WORD_RE = "|".join(sorted((re.escape(u) for u in WORD_UNITS), key=len, reverse=True))
WESTERN = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_WORD_RE})?\.?(?![a-zа-я])", re.IGNORECASE)
_U = "".join(CJK_UNITS)
CJK = re.compile(rf"(?:{_NUM})\s*[{_U}](?:\s*(?:{_NUM})?\s*[{_U}])*(?:\s*{_NUM}(?![\d.,]))?")
_CJK_PART = re.compile(rf"({_NUM})?\s*([{''.join(CJK_UNITS)}])|({_NUM})")


def number(text: str) -> float:
    """'1,234.5' -> 1234.5; '34,4' (a decimal comma, as Russian writes) -> 34.4."""
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def cjk_amount(text: str) -> float:
    """'6억 2천829만' -> 628,290,000: groups of ten thousand, as Korean, Chinese and Japanese count."""
    total, section = 0.0, 0.0
    for num, unit, bare in _CJK_PART.findall(text):
        if bare:
            section += number(bare)
            continue
        u = CJK_UNITS[unit]
        # NOTE: a unit with no number of its own: '천만' is 1,000 x 10,000; '2억1천만': the 만 closes '1천'.
        n = number(num) if num else (0.0 if u >= 1e4 else 1.0)
        if u < 1e4:
            section += n * u
        else:
            total += (section + n) * u
            section = 0.0
    return total + section


def _spoken(text: str) -> str:
    def digits(w: str) -> str:
        return "".join(_SPOKEN.get(p, p) for p in w.lower().split("-"))
    return _POINT.sub(lambda m: f"{digits(m.group(1))}.{digits(m.group(2))}", text)


def amounts(text: str) -> list[float]:
    """Every amount a text states, in units (not millions): western and CJK notations."""
    text = _spoken(text)
    out = [cjk_amount(m.group(0)) for m in CJK.finditer(text)]
    for m in WESTERN.finditer(text):
        unit = (m.group("unit") or "").lower()
        out.append(number(m.group("num")) * WORD_UNITS.get(unit, 1.0))
    return out


def states(text: str, value: float, rel: float = 0.005) -> bool:
    """Does the text state this value (within rel, for rounding)?"""
    return any(abs(a - value) <= rel * abs(value) + 1 for a in amounts(text))
