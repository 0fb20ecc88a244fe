"""Search: a project or place found by any of its names, spellings or romanisations, in any language.

'Rason', 'Rajin-Sonbong', 'Najin', '라선', '나진' and 'Расон' find the same projects: names.csv gives
each project and place its Korean and Russian names and the other spellings sources use (aliases).
No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from nkties.i18n import fold

# A place's name shorter than this (folded) is not looked for inside project texts: it would match by chance.
MIN_PLACE_NAME = 3


@dataclass(frozen=True)
class Found:
    project_ids: tuple[str, ...]  # in the projects file's order
    places: tuple[str, ...]  # keys of the places whose names matched (names.csv, dataset places)


def _names(names: pd.DataFrame | None, dataset: str) -> pd.DataFrame:
    if names is None:
        return pd.DataFrame(columns=["dataset", "key", "field", "lang", "text"])
    return names[names["dataset"] == dataset]


def project_texts(projects: pd.DataFrame, names: pd.DataFrame | None) -> dict[str, set[str]]:
    """Every name a project goes by, folded: its English name and place, and names.csv's Korean and
    Russian names, places and aliases."""
    texts = {pid: {fold(n), fold(pl)} - {""} for pid, n, pl in zip(projects["project_id"], projects["name"], projects["place"].fillna(""),
                                                                   strict=False)}
    rows = _names(names, "projects")
    for pid, text in zip(rows["key"], rows["text"], strict=False):
        if pid in texts:
            texts[pid].add(fold(text))
    return texts


def place_names(names: pd.DataFrame | None) -> dict[str, set[str]]:
    """Each place's names and aliases in every language, folded."""
    out: dict[str, set[str]] = {}
    rows = _names(names, "places")
    for key, text in zip(rows["key"], rows["text"], strict=False):
        out.setdefault(key, set()).add(fold(text))
    return out


def find(query: str, projects: pd.DataFrame, names: pd.DataFrame | None) -> Found:
    """The projects a reader means by `query`: those with a name, place or alias containing it, and
    those that name a place one of whose names contains it (Расон -> Rason -> 'Rajin port, Rason')."""
    q = fold(query)
    if not q:
        return Found(tuple(projects["project_id"]), ())
    texts = project_texts(projects, names)
    places = {k: v for k, v in place_names(names).items() if any(q in n for n in v)}
    wanted = {n for v in places.values() for n in v if len(n) >= MIN_PLACE_NAME}
    hits = [pid for pid, ts in texts.items() if any(q in t for t in ts) or any(w in t for w in wanted for t in ts)]
    return Found(tuple(hits), tuple(places))
