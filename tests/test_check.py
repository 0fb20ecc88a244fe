"""The article checker: every checkable statement of the five seed articles gets the verdict it was
hand-checked to deserve, any text gives a result or a clear message, and the command line works."""

import csv
import io
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkties import check, claims
from nkties.data import load_all
from tests.conftest import DATA, ROOT, SEEDS


@pytest.fixture(scope="module")
def data():
    return check.Data.from_bundle(load_all(DATA))


def verdicts(text, data):
    return [(f.statement.quote, f.statement.figure.kind, f.verdict) for f in check.check_text(text, data)]


# Hand-checked against data/ and the sources behind it (see the comments); the order is the text's.
SEED_VERDICTS = {
    "000_573249c6537252a6.txt": [
        # 'since Kim Jong-un took power in Dec. 2012': the data has no event for taking power (he did in Dec. 2011).
        ("Dec. 2012", "date", "not_in_data"),
        # Trutnev's Nov. 2013 visit to South Korea is not in the data.
        ("Nov. 2013", "date", "not_in_data"),
    ],
    "001_680305510e30062b.txt": [
        ("40%", "share", "not_in_data"),  # share of the Far East plan achieved: not a figure of these ties
    ],
    "002_3ee31825baeb6e31.txt": [
        ("one and a half percent", "share", "not_in_data"),  # Russia's share of APEC markets
    ],
    "003_77a87a9eb0308576.txt": [
        ("$1 billion", "amount", "reproduced"),  # the 2014 protocol's target (events.csv), with the 2020 outcome
        ("US $10 billion", "amount", "reproduced"),  # 'almost $10bn' written off: debt.csv write_off_2014 (Reuters)
        ("90%", "share", "reproduced"),  # ($10.94bn - $1.09bn) / $10.94bn = 90.0%
        ("$1.09bn", "amount", "reproduced"),  # debt.csv remainder_2014 (Reuters)
        ("20 years", "quantity", "reproduced"),  # debt.csv terms_2012: 40 instalments over 20 years
        ("$100 million", "amount", "reproduced"),  # Russia 2013: KOTRA $104.2m, within '$100 million' read to two digits
        ("$6 billion", "amount", "close"),  # 'about $6 billion': China customs 2013 $6.55bn, +9%
    ],
    "004_e32d3ae471d81ea4.txt": [
        ("58 times", "multiple", "close"),  # China $6.55bn / Russia $112.7m (a news report) = 58.1x; of record 62.8x
        ("$9 million", "amount", "reproduced"),  # ITC Trade Map $9.29m (KOTRA, charted, $7.71m)
        ("$103 million", "amount", "reproduced"),  # Russian customs $103.4m (KOTRA, charted, $96.5m)
        ("2011", "date", "reproduced"),  # Medvedev-Kim Jong Il summit, 2011-08-24: the pipeline's go-ahead
        ("$25 billion", "amount", "reproduced"),  # Victory railway cost (NHK World, 2014-10-22)
        ("3,500 kilometers", "length", "reproduced"),  # projects.csv length_km (NHK World)
        ("$10 billion", "amount", "reproduced"),  # write_off_2014
        ("$11 billion", "amount", "reproduced"),  # size_2011: Storchak, $11bn
        ("10-fold", "change", "reproduced"),  # $1bn target / $104.2m trade in 2013 = 9.6x
        ("$1 billion", "amount", "reproduced"),  # the target, by 2020
        ("$250 million", "amount", "reproduced"),  # investments.csv rk_total_2014 (RFA)
        ("November 2013", "date", "contradicted"),  # the first coal reached Pohang on 2014-11-29 (KBS)
        ("40,000 tons", "quantity", "reproduced"),  # the same event: about 40,000 tonnes
    ],
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not on this machine (../shared/seeds, /work/shared/seeds or $NKTIES_SEEDS)")
@pytest.mark.parametrize("seed", sorted(SEED_VERDICTS))
def test_each_seed_article_gets_its_hand_checked_verdicts(seed, data):
    assert verdicts((SEEDS / seed).read_text(encoding="utf-8"), data) == SEED_VERDICTS[seed]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not on this machine (../shared/seeds, /work/shared/seeds or $NKTIES_SEEDS)")
def test_the_58_times_multiple_is_computed_and_shown_with_both_figures(data):
    text = (SEEDS / "004_e32d3ae471d81ea4.txt").read_text(encoding="utf-8")
    f = next(f for f in check.check_text(text, data) if f.statement.quote == "58 times")
    assert f.data_value == "58.1×" and f.year == 2013
    assert "$6.547bn" in f.detail and "$112.7m" in f.detail and "62.8×" in f.detail


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not on this machine (../shared/seeds, /work/shared/seeds or $NKTIES_SEEDS)")
def test_the_wrong_coal_date_is_contradicted_with_the_recorded_date(data):
    text = (SEEDS / "004_e32d3ae471d81ea4.txt").read_text(encoding="utf-8")
    f = next(f for f in check.check_text(text, data) if f.statement.quote == "November 2013")
    assert f.verdict == "contradicted" and f.data_value == "2014-11-29" and f.dataset == "events"
    assert f.source_id == "kbs_world_radio_2014_80e8f"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not on this machine (../shared/seeds, /work/shared/seeds or $NKTIES_SEEDS)")
def test_an_article_cannot_confirm_itself(data):
    """The data holds figures taken from the seed articles; checking one of them, its own rows are set aside."""
    text = (SEEDS / "004_e32d3ae471d81ea4.txt").read_text(encoding="utf-8")
    assert data.own_sources(text) == {"the_korea_herald_2015_3ae16"}
    assert all(f.source_id != "the_korea_herald_2015_3ae16" for f in check.check_text(text, data))


@pytest.mark.parametrize("text,quote,kind,verdict", [
    ("China's trade with North Korea was 58 times Russia's", "58 times", "multiple", "close"),
    ("China-North Korea trade was $2.3bn in 2023", "$2.3bn", "amount", "reproduced"),
    ("China-North Korea trade was $3.3bn in 2023", "$3.3bn", "amount", "contradicted"),
    ("2023년 북중 교역액은 23억 달러", "23억 달러", "amount", "reproduced"),
    ("북한의 2023년 대중국 수출액은 2억9천189만 달러", "2억9천189만 달러", "amount", "reproduced"),
    ("товарооборот России и КНДР в 2023 году составил 34,4 млн долларов", "34,4 млн долларов", "amount", "reproduced"),
    ("Экспорт КНДР в Китай в 2023 году составил 291,9 млн долларов", "291,9 млн долларов", "amount", "reproduced"),
    ("2013년 북한의 대러 수입액은 1억 342만 달러", "1억 342만 달러", "amount", "reproduced"),  # Russian customs
    ("Russia-DPRK trade 112.7 mln USD 2013", "112.7 mln USD", "amount", "close"),  # only a news report
    ("According to KOTRA, Russia exports to North Korea were $103 million in 2013", "$103 million", "amount", "close"),
    ("China accounts for 98% of North Korea's trade in 2023", "98%", "share", "reproduced"),  # KOTRA ÷ KOTRA: 98.3%
    ("China accounts for 50% of North Korea's trade in 2023", "50%", "share", "contradicted"),
    ("China accounted for 95.4% of North Korea's total trade in 2019", "95.4%", "share", "reproduced"),
    ("UN Security Council Resolution 2397 was adopted in December 2017", "December 2017", "date", "reproduced"),
    ("UN Security Council Resolution 2397 was adopted in March 2016", "March 2016", "date", "contradicted"),
    ("Russia pledged to raise trade to $1 billion by 2020", "$1 billion", "amount", "reproduced"),
    ("Russia pledged to raise trade to $1 billion by 2030", "$1 billion", "amount", "close"),
    ("The 54 km Rajin-Khasan railway reopened", "54 km", "length", "reproduced"),
    ("The first Russian coal shipped via Rajin arrived in Pohang on 29 November 2014", "29 November 2014", "date", "reproduced"),
    ("Some 5,000 people watched a football match in 2014", None, None, None),
])
def test_sentences(text, quote, kind, verdict, data):
    found = verdicts(text, data)
    assert found == ([] if quote is None else [(quote, kind, verdict)])


def test_russian_debt_sentence_reads_each_amount_as_its_step(data):
    found = check.check_text("Россия списала 10 млрд долларов из 11 млрд долларов долга КНДР", data)
    assert [(f.statement.quote, f.verdict, f.source_id) for f in found] == [
        ("10 млрд долларов", "reproduced", "reuters_2014_216d0"), ("11 млрд долларов", "reproduced", "windowstorussia_com_itar_2011_bc078")]


def test_a_target_says_it_was_a_target_and_gives_the_outcome(data):
    f = check.check_text("Russia and North Korea aim to raise trade to $1 billion by 2020", data)[0]
    assert f.detail.startswith("A target, not an outcome") and "Outcome: Russia's trade with North Korea in 2020" in f.detail


def test_a_contradiction_names_what_the_data_says_and_its_source(data):
    f = check.check_text("China-North Korea trade was $3.3bn in 2023", data)[0]
    assert "$2.295bn" in f.detail and f.source_id and f.data_value == "$2.295bn"


@pytest.mark.parametrize("text,value,tolerance", [
    ("$100 million", 100e6, 5e6), ("$1.09bn", 1.09e9, 5e6), ("$6 billion", 6e9, 0.5e9), ("US$250 million", 250e6, 5e6),
    ("23억 달러", 23e8, 0.5e8), ("34,4 млн долларов", 34.4e6, 0.05e6), ("3,500 km", 3500, 50),
])
def test_figures_are_read_with_their_rounding(text, value, tolerance):
    (f,) = check.figures(text)
    assert f.value == pytest.approx(value) and f.tolerance == pytest.approx(tolerance)


def test_sentences_split_at_full_stops_but_not_after_abbreviations():
    text = "The U.S. said so on Nov. 5 2014. Trade was $1.09bn. Next one!\n\nA new paragraph"
    assert [text[s:e] for s, e in check.sentences(text)] == [
        "The U.S. said so on Nov. 5 2014.", "Trade was $1.09bn.", "Next one!", "A new paragraph"]


def test_a_text_too_long_gets_a_clear_message(data):
    with pytest.raises(check.CheckError, match="characters long"):
        check.check_text("x" * (check.MAX_CHARS + 1), data)


_WORDS = st.sampled_from(["China", "Russia", "North Korea", "trade", "exports", "imports", "debt", "written off", "$", "US$",
                          "bn", "million", "млн", "억", "달러", "times", "%", "fold", "km", "tons", "in", "by", "2013", "2020",
                          "November", "Nov.", "shipped", "signed", "about", ",", ".", "\n", "<b>", "*", "[x](y)", "58", "1,5"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_WORDS, st.text(max_size=12), st.from_regex(r"\d{1,5}([.,]\d{1,3})?", fullmatch=True)), max_size=40))
