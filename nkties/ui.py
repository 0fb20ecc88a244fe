"""Streamlit pieces shared by the pages: cached data, URL-bound widgets, sources, downloads."""

from __future__ import annotations

import contextlib
import itertools
import re
import threading
import weakref
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from nkties import calc, export, fmt, i18n, registry, schema, views
from nkties.data import Bundle, load_all

# Plotly loads base maps from this folder (static/ is served by Streamlit), so maps draw offline.
MAP_CONFIG = {"topojsonURL": "app/static/", "displaylogo": False}
CHART_CONFIG = {"displaylogo": False}
MAX_PARAM_LENGTH = 200
_SAFE_KEY = re.compile(r"^[a-z_]{1,30}$")
_FILE_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$:])")
_REFRAMED_KEY = "_nkties_reframed"
LANG_KEY = "lang"  # the sidebar switcher's key: the reader's language lives in their session, never in the process


IMAGE_KEY = "image_format"  # the sidebar's choice of what the camera button saves, per reader
IMAGE_FORMATS = ("png", "svg")


def chart(fig, key: str, file_name: str, base_map: bool = False) -> None:
    """A Plotly chart whose camera button saves the image the reader chose in the sidebar (PNG, or SVG
    for print and editing), named after the view (file_name.png / .svg). Drawn once per figure and
    choice of image, then replayed (see token)."""
    fmt_ = st.session_state.get(IMAGE_KEY, IMAGE_FORMATS[0])
    fmt_ = fmt_ if fmt_ in IMAGE_FORMATS else IMAGE_FORMATS[0]
    _drawn_chart(token(fig), key, _FILE_SAFE.sub("_", file_name)[:120], fmt_, base_map, fig)


def tabs(state_key: str, labels: dict[str, str]) -> dict[str, object]:
    """Tabs of which only the open one is drawn: code -> its container, or None while closed (a closed
    tab's chart delayed the first chart, bench/browser.py). The open tab is kept under state_key (a
    UrlState key, so the address names it) as its code, not its label, which changes with the language."""
    by_label = {label: code for code, label in labels.items()}

    def opened():
        st.session_state[state_key] = by_label.get(st.session_state[state_key + "_tab"], st.session_state[state_key])

    chosen = st.session_state[state_key] if st.session_state[state_key] in labels else next(iter(labels))
    made = st.tabs(list(labels.values()), key=state_key + "_tab", default=labels[chosen], on_change=opened)
    return {code: (tab if tab.open else None) for code, tab in zip(labels, made, strict=True)}


# One page run at a time in this process. Python runs one thread at a time anyway (the GIL): with
# fifty readers arriving at once, fifty script threads shared the interpreter in 5 ms slices, each
# one's first chart came when nearly all had finished, and the server's event loop, which sends the
# messages, waited its turn behind them. Taking turns does the same work in arrival order: the first
# readers get their page at once, the loop sends each page as it is made, and the last reader waits
# no longer than before (bench/load.py). A run that cannot get its turn within RUN_TURN_WAIT_S goes
# ahead anyway, so one slow run (a long article to check) delays others by at most that. More cores
# serve more readers as more processes (deploy/, bench/replicas.py), not more threads.
_RUN_TURN = threading.BoundedSemaphore(1)
RUN_TURN_WAIT_S = 2.0


@contextlib.contextmanager
def run_turn():
    """Hold this process's page-run turn for the duration of a script run (dashboard.py)."""
    got = _RUN_TURN.acquire(timeout=RUN_TURN_WAIT_S)
    try:
        yield
    finally:
        if got:
            _RUN_TURN.release()


# Drawing once per object. A page's figures and tables come from cached views: the same objects for
# every reader and rerun. Turning them into Streamlit's messages (a figure to JSON, a table to Arrow
# bytes, its column headers from the schema) was most of a page run; Streamlit's cache records the
# messages a cached function sends and replays them on a hit, so each object is converted once per
# process (and per language and image format), and a rerun sends the recorded message.
_TOKENS: dict[int, tuple] = {}
_TOKEN_COUNT = itertools.count()
_TOKEN_LOCK = threading.Lock()


