"""Korean, English and Russian: complete catalogues, every page in every language, no string that
bypasses the catalogue (a pseudo-language finds them), formats, search by any name, language in the URL."""

import io
import json
import re
import zipfile

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nkties import calc, export, fmt, i18n, registry, schema, search
from nkties.data import load_all
from nkties.measures import MEASURES
from tests.conftest import DATA, ROOT
from tests.test_pages import PAGES, blocks, folds, open_page

SOURCE_FILES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "nkties").glob("*.py"))]
# A catalogue key written out in the code: t("key"), tr("key"), ui.t("key"), i18n.t("key", lang), self._t("key").
LITERAL_KEY = re.compile(r"""(?:\btr|\bt|\._t|\bi18n\.t)\(\s*f?["']([a-z_]+(?:\.[A-Za-z_ ]+)+)["']""")


def open_in(page: str, lang: str, params: dict | None = None) -> AppTest:
    """A page opened by a reader whose first request asked for ?lang=<lang>."""
    return open_page(page, params, lang)


# Catalogues.

def literal_keys() -> set[str]:
    found = set()
    for path in SOURCE_FILES:
        found |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return found


def dynamic_keys() -> set[str]:
    """Keys the code builds from data it holds: each family is named here with where it comes from."""
    keys = {f"page.{p.key}.title" for p in registry.PAGES}
    keys |= {calc.series_key(s) for s in calc.SERIES}
    keys |= {f"measure.{m}.{part}" for m in MEASURES for part in ("label", "axis")}
    keys |= {f"flow.{f}{suffix}" for f in fmt.FLOW_LABELS for suffix in ("", ".in_sentence")}
    keys |= {key for _, key in fmt._HOW}
    units = set(load_all(DATA)["trade_products"]["quantity_unit"].dropna()) | {"US dollars"}
    keys |= {f"chart.unit.{u}" for u in units}
    keys |= {f"schema.{k}" for k in i18n.schema_text_en()}
    # The article checker: its messages are d.say("name") (prefixed check.msg.), two of them built as
    # "computed_" + what; its errors are CheckError("key"); verdicts, kinds and examples by number.
    from nkties import check
    source = (ROOT / "nkties" / "check.py").read_text(encoding="utf-8")
    keys |= {f"check.msg.{k}" for k in re.findall(r"""\.say\(\s*["'](\w+)["']""", source)}
    keys |= {"check.msg.computed_written_off", "check.msg.computed_remaining"}
    keys |= set(re.findall(r"""CheckError\(\s*["']([\w.]+)["']""", source))
    keys |= {f"check.verdict.{v}" for v in check.VERDICTS} | {f"check.kind.{k}" for k in check.KINDS}
    keys |= {f"check.example.{i}" for i in (1, 2, 3)}
    keys |= {f"chart.place.{k}" for k in schema.enum("places", "kind")}  # the map's places, by their kind
    from nkties import ui
    keys |= {f"app.image.{f}" for f in ui.IMAGE_FORMATS}  # the sidebar's chart download formats
    return keys


def test_every_key_is_in_every_catalogue_with_the_same_placeholders():
    en = i18n.interface_catalogue("en")
    for lang in ("ko", "ru"):
        other = i18n.interface_catalogue(lang)
        assert set(en) - set(other) == set(), f"missing from {lang}.json"
        assert set(other) - set(en) == set(), f"{lang}.json has keys en.json lacks"
        for k, v in en.items():
            assert i18n.placeholders(other[k]) == i18n.placeholders(v), (lang, k)
            assert other[k].strip(), (lang, k)
        schema_en, schema_other = i18n.schema_catalogue("en"), i18n.schema_catalogue(lang)
        assert set(schema_en) == set(schema_other), f"schema.{lang}.json does not cover datapackage.json's text"


def test_every_key_in_the_code_exists_and_every_catalogue_key_is_used():
    en = set(i18n.catalogue("en"))
    used = literal_keys() | dynamic_keys()
    assert literal_keys() - en == set(), "the code asks for keys no catalogue has"
    assert en - used == set(), "catalogue keys nothing uses: remove them, or name their family in dynamic_keys()"


