"""The dashboard in its readers' languages: one catalogue per language, the reader's language, data names.

Every interface string is a key in nkties/locales/<lang>.json (a flat JSON object, str.format
placeholders); the schema's own text (titles, descriptions, caveats) is English in datapackage.json
and Korean and Russian in nkties/locales/schema.<lang>.json. Nothing here is process-wide state: the
language travels as an argument (t(key, lang), Tr(lang, names)), because one Streamlit process serves
readers in several languages at once.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LANGS = ("en", "ko", "ru")
DEFAULT = "en"
# Each language's name in that language: what the switcher shows, so a reader finds their own.
NATIVE = {"en": "English", "ko": "한국어", "ru": "Русский"}
# A pseudo-language for tests only: every string of the English catalogue (and every data name)
# wrapped in these marks, so text on a page that lacks them bypassed the catalogue.
PSEUDO = "xx"
PSEUDO_ENV = "NKTIES_PSEUDO_LANG"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
LOCALES = Path(__file__).resolve().parent / "locales"
_FIELD = re.compile(r"{(\w+)(?:[:!][^}]*)?}")


def langs() -> tuple[str, ...]:
    """The languages a reader may choose (the pseudo-language only when a test turns it on)."""
    return (*LANGS, PSEUDO) if os.environ.get(PSEUDO_ENV) == "1" else LANGS


def pseudo(text: str) -> str:
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}"


# Catalogues.

def _read(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_text_en() -> dict[str, str]:
    """The schema's English text under its catalogue keys (datapackage.json is the English catalogue of itself)."""
    from nkties import schema

    pkg = schema.package()
    out = {"package.title": pkg["title"], "package.description": pkg["description"]}
    for r in pkg["resources"]:
        n = r["name"]
        out[f"{n}.title"] = r["title"]
        out[f"{n}.description"] = r["description"]
        for i, c in enumerate(r.get("caveats", [])):
            out[f"{n}.caveat.{i}"] = c
        for f in r["schema"]["fields"]:
            _field_text(out, f"{n}.{f['name']}", f)
    for f in pkg.get("x_derived_fields", []):
        _field_text(out, f"derived.{f['name']}", f)
    return out


def _field_text(out: dict, key: str, f: dict) -> None:
    out[f"{key}.title"] = f.get("title", f["name"])
    for part in ("description", "unit"):
        if f.get(part):
            out[f"{key}.{part}"] = f[part]


def interface_catalogue(lang: str) -> dict[str, str]:
    """The interface strings of one language, as the file holds them (tests read this)."""
    return _read(LOCALES / f"{lang}.json")


def schema_catalogue(lang: str) -> dict[str, str]:
    return schema_text_en() if lang == "en" else _read(LOCALES / f"schema.{lang}.json")


@lru_cache(maxsize=8)
def catalogue(lang: str) -> Mapping[str, str]:
    """Every string of one language: interface keys as they are, schema keys under 'schema.'."""
    if lang == PSEUDO:
        return {k: pseudo(v) for k, v in catalogue("en").items()}
    return {**interface_catalogue(lang), **{f"schema.{k}": v for k, v in schema_catalogue(lang).items()}}


def supported(lang) -> str:
    return lang if lang in langs() else DEFAULT


def has(key: str) -> bool:
    return key in catalogue(DEFAULT)


def t(key: str, lang: str, /, **kwargs) -> str:
    """The string `key` in `lang`, its {placeholders} filled from kwargs. A key missing from a language
    falls back to English (tests/test_i18n.py fails on any missing key); an unknown key raises KeyError."""
    text = catalogue(supported(lang)).get(key)
    if text is None:
        text = catalogue(DEFAULT)[key]
    return text.format(**kwargs)


def placeholders(text: str) -> set[str]:
    return set(_FIELD.findall(text))


# The reader's language.