def token(obj) -> int:
    """A process-unique number for this object while it lives (its id() may be reused after it dies:
    the weak reference tells the two apart)."""
    with _TOKEN_LOCK:
        hit = _TOKENS.get(id(obj))
        if hit and hit[0]() is obj:
            return hit[1]
        if len(_TOKENS) > 4096:
            _TOKENS.clear()
        n = next(_TOKEN_COUNT)
        try:
            _TOKENS[id(obj)] = (weakref.ref(obj), n)
        except TypeError:  # no weak references to it: a fresh number every time (never replayed wrongly)
            pass
        return n


@st.cache_resource(show_spinner=False, max_entries=256)
def _drawn_chart(obj: int, key: str, file_name: str, image_format: str, base_map: bool, _fig) -> None:
    config = {**(MAP_CONFIG if base_map else CHART_CONFIG),
              "toImageButtonOptions": {"format": image_format, "filename": file_name, "scale": 2}}
    st.plotly_chart(_fig, key=key, config=config)


def md_escape(text: str) -> str:
    """Text from data or the URL, shown as literal characters in Markdown (never as markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


class _Memo:
    """One result per argument tuple for this process, shared by every session, like
    st.cache_resource for pure functions, without its cost on a hit (Streamlit hashes the arguments
    through inspect.signature on every call: a tenth of a page run here). Computed under a lock, so
    readers arriving together compute a value once. Oldest entry out first beyond max_entries. For
    functions that draw (st.*), use st.cache_resource: it records and replays their messages."""

    def __init__(self, fn: Callable, max_entries: int, key: Callable = lambda *a: a):
        self._fn, self._max, self._key = fn, max_entries, key
        self._values: dict = {}
        self._lock = threading.RLock()
        self.__wrapped__ = fn

    def __call__(self, *args):
        k = self._key(*args)
        try:
            return self._values[k]
        except KeyError:
            pass
        with self._lock:
            if k not in self._values:
                value = self._fn(*args)
                while len(self._values) >= self._max:
                    self._values.pop(next(iter(self._values)))
                self._values[k] = value
            return self._values[k]

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


def _memo(max_entries: int, key: Callable = lambda *a: a):
    return lambda fn: _Memo(fn, max_entries, key)


# Load inputs.

@_memo(8)
def _bundle(folder: str) -> Bundle:
    # NOTE: one read-only bundle shared across sessions: read once per process.
    # Nothing may modify these frames in place; calc functions return new frames.
    return load_all(folder)


def _leave_pages_directory_mode() -> None:
    """Until some session in this process has run dashboard.py's st.navigation, Streamlit treats
    the pages/ folder the old way and runs pages/x.py on its own, without the app's frame (language,
    navigation). A deep link (/trade) as the first request after a cold start lands there, and so
    does every session that starts while the first one is still loading: two readers arriving at
    a fresh server at once was enough for one to get a KeyError. Whether this run went through the
    frame is also this session's own fact (dashboard.py sets the language in its first run), not only
    the process flag, which another session may have switched meanwhile. Switch and run again.

    NOTE: a private class attribute of Streamlit 1.67 (no public switch exists in that version);
    tests/test_pages.py::test_streamlit_still_has_the_pages_directory_switch fails the day it goes,
    and tests/test_browser.py checks the behaviour on a cold start, one reader and several at once."""
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):  # this process has not switched yet
        PagesManager.uses_pages_directory = False
        st.rerun()
    if LANG_KEY not in st.session_state and not st.session_state.get(_REFRAMED_KEY):  # another session switched it meanwhile
        st.session_state[_REFRAMED_KEY] = True  # once: a second pass without the frame would be a loop
        st.rerun()


def bundle() -> Bundle:
    _leave_pages_directory_mode()
    return _bundle(str(schema.data_dir()))


# The reader's language.

def lang() -> str:
    """This reader's language (set by dashboard.py from ?lang=, the browser, or the switcher)."""
    return i18n.supported(st.session_state.get(LANG_KEY, i18n.DEFAULT))