def test_any_text_gives_findings_never_an_exception(data, parts):
    text = " ".join(parts)
    found = check.check_text(text, data)
    for f in found:
        assert f.verdict in check.VERDICTS and f.statement.figure.kind in check.KINDS
        assert text.replace("\r\n", "\n").replace("\r", "\n")[f.statement.figure.start:f.statement.figure.end] == f.statement.quote
    table = check.table(found)
    assert list(table.columns[:len(check.COLUMNS)]) == check.COLUMNS and len(table) == len(found)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["China", "Russia"]), st.integers(2000, 2025), st.floats(1e5, 9e9))
def test_a_recorded_figure_written_as_a_reporter_would_is_reproduced_or_close(data, partner, year, _unused):
    """Any primary trade figure, written back as '$X.XXbn'/'$X.Xm', is found again (reproduced, or close
    when another row also matches)."""
    prim = data.trade[(data.trade["primary"]) & (data.trade["partner"] == partner) & (data.trade["flow"] == "total")
                      & (data.trade["year"] == year)]
    if prim.empty:
        return
    from nkties import fmt
    text = f"{partner}'s trade with North Korea was {fmt.usd(prim['value_usd'].iloc[0])} in {year}"
    (f,) = check.check_text(text, data)
    assert f.verdict in ("reproduced", "close"), f.detail