def from_locale(locale: str | None) -> str:
    """'ko-KR' -> 'ko'; a browser language we do not have -> English."""
    primary = str(locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGS else DEFAULT


def resolve(param: str | None, locale: str | None) -> tuple[str, bool]:
    """The language to show: the URL's ?lang= if it is one we have, else the browser's, else English.
    Returns (language, True if the URL asked for a language we do not have)."""
    if param is not None and param in langs():
        return param, False
    return from_locale(locale), param is not None


# Babel's locale for each language (the pseudo-language writes numbers as English does).
BABEL = {"en": "en", "ko": "ko", "ru": "ru", PSEUDO: "en"}


# Data names: projects, places, statuses, sectors, partners, statistics, events, product groups.

@dataclass(frozen=True)
class Tr:
    """One reader's language and the data's names in it: passed to views and charts, never stored
    process-wide. tr('key', n=1) is t('key', lang, n=1); tr.name(...) and tr.code(...) name data."""

    lang: str
    names: Mapping[tuple[str, str, str], str] = field(default_factory=dict)  # (dataset, key, field) -> text in lang

    def __call__(self, key: str, /, **kwargs) -> str:
        return t(key, self.lang, **kwargs)

    @property
    def babel(self) -> str:
        return BABEL.get(self.lang, "en")

    def name(self, dataset: str, key, default, column: str = "name") -> str:
        """A row's name in the reader's language: names.csv's, else the English one from the data."""
        if default is None or (not isinstance(default, str) and default != default):
            return default
        if self.lang == PSEUDO:
            return pseudo(str(default))
        if self.lang == DEFAULT:
            return str(default)
        return self.names.get((dataset, str(key), column), str(default))

    def code(self, family: str, value) -> str:
        """A code from the data (a partner, status, sector, statistic, stage...) as words in the
        reader's language: under_construction -> 'under construction', 'строится', '건설 중'."""
        if value is None or (not isinstance(value, str) and value != value):
            return ""
        english = str(value).replace("_", " ") if family in CODE_WORDS else str(value)
        text = self.name("codes", value, english, family)
        if self.lang == "ru" and family in CODE_WORDS and text[1:2].islower():
            text = text[:1].lower() + text[1:]  # NOTE: a word inside a sentence; code_title capitalises it again
        return text

    def code_title(self, family: str, value) -> str:
        text = self.code(family, value)
        return text[:1].upper() + text[1:]

    def codes(self, family: str, values: Iterable) -> list[str]:
        return [self.code(family, v) for v in values]


# Families of codes written as lower-case words (the others are proper names: Russia, KOTRA). The
# families are names.csv's (field of its codes rows).
CODE_WORDS = {"project_status", "sector", "investment_stage", "event_category", "debt_kind", "sanction_measure", "sanction_direction"}
ENGLISH = Tr(DEFAULT)


def names_for(names_frame, lang: str) -> dict[tuple[str, str, str], str]:
    """(dataset, key, field) -> text for one language, from names.csv (aliases are for search only)."""
    if names_frame is None or lang in (DEFAULT, PSEUDO):
        return {}
    rows = names_frame[(names_frame["lang"] == lang) & (names_frame["field"] != ALIAS)]
    return {(d, str(k), f): str(x) for d, k, f, x in zip(rows["dataset"], rows["key"], rows["field"], rows["text"], strict=False)}


# Search: a project or place found by any of its names or romanisations.

ALIAS = "alias"  # names.csv field for other spellings and romanisations that search finds but no page shows


def fold(text) -> str:
    """A name as search compares it: case, accents, hyphens, apostrophes and spaces ignored, Korean
    syllables kept whole ('Rajin-Sŏnbong' == 'rajin sonbong' == 'RajinSonbong')."""
    s = unicodedata.normalize("NFKD", str(text)).casefold()
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = unicodedata.normalize("NFC", s).replace("ё", "е")
    return re.sub(r"[\s\-‐–—'’ʼ`.,()/;:]+", "", s)