def t(key: str, /, **kwargs) -> str:
    """The catalogue string `key` in this reader's language (nkties.i18n.t with the session's language)."""
    return i18n.t(key, lang(), **kwargs)


@_memo(16)
def _translator(folder: str, language: str) -> i18n.Tr:
    # NOTE: names.csv is optional for every page: if it is broken the validator says so on the data
    # page, and names show in English.
    b = _bundle(folder)
    names = b.frames.get("names") if b.ok("names") else None
    return i18n.Tr(language, i18n.names_for(names, language))


def tr() -> i18n.Tr:
    """This reader's language with the data's names in it, to pass to views, charts and formats."""
    return _translator(str(schema.data_dir()), lang())


def _freeze(v):
    if isinstance(v, list):
        return tuple(v)
    return v


@_memo(512)
def _view(name: str, folder: str, kwargs: tuple):
    # NOTE: one result per (view function, arguments) per process, shared by every session.
    # Computed one at a time (the memo's lock): the views read the same shared frames, and pandas'
    # lazily built indexes are not safe to build from two threads at once (the work is GIL-bound anyway).
    return getattr(views, name)(_bundle(folder), **dict(kwargs))


def view(fn: Callable, **kwargs):
    """fn(bundle, **kwargs) for a function of nkties.views, computed once per process for each set
    of arguments (lists become tuples so that they can be cache keys)."""
    if getattr(views, fn.__name__, None) is not fn:
        raise ValueError(f"{fn.__name__} is not a function of nkties.views")
    return _view(fn.__name__, str(schema.data_dir()), tuple(sorted((k, _freeze(v)) for k, v in kwargs.items())))


def require(page_key: str) -> Bundle:
    """The data bundle if the datasets the page needs (nkties.registry) are sound; otherwise explain
    what is wrong and stop this page (other pages keep working)."""
    page = registry.page(page_key)
    names = page.needs
    b = bundle()
    problems = b.problems_for(*names)
    if problems or not all(b.frames.get(n) is not None for n in names):
        # File names come from the schema, never from the data or the URL.
        files = ", ".join(f"`{f}`" for f in dict.fromkeys(p.file for p in problems)) or t("ui.a_data_file")
        st.error(t("ui.page_cannot_be_shown", files=files, n=len(problems)))
        # NOTE: the problems themselves stay in English: they name files, lines and columns for whoever fixes the CSV.
        st.code("\n".join(str(p) for p in problems[:100]) or t("ui.file_unreadable"), language=None)
        st.stop()
    empty = [n for n in page.needs_rows if b[n].empty]
    if empty:
        files = ", ".join(f"`{schema.resource(n)['path']}`" for n in empty)
        st.info(t("ui.no_rows_yet", files=files))
        st.stop()
    return b


# URL-bound widgets: the view lives in the query string, so a copied link reopens it.