def test_command_line_prints_one_csv_row_per_statement(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text("China-North Korea trade was $2.3bn in 2023. The first Russian coal reached Pohang in "
                       "November 2013.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "nkties.check", str(article)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["quote"], r["kind"], r["verdict"], r["dataset"]) for r in rows] == [
        ("$2.3bn", "amount", "reproduced", "trade"), ("November 2013", "date", "contradicted", "events")]
    assert all(r["detail"] for r in rows)


def test_command_line_reads_standard_input_and_names_an_unreadable_file(tmp_path):
    out = subprocess.run([sys.executable, "-m", "nkties.check", "-"], input="Russia's trade was $34.4m in 2023",
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "$34.4m" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "nkties.check", str(tmp_path / "nope.txt")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "cannot read" in bad.stderr and "nope.txt" in bad.stderr


def test_the_one_sentence_examples_all_get_a_verdict(data):
    for text in claims.EXAMPLES:
        assert check.check_text(text, data), text


def _korean(value: float) -> str:
    """A figure as the Korean press writes it: 2억 9189만 달러 (to the 만)."""
    man = round(value / 1e4)
    eok, rest = divmod(man, 10_000)
    return (f"{eok}억 " if eok else "") + (f"{rest}만 " if rest else "") + "달러"


def _russian(value: float) -> str:
    """As the Russian press writes it: 291,9 млн долларов; 2,3 млрд долларов."""
    if value >= 1e9:
        return f"{value / 1e9:.1f}".replace(".", ",") + " млрд долларов"
    return f"{value / 1e6:.1f}".replace(".", ",") + " млн долларов"


_KO = {"China": "북중 교역액은", "Russia": "북러 교역액은"}
_RU = {"China": "товарооборот Китая и КНДР", "Russia": "товарооборот России и КНДР"}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["China", "Russia"]), st.integers(2000, 2025), st.sampled_from(["ko", "ru"]))
def test_a_recorded_figure_written_in_korean_or_russian_is_found_again(data, partner, year, lang):
    prim = data.trade[(data.trade["primary"]) & (data.trade["partner"] == partner) & (data.trade["flow"] == "total")
                      & (data.trade["year"] == year)]
    if prim.empty or prim["value_usd"].iloc[0] < 1e6:
        return
    value = prim["value_usd"].iloc[0]
    text = (f"{year}년 {_KO[partner]} {_korean(value)}" if lang == "ko"
            else f"{_RU[partner]} в {year} году составил {_russian(value)}")
    (f,) = check.check_text(text, data)
    assert (f.statement.partner, f.statement.year, f.statement.flow) == (partner, year, "total"), text
    assert f.verdict in ("reproduced", "close"), (text, f.detail)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "2013", "$", "억 달러", "млн", "58", "%", "Nov. 2013"])
def test_text_with_no_checkable_figure_gives_no_findings(text, data):
    assert check.check_text(text, data) == []