def test_catalogue_detection_finds_a_missing_key(tmp_path, monkeypatch):
    """The completeness test is real: a catalogue without a key fails it."""
    import shutil

    shutil.copytree(i18n.LOCALES, tmp_path, dirs_exist_ok=True)
    ko = i18n.interface_catalogue("ko")
    ko.pop("ui.cite")
    (tmp_path / "ko.json").write_text(json.dumps(ko, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    assert "ui.cite" not in i18n.interface_catalogue("ko")
    with pytest.raises(AssertionError):
        test_every_key_is_in_every_catalogue_with_the_same_placeholders()


def test_t_fills_placeholders_and_falls_back_to_english():
    assert i18n.t("projects.count", "ru", shown=3, total=16) == "Проектов: 3 из 16"
    assert i18n.t("projects.count", "ko", shown=3, total=16) == "사업 16개 중 3개"
    assert i18n.t("projects.count", "zz", shown=3, total=16) == "3 of 16 projects"  # an unknown language: English
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


# Formats.

@pytest.mark.parametrize("value,ko,ru", [
    (2_640_000_000, "26억 4천만 달러", "2,64\u00a0млрд долл."),
    (6_390_000_000, "63억 9천만 달러", "6,39\u00a0млрд долл."),
    (112_700_000, "1억 1,270만 달러", "112,7\u00a0млн долл."),
    (34_000_000, "3,400만 달러", "34\u00a0млн долл."),
    (318_040_000, "3억 1,800만 달러", "318\u00a0млн долл."),
    (42_000, "4만 2천 달러", "42\u00a0тыс. долл."),
    (950, "950 달러", "950\u00a0долл."),
])
def test_money_in_korean_and_russian(value, ko, ru):
    assert fmt.usd(value, "ko") == ko
    assert fmt.usd(value, "ru") == ru
    assert fmt.usd(value) == fmt.usd(value, "en")


def test_numbers_percentages_and_months_follow_the_language():
    assert fmt.pct(12.34, lang="ru") == "12,3\u00a0%" and fmt.pct(12.34, lang="ko") == "12.3%"
    assert fmt.pct(-3.0, signed=True, lang="ru") == "-3,0\u00a0%"
    assert fmt.times(1.62, "ru") == "1,6×" and fmt.times(58.2, "en") == "58×"
    assert fmt.number(1234567, "ru") == "1\u00a0234\u00a0567"
    assert fmt.month("2020-03", "ko") == "2020년 3월"
    assert fmt.month("2020-03", "ru").startswith("мар")
    assert fmt.month("2020-03") == "Mar 2020"
    assert fmt.usd(None, "ko") == "자료 없음" and fmt.usd(None, "ru") == "нет данных"
    assert fmt.how("months added up", "ko") == "월별 수치의 합"
    assert fmt.how("value ÷ KOTRA total for the flow (1,234 US dollars)", "ru") == "стоимость ÷ итог KOTRA по потоку (1\u00a0234 долл.)"


# The reader's language.

@pytest.mark.parametrize("param,locale,want,unknown", [
    ("ko", "en-US", "ko", False), (None, "ru-RU", "ru", False), (None, "ko_KR", "ko", False), (None, "fr-FR", "en", False),
    (None, None, "en", False), ("xx", "ru-RU", "ru", True), ("KO", None, "en", True), ("", "ko", "ko", True),
])
def test_language_from_url_then_browser_then_english(param, locale, want, unknown):
    assert i18n.resolve(param, locale) == (want, unknown)


# Every page in every language.

@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_every_language(page, lang):
    at = open_in(page, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert len(at.get("plotly_chart")) == registry.page(page).charts
    assert at.query_params["lang"] in ([lang], lang)
    assert at.sidebar.segmented_control(key="lang").value == lang
    assert at.title[0].value == i18n.t(f"{page}.title", lang)


def test_switching_language_in_the_sidebar_keeps_the_view_and_writes_the_url():
    at = open_page("trade", {"flow": "to_dprk"})
    assert at.title[0].value == "Trade with North Korea: Russia and China"
    at.sidebar.segmented_control(key="lang").set_value("ru").run()
    assert at.title[0].value == "Торговля с КНДР: Россия и Китай"
    assert at.segmented_control(key="trade_flow").value == "to_dprk"
    assert at.query_params["lang"] in (["ru"], "ru") and at.query_params["flow"] in (["to_dprk"], "to_dprk")
    assert "lang=ru" in at.code[-1].value and "Версия данных" in at.code[-1].value  # the citation, in Russian, with the language


@pytest.mark.parametrize("value", ["xx", "de", "<script>", "ko,ru", "K" * 500])
def test_an_unknown_language_falls_back_with_a_notice(value):
    at = open_in("overview", value)  # the first run of the session reads ?lang= (a deep link's first run is its page)
    assert not at.exception and not at.error
    assert at.title[0].value == "North Korea's economic ties with Russia and China"
    assert any("'lang' must be one of en, ko, ru" in c.value.replace("\\", "") for c in at.caption), [c.value for c in at.caption]
    assert at.query_params["lang"] in (["en"], "en")


def test_korean_overview_writes_money_in_eok_and_man():
    at = open_in("overview", "ko")
    t = load_all(DATA)["trade"]
    y = calc.latest_common_year(t)
    china = calc.headline(t, y).set_index("partner").loc["China", "value_usd"]
    m = next(m for m in at.metric if m.label == "중국-북한 교역")
    assert m.value == fmt.usd(china, "ko") and m.value.endswith("달러") and "억" in m.value


def test_names_come_from_names_csv_and_downloads_keep_english_codes():
    at = open_in("projects", "ru", {"project": "new_yalu_bridge", "view": "detail"})
    assert at.subheader[0].value == "Новый мост через Ялуцзян"
    (table,) = folds(at)["projects"].dataframe
    shown = table.value
    assert "Россия" in set(shown["partner"]) and "Russia" not in set(shown["partner"])  # the table speaks Russian...
    # ...the download is the untouched frame: English names, codes and column names.
    v = load_all(DATA)
    names = dict(zip(v["projects"]["project_id"], v["projects"]["name"]))
    assert names["new_yalu_bridge"] == "New Yalu River Bridge"
    csv = export.csv_bytes(v["projects"]).decode()
    assert csv.splitlines()[0].startswith("project_id,name,partner")


def test_zip_readme_and_citation_in_the_readers_language():
    cite = export.citation("Данные и источники", "http://127.0.0.1/data-and-sources?lang=ru", "2026-12-01", lang="ru")
    z = zipfile.ZipFile(io.BytesIO(export.zip_bytes(None, cite, lang="ru")))
    readme = z.read("README.txt").decode()
    assert readme.startswith("Экономические связи КНДР с Россией и Китаем") and "Как цитировать" in readme and cite in readme
    assert z.read("trade.csv").decode().splitlines()[0] == (DATA / "trade.csv").read_text(encoding="utf-8").splitlines()[0]


# Search by any name.

RASON = ["Rason", "Rajin-Sonbong", "라선", "나선", "Расон", "rajin sonbong", "RASON"]
NAJIN = ["Najin", "Rajin", "나진", "라진", "Раджин"]


def test_search_finds_the_same_projects_by_any_name_of_a_place():
    b = load_all(DATA)
    found = {q: set(search.find(q, b["projects"], b["names"]).project_ids) for q in RASON + NAJIN}
    rason = found["Rason"]
    assert {"rajin_port_terminal3", "rason_power_line", "rason_china_zone"} <= rason
    assert all(found[q] == rason for q in RASON), found
    assert all(found[q] == found["Najin"] for q in NAJIN), found
    assert rason <= found["Najin"] and "vladivostok_rajin_ferry" in found["Najin"]  # Rajin is a port inside Rason
    assert set(search.find("Туманная", b["projects"], b["names"]).project_ids) >= {"tumen_road_bridge"}  # the Tumen, as Russia names it
    assert search.find("no such place", b["projects"], b["names"]).project_ids == ()
    assert len(search.find("", b["projects"], b["names"]).project_ids) == len(b["projects"])


@pytest.mark.parametrize("lang,query", [("en", "Najin"), ("ko", "라선"), ("ru", "Расон")])
def test_projects_page_search_narrows_the_tracker(lang, query):
    at = open_in("projects", lang, {"q": query})
    assert not at.exception
    shown = at.dataframe[0].value
    b = load_all(DATA)
    want = set(search.find(query, b["projects"], b["names"]).project_ids)
    assert 0 < len(shown) < len(b["projects"]) and len(shown) == len(want)
    assert at.text_input(key="projects_q").value == query
    assert any(i18n.t("projects.places_found", lang, places="")[:6] in c.value for c in at.caption)


# The pseudo-language: any interface string that does not come from a catalogue stays unwrapped.


def _texts(at: AppTest) -> list[tuple[str, str]]:
    """Every piece of interface text the page shows, with where it is."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success"):
        out += [(kind, e.value) for e in at.get(kind)]
    out += [("markdown", e.value) for e in at.markdown]
    for m in at.metric:
        out += [("metric label", m.label)] + ([("metric help", m.help)] if m.help else [])
        out += [("metric delta", m.proto.delta)] if m.proto.delta and not re.fullmatch(r"[\d.,\s%+-]*", m.proto.delta) else []
    for kind in ("selectbox", "multiselect", "radio", "button_group", "slider", "select_slider", "toggle", "text_input"):
        for w in at.get(kind):
            if w.key == "lang":
                continue  # each language's own name (English, 한국어, Русский): the same in every language by design
            out.append((f"{kind} {w.key} label", w.label))
            if w.help:
                out.append((f"{kind} {w.key} help", w.help))
            if kind in ("selectbox", "multiselect", "radio", "button_group") and not all(str(o).isdigit() for o in w.options):
                out += [(f"{kind} {w.key} option", str(o)) for o in w.options]
    out += [("expander", e.label) for e in at.expander]
    out += [("popover", b.proto.popover.label) for b in blocks(at._tree) if b.type == "popover"]
    out += [("tab", t.label) for t in at.tabs]
    out += [("download", d.proto.label) for d in at.get("download_button")]
    for d in at.dataframe:
        for col, cfg in json.loads(d.proto.columns).items():
            if cfg.get("label"):
                out.append((f"column {col}", cfg["label"]))
            if cfg.get("help"):
                out.append((f"column {col} help", cfg["help"]))
    for i, c in enumerate(at.get("plotly_chart")):
        fig = json.loads(c.proto.spec)
        layout = fig.get("layout", {})
        out.append((f"chart {i} title", layout.get("title", {}).get("text", "")))
        out.append((f"chart {i} subtitle", layout.get("title", {}).get("subtitle", {}).get("text", "")))
        for ax in [k for k in layout if k.startswith(("xaxis", "yaxis"))]:
            title = (layout[ax].get("title") or {}).get("text")
            if title:
                out.append((f"chart {i} {ax}", title))
        for tr in fig.get("data", []):
            if tr.get("name") and tr.get("showlegend", True) is not False and not re.fullmatch(r"\d{4}", str(tr["name"])):
                out.append((f"chart {i} legend", tr["name"]))
            hover = tr.get("hovertext")
            for h in ([hover] if isinstance(hover, str) else hover or []):
                if h:
                    out.append((f"chart {i} hover", h))
    return out


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setenv(i18n.PSEUDO_ENV, "1")
    yield i18n.PSEUDO


@pytest.mark.parametrize("page,params", [(p, {}) for p in PAGES if p != "projects"]
                         + [("projects", {"q": "Rason"}), ("projects", {"view": "detail"})])  # the detail: its own tab
def test_no_interface_string_bypasses_the_catalogue(page, params, pseudo):
    at = open_in(page, pseudo, params)
    assert not at.exception, [e.value for e in at.exception]
    texts = _texts(at)
    assert len(texts) > 10
    bare = [(where, text[:120]) for where, text in texts if text and i18n.PSEUDO_OPEN not in text]
    # NOTE: st.text (a project's summary: English prose from projects.csv) and metric values (figures) are not read.
    assert bare == [], f"{page}: text that does not come from a catalogue"


def test_the_pseudo_language_is_for_tests_only():
    assert i18n.PSEUDO not in i18n.langs()
    assert i18n.resolve(i18n.PSEUDO, None) == ("en", True)


def test_pseudo_test_catches_a_hard_coded_string(pseudo, monkeypatch):
    """The detector is real: a caption written outside the catalogue is reported."""
    import streamlit as st

    from nkties import ui

    original = ui.caveats

    def caveats_with_a_bare_string(name):
        original(name)
        st.caption("A string nobody translated")

    monkeypatch.setattr(ui, "caveats", caveats_with_a_bare_string)
    at = open_in("debt", pseudo)
    bare = [t for _, t in _texts(at) if i18n.PSEUDO_OPEN not in t]
    assert "A string nobody translated" in bare


# names.csv: validated like every dataset.

def test_every_project_event_and_product_group_has_korean_and_russian_names():
    b = load_all(DATA)
    assert not b.problems_for("names")
    names = b["names"]
    for ds, col in (("projects", "project_id"), ("events", "event_id"), ("product_groups", "product_group")):
        for lang in ("ko", "ru"):
            have = set(names[(names["dataset"] == ds) & (names["lang"] == lang) & (names["field"] != "alias")]["key"])
            assert set(b[ds][col]) <= have, (ds, lang)


@pytest.mark.parametrize("row,message", [
    ("projects,no_such_project,name,ko,없는 사업,,", "'no_such_project' is not a project_id"),
    ("codes,flying,project_status,ru,летает,,", "'flying' is not a project_status code"),
    ("codes,Russia,partner,ko,러시아 연방,,", "a second ko partner for codes 'Russia'"),
    ("events,2006_unsc_resolution_1718,name,ko,결의,,", "events rows name title"),
    ("projects,new_yalu_bridge,name,en,New bridge,,", "English names are the ones in the named file"),
    ("projects,new_yalu_bridge,name,ko,신압록강대교 2,no_such_source,", "'no_such_source' is not a source_id"),
])
def test_a_name_that_resolves_to_nothing_is_a_problem(data_copy, row, message):
    with open(data_copy / "names.csv", "a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    problems = [p for p in load_all(data_copy).problems if p.dataset == "names"]
    assert any(message in p.message for p in problems), [str(p) for p in problems]


def test_a_project_without_a_russian_name_is_a_problem(data_copy):
    lines = (data_copy / "names.csv").read_text(encoding="utf-8").splitlines()
    kept = [ln for ln in lines if not ln.startswith("projects,new_yalu_bridge,name,ru,")]
    assert len(kept) == len(lines) - 1
    (data_copy / "names.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = [str(p) for p in load_all(data_copy).problems if p.dataset == "names"]
    assert any("projects 'new_yalu_bridge' has no ru name" in p for p in problems), problems


def test_names_csv_is_described_once_in_the_schema():
    r = schema.resource("names")
    assert [f["name"] for f in r["schema"]["fields"]] == list(pd.read_csv(DATA / "names.csv", nrows=0).columns)
    assert all(f.get("title") and f.get("description") for f in r["schema"]["fields"])


@pytest.mark.parametrize("lang,claim,verdict_label,said", [
    ("ko", "2023년 북중 교역액은 23억 달러", "✓ 일치", "같은 수치를 줍니다"),
    ("ru", "товарооборот России и КНДР в 2023 году составил 34,4 млн долларов", "✓ Подтверждено", "Подтверждается"),
    ("en", "2023년 북중 교역액은 23억 달러", "✓ Reproduced", "Reproduced by"),
])
def test_check_page_reads_a_claim_in_any_language_and_answers_in_the_readers(lang, claim, verdict_label, said):
    at = open_in("check", lang, {"claim": claim})
    assert not at.exception
    assert next(m for m in at.metric if m.label == verdict_label).value == "1"
    shown = at.dataframe[0].value
    assert said in shown["detail"].iloc[0] and shown["verdict"].iloc[0] == i18n.t("check.verdict.reproduced", lang)
    assert any(said in md.value for md in at.markdown)


def test_check_command_line_answers_in_the_language_asked(tmp_path):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "nkties.check", "-", "--lang", "ru"], input="China-North Korea trade was $3.3bn in 2023",
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "contradicted" in out.stdout and "В данных" in out.stdout and "млрд" in out.stdout