class UrlState:
    """Reads widget values from the URL once per session, validates them, and writes the
    current values back, so the address bar always holds the whole view."""

    def __init__(self, page: str):
        self.page = page
        self.lang = lang()
        self.notices: list[str] = []
        self.values: dict[str, str] = {}
        self._known: set[str] = {LANG_KEY}  # the language is part of every page's URL (dashboard.py reads it)
        self.too_long: list[str] = []
        self.notices += st.session_state.pop("_lang_notices", [])

    def _t(self, key: str, /, **kwargs) -> str:
        return i18n.t(key, self.lang, **kwargs)

    def _raw(self, key: str) -> str | None:
        vals = st.query_params.get_all(key)
        if not vals:
            return None
        if len(vals) > 1:
            self.notices.append(self._t("url.repeated", key=key, n=len(vals)))
        v = vals[0]
        if len(v) > MAX_PARAM_LENGTH:
            self.notices.append(self._t("url.too_long", key=key))
            return None
        return v

    def _init(self, key: str, parse: Callable[[str], object], default, describe: str):
        wkey = f"{self.page}_{key}"
        self._known.add(key)
        if wkey not in st.session_state:
            raw = self._raw(key)
            value = default
            if raw is not None:
                try:
                    value = parse(raw)
                except (ValueError, TypeError):
                    self.notices.append(self._t("url.must_be", key=key, describe=describe))
            st.session_state[wkey] = value
        else:
            # NOTE: Streamlit forgets a widget's value after a run that did not draw it (a closed tab's
            # widgets); set each run, the value is the page's, and the widget takes it when drawn again.
            st.session_state[wkey] = st.session_state[wkey]
        return wkey

    def choice(self, key: str, options: Sequence[str], default: str) -> str:
        def parse(raw):
            if raw not in options:
                raise ValueError
            return raw
        return self._init(key, parse, default, self._t("url.one_of", options=", ".join(map(str, options))))

    def multi(self, key: str, options: Sequence[str], default: Sequence[str]) -> str:
        def parse(raw):
            chosen = [o for o in raw.split(",") if o]
            if any(o not in options for o in chosen):
                raise ValueError
            return list(dict.fromkeys(chosen))
        return self._init(key, parse, list(default), self._t("url.list_of", options=", ".join(map(str, options))))

    def flag(self, key: str, default: bool) -> str:
        def parse(raw):
            if raw not in ("0", "1", "true", "false"):
                raise ValueError
            return raw in ("1", "true")
        return self._init(key, parse, default, self._t("url.flag"))

    def year_range(self, key: str, bounds: tuple[int, int], default: tuple[int, int]) -> str:
        lo, hi = bounds

        def parse(raw):
            a, b = (int(x) for x in raw.split("-", 1))
            a, b = max(lo, min(a, hi)), max(lo, min(b, hi))
            if (a, b) != tuple(int(x) for x in raw.split("-", 1)):
                self.notices.append(self._t("url.clamped", key=key, lo=lo, hi=hi))
            if a > b:
                raise ValueError
            return (a, b)
        return self._init(key, parse, tuple(default), self._t("url.year_range", lo=lo, hi=hi))

    def text(self, key: str, default: str) -> str:
        return self._init(key, str, default, self._t("url.text"))

    def year(self, key: str, options: Sequence[int], default: int) -> str:
        def parse(raw):
            y = int(raw)
            if y not in options:
                raise ValueError
            return y
        return self._init(key, parse, default, self._t("url.year", lo=min(options), hi=max(options)))

    @staticmethod
    def _encode(v) -> str:
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v):
            return f"{v[0]}-{v[1]}"
        if isinstance(v, (list, tuple)):
            return ",".join(map(str, v))
        return str(v)

    def sync(self) -> dict[str, str]:
        """Write every bound widget's value to the URL, drop unknown parameters, and show
        what was ignored. Returns the parameters written."""
        unknown = [k for k in st.query_params.keys() if k not in self._known]
        if unknown:
            shown = [k for k in unknown if _SAFE_KEY.match(k)]
            self.notices.append(self._t("url.unknown", names=", ".join(shown)) if shown else self._t("url.unknown_unnamed"))
        params = {k: self._encode(st.session_state[LANG_KEY if k == LANG_KEY else f"{self.page}_{k}"]) for k in sorted(self._known)}
        # NOTE: a value too long for an address (a pasted article) stays out of the URL; the page says so.
        self.too_long = sorted(k for k, v in params.items() if len(v) > MAX_PARAM_LENGTH)
        params = {k: v for k, v in params.items() if k not in self.too_long}
        if dict(st.query_params.to_dict()) != params:
            st.query_params.from_dict(params)
        for n in dict.fromkeys(self.notices):
            st.caption(f"⚠️ {md_escape(n)}")
        self.values = params
        return params


# Provenance, citations and downloads.

def permalink(params: dict[str, str]) -> str:
    """This page's address with every view parameter written out."""
    from urllib.parse import urlencode, urlsplit

    url = st.context.url or "http://localhost:8501/"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"?{urlencode(params)}" if params else "")


def cite(title: str, params: dict[str, str]) -> None:
    """A citation of exactly this view to copy, in the reader's language: title, permalink (with the
    language), data version, date."""
    params = {LANG_KEY: lang(), **params}
    text = export.citation(title, permalink(params), pd.Timestamp.today().date().isoformat(), lang=lang())
    # NOTE: a popover, not an expander: its content is drawn when opened, so the code block's
    # highlighter (1.5 MB of JavaScript) is not loaded with every page, ahead of its first chart.
    with st.popover(t("ui.cite"), icon=":material/format_quote:"):
        st.code(text, language=None, wrap_lines=True)




def download(df: pd.DataFrame, file_name: str, key: str, label: str | None = None) -> None:
    """A CSV of exactly this table, with the canonical English column names and codes whatever the
    reader's language (so files from any language join); built when clicked, not on every rerun."""
    st.download_button(label or t("ui.download_csv"), data=lambda: export.csv_bytes(df), file_name=f"{file_name}.csv",
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def _hidden(column) -> bool:
    """Internal columns and keys (project_id, source_id...) are not shown: the name, the source's
    publisher and link are; downloads keep every key."""
    c = str(column)
    return c.startswith("_") or c.endswith("_id") or c == "event_ref"


# Columns whose cells are codes of the data, shown in the reader's language (downloads keep the codes).
CODE_COLUMNS = {"partner": "partner", "status": "project_status", "sector": "sector", "statistic": "statistic",
                "primary_statistic": "statistic", "china_statistic": "statistic", "russia_statistic": "statistic",
                "stage": "investment_stage", "category": "event_category", "investor_country": "partner",
                "direction": "sanction_direction", "measure": "sanction_measure"}
LIST_COLUMNS = {"countries": "partner", "partners": "partner"}  # several codes, separated by ';'
# (key column, name column) -> (names.csv dataset, field): a row's name looked up by its key.
NAME_COLUMNS = {("project_id", "name"): ("projects", "name"), ("project_id", "project"): ("projects", "name"),
                ("project_id", "place"): ("projects", "place"), ("event_id", "title"): ("events", "title"),
                ("product_group", "name"): ("product_groups", "name")}


def localise(df: pd.DataFrame, tr: i18n.Tr, dataset: str | None = None) -> pd.DataFrame:
    """The table as this reader sees it: codes as words and the data's names in their language, English
    too ('Exports to North Korea', not 'to_dprk'). Column names and keys stay as they are (headers come
    from the schema, downloads from the untouched frame, which keep the codes)."""
    if df.empty:
        return df
    out = df.copy()
    for c in out.columns:
        col = out[c]
        if c == "flow":
            out[c] = col.map(lambda v: fmt.flow(v, tr.lang) if isinstance(v, str) else v)
        elif c == "series":
            out[c] = col.map(lambda v: calc.series_label(v, tr.lang) if isinstance(v, str) else v)
        elif c in ("kind", "verdict") and dataset == "check":
            # NOTE: the checker's verdicts and kinds read as words in every language, English too.
            out[c] = col.map(lambda v, c=c: tr(f"check.{c}.{v}") if isinstance(v, str) else v)
        elif c == "kind" and dataset != "sources":
            out[c] = col.map(lambda v: tr.code("debt_kind", v) if isinstance(v, str) else v)
        elif c in CODE_COLUMNS:
            out[c] = col.map(lambda v, f=CODE_COLUMNS[c]: tr.code(f, v) if isinstance(v, str) else v)
        elif c in LIST_COLUMNS:
            out[c] = col.map(lambda v, f=LIST_COLUMNS[c]: "; ".join(tr.code(f, x) for x in v.split(";")) if isinstance(v, str) else v)
    for (key, name), (ds, fieldname) in NAME_COLUMNS.items():
        if key in out.columns and name in out.columns:
            out[name] = [tr.name(ds, k, v, fieldname) if isinstance(v, str) else v for k, v in zip(df[key], df[name], strict=False)]
    return out


def _arrow(df: pd.DataFrame, tr: i18n.Tr, dataset: str | None = None):
    """The table as Arrow, as this reader sees it (once per table object and language: _drawn_table)."""
    import pyarrow as pa

    # NOTE: localised before the keys are dropped: names are looked up by their keys.
    shown = localise(df, tr, dataset)
    shown = shown.drop(columns=[c for c in shown.columns if _hidden(c)])
    try:
        return pa.Table.from_pandas(shown, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return shown  # mixed types Arrow refuses: Streamlit converts it itself


_LINK_TEXT = r"https?://(?:www\.)?([^/?#]+)"


def column_config(df: pd.DataFrame, dataset: str | None = None, link_columns: Sequence[str] = (), language: str | None = None) -> dict:
    """Headers, help and number formats from the schema (datapackage.json, its text in the reader's
    language from nkties/locales/schema.<lang>.json), nothing written here."""
    language = language or lang()
    cfg = {}
    for c in df.columns:
        key = schema.column_key(str(c), dataset)
        meta = schema.column_meta(str(c), dataset) or {"type": "string"}
        if key is None:
            label, unit, helptext = str(c).replace("_", " ").capitalize(), "", None
        else:
            label = i18n.t(f"schema.{key}.title", language)
            unit = meta.get("unit", "")
            unit_text = i18n.t(f"schema.{key}.unit", language) if unit else ""
            helptext = i18n.t(f"schema.{key}.description", language) if meta.get("description") else None
        if str(c).endswith("_url") or c in link_columns:
            cfg[c] = st.column_config.LinkColumn(label, help=helptext, display_text=_LINK_TEXT)
        elif pd.api.types.is_bool_dtype(df[c]):
            cfg[c] = st.column_config.CheckboxColumn(label, help=helptext)
        elif pd.api.types.is_numeric_dtype(df[c]):
            if unit == "US dollars":
                cfg[c] = st.column_config.NumberColumn(i18n.t("ui.column_usd", language, label=label), help=helptext, format="compact")
            elif unit == "percent":
                cfg[c] = st.column_config.NumberColumn(f"{label} (%)", help=helptext, format="%.1f")
            elif meta.get("type") == "integer" or unit == "calendar year":
                cfg[c] = st.column_config.NumberColumn(label, help=helptext, format="%d")
            else:
                cfg[c] = st.column_config.NumberColumn(f"{label} ({unit_text})" if unit else label, help=helptext, format="localized")
        else:
            cfg[c] = st.column_config.TextColumn(label, help=helptext)
    return cfg


def table(df: pd.DataFrame, key: str, link_columns: Sequence[str] = (), dataset: str | None = None, **kw) -> None:
    """A table with headers, help and formats from the schema, codes and names in the reader's
    language, links clickable, internal columns and source keys hidden (the source shows as
    publisher, title and link; downloads keep the keys and the English codes). Drawn once per
    table object and language, then replayed (see token)."""
    _drawn_table(token(df), key, tuple(link_columns), dataset, lang(), tuple(sorted(kw.items())), df)


@st.cache_resource(show_spinner=False, max_entries=256)
def _drawn_table(obj: int, key: str, link_columns: tuple, dataset: str | None, language: str, kw: tuple, _df) -> None:
    data = _arrow(_df, _translator(str(schema.data_dir()), language), dataset)
    shown = _df[[c for c in _df.columns if not _hidden(c)]]
    # NOTE: placeholder "": an empty cell is shown empty, not as "None".
    st.dataframe(data, hide_index=True, column_config=column_config(shown, dataset, link_columns, language), key=key, placeholder="",
                 **dict(kw))


SOURCES_INLINE = 5  # up to this many sources show as a caption; more fold under "Sources (n)"


def sources_caption(source_ids, sources: pd.DataFrame, key: str = "sources") -> None:
    """'Sources: publisher, title (date)' for the figures shown, each linked. A long list (a page's
    footer names up to 150 articles) folds under 'Sources (n)', drawn when opened (key: the fold's state)."""
    ids = tuple(dict.fromkeys(x for x in source_ids if pd.notna(x)))
    text, n = _sources_text(ids, lang(), token(sources), sources)
    if not n:
        return
    if n <= SOURCES_INLINE:
        st.caption(text)
        return
    # NOTE: folded: as a caption, a page's sources filled a third of a phone's page with links below the chart.
    with _fold(t("ui.sources_fold", n=fmt.number(n, lang())), key) as opened:
        if opened:
            st.caption(text)


@_memo(1024, key=lambda ids, language, table, _sources: (ids, language, table))
def _sources_text(ids: tuple, language: str, table: int, _sources: pd.DataFrame) -> tuple[str, int]:
    """The caption's text and how many sources it names (ids not in the table are left out)."""
    # NOTE: written once per set of sources and language: pandas lookups for every rerun were a fifth of a page run.
    s = _sources.set_index("source_id")
    links = export.source_link(_sources)
    parts = []
    for sid in ids:
        if sid not in s.index:
            continue
        r = s.loc[sid]
        dated = f" ({r['published']})" if pd.notna(r["published"]) else ""
        text = md_escape(f"{r['publisher']}, {r['title']}{dated}")
        url = links[sid]
        parts.append(f"[{text}]({url})" if str(url).startswith("http") else f"{text}, {md_escape(url)}")
    return (i18n.t("ui.sources", language, sources="; ".join(parts)) if parts else ""), len(parts)


def caveats(name: str) -> None:
    for i, _ in enumerate(schema.resource(name).get("caveats", [])):
        st.caption(f"ℹ️ {md_escape(t(f'schema.{name}.caveat.{i}'))}")


@contextlib.contextmanager
def _fold(label: str, key: str):
    """An expander whose content the caller draws only while it is open (yields whether it is). It
    stays open or closed as the reader left it when its label changes (a count, the language): the
    state is kept under key, not under the label."""
    state = f"{key}_open"

    def toggled():
        st.session_state[state] = st.session_state[f"{key}_fold"]

    with st.expander(label, expanded=bool(st.session_state.get(state, False)), key=f"{key}_fold", on_change=toggled) as fold:
        yield fold.open


def folded_table(title: str, df: pd.DataFrame, key: str, file_name: str | None = None, dataset: str | None = None) -> None:
    """A table folded under its title and row count, drawn only while open, and (if file_name) its CSV
    download below the fold. For a chart's figures (its text alternative, one click away) and the
    reference tables below it."""
    # NOTE: drawn only while open: the tables below a chart, drawn with the page, delayed its first
    # chart (Monthly 1.68x -> 1.48x, What is traded 1.50x -> 1.36x the one-chart page in bench/browser.py).
    with _fold(f"{title} ({fmt.number(len(df), lang())})", key) as opened:
        if opened:
            table(df, key=f"{key}_table", dataset=dataset)  # its dataset's titles first (projects' 'name' is "Name")
    if file_name:
        # Named after its table: below a row of folds, "Download CSV" alone did not say which table it was.
        download(df, file_name, key=f"download_{key}", label=t("ui.download_table", table=title))


def section(title: str, df: pd.DataFrame, key: str, file_name: str | None = None) -> None:
    """A heading, the table, and (if file_name) its CSV download."""
    st.subheader(title)
    table(df, key=f"{key}_table")
    if file_name:
        download(df, file_name, key=f"download_{key}")


def footer(dataset: str, source_ids, sources: pd.DataFrame, title: str, params: dict[str, str]) -> None:
    """What closes every page: the dataset's caveats, the sources of what is shown, the citation."""
    caveats(dataset)
    sources_caption(source_ids, sources)
    cite(title, params)
