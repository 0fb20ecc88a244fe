"""The shipped data passes validation, and each validation rule catches a broken table."""

import csv
import subprocess
import sys

import pytest

from nkties import schema
from nkties.data import load_all, parse_partial_date, validate
from tests.conftest import DATA, ROOT, SEEDS, edit_line


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def line_of(path, **match) -> int:
    """The CSV line (header = 1) of the first row whose columns equal the given values."""
    for i, r in enumerate(rows(path), start=2):
        if all(r[k] == v for k, v in match.items()):
            return i
    raise AssertionError(f"no row {match} in {path}")


def test_shipped_data_is_valid():
    assert [str(p) for p in validate(DATA) if p.severity == "error"] == []


def test_every_csv_is_described_and_every_description_has_a_csv():
    described = {r["path"] for r in schema.package()["resources"]}
    assert described == {p.name for p in DATA.glob("*.csv")}


def test_every_numeric_row_resolves_to_a_source_with_publisher_title_and_link():
    b = load_all(DATA)
    src = b["sources"].set_index("source_id")
    for name in schema.resource_names():
        df = b[name]
        for col in [c for c in df.columns if c.endswith("source_id")]:
            ids = df[col].dropna()
            assert ids.isin(src.index).all(), (name, col)
    assert src["publisher"].notna().all() and src["title"].notna().all()
    assert (src["url"].notna() | src["seed_file"].notna()).all()
    seeds = SEEDS
    if not seeds.is_dir():
        pytest.skip("the seed articles are not on this machine (../shared/seeds, /work/shared/seeds or $NKTIES_SEEDS)")
    for f in src["seed_file"].dropna():
        assert (seeds / f).is_file(), f


def test_trade_covers_both_partners_and_world_every_year_it_can():
    t = load_all(DATA)["trade"]
    prim = t[t["primary"]]
    for partner in ("Russia", "China", "World"):
        years = set(prim[(prim["partner"] == partner) & (prim["flow"] == "total")]["year"])
        assert {2013, 2019, 2023} <= years, partner
    assert t.groupby(["year", "partner", "flow"]).size().max() > 1  # disagreeing sources are kept


def test_metadata_dates_in_the_package_are_real_dates():
    for name in schema.resource_names():
        for f in schema.fields(name):
            assert f.get("description"), (name, f["name"])
    b = load_all(DATA)
    for name in schema.resource_names():
        for f in schema.fields(name):
            if schema.is_partial_date(f):
                vals = b[name][f["name"]].dropna()
                assert vals.map(parse_partial_date).notna().all(), (name, f["name"])


# Each rule, fed a broken table: the message names file, line and column.

def problems_in(folder):
    return [str(p) for p in validate(folder)]


def only(problems, needle):
    hits = [p for p in problems if needle in p]
    assert hits, f"no problem mentioning {needle!r} in {problems}"
    return hits[0]


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    assert "events.csv: file is missing" in only(problems_in(data_copy), "events.csv")


def test_empty_file(data_copy):
    (data_copy / "debt.csv").write_text("", encoding="utf-8")
    assert "file is empty" in only(problems_in(data_copy), "debt.csv")


def test_wrong_header(data_copy):
    edit_line(data_copy / "trade.csv", 1, "value_usd", "value")
    msg = only(problems_in(data_copy), "trade.csv, line 1")
    assert "header" in msg and "value_usd" in msg


def test_text_where_a_number_belongs(data_copy):
    n = line_of(DATA / "trade.csv", year="2013", partner="China", flow="total", primary="true")
    r = rows(DATA / "trade.csv")[n - 2]
    edit_line(data_copy / "trade.csv", n, "," + r["value_usd"] + ",", ",six billion,")
    msg = only(problems_in(data_copy), f"trade.csv, line {n}, column value_usd")
    assert "'six billion' is not a valid number" in msg


def test_impossible_date(data_copy):
    n = line_of(DATA / "events.csv", date="2006-10-09")
    edit_line(data_copy / "events.csv", n, "2006-10-09", "2006-02-30")
    assert "not a real calendar date" in only(problems_in(data_copy), f"events.csv, line {n}, column date")


def test_badly_formed_date(data_copy):
    n = line_of(DATA / "events.csv", date="2006-10-09")
    edit_line(data_copy / "events.csv", n, "2006-10-09", "9 Oct 2006")
    assert "pattern" in only(problems_in(data_copy), f"events.csv, line {n}, column date")


def test_unknown_status(data_copy):
    n = line_of(DATA / "project_status.csv", project_id="new_yalu_bridge", date="2014-10")
    edit_line(data_copy / "project_status.csv", n, "completed_unopened", "finished")
    msg = only(problems_in(data_copy), f"project_status.csv, line {n}, column status")
    assert "'finished'" in msg and "enum" in msg


def test_duplicate_key(data_copy):
    text = (data_copy / "sources.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")
    text.append(text[1])
    (data_copy / "sources.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert "duplicate key" in only(problems_in(data_copy), f"sources.csv, line {len(text)}")


def test_source_id_that_resolves_nowhere(data_copy):
    n = line_of(DATA / "debt.csv", event_id="write_off_2014")
    sid = rows(DATA / "debt.csv")[n - 2]["source_id"]
    edit_line(data_copy / "debt.csv", n, sid, "nobody_2099_x")
    msg = only(problems_in(data_copy), f"debt.csv, line {n}, column source_id")
    assert "'nobody_2099_x' is not a source_id in sources.csv" in msg


def test_project_id_that_resolves_nowhere(data_copy):
    n = line_of(DATA / "investments.csv", investment_id="tumen_ru_2025")
    edit_line(data_copy / "investments.csv", n, "tumen_road_bridge", "tumen_tunnel")
    assert "not a project_id in projects.csv" in only(problems_in(data_copy), f"investments.csv, line {n}, column project_id")


def test_two_primary_rows_for_one_key(data_copy):
    n = line_of(DATA / "trade.csv", year="2013", partner="China", flow="total", primary="false")
    edit_line(data_copy / "trade.csv", n, ",false,", ",true,")
    assert "2 rows are marked primary for 2013 China total" in only(problems_in(data_copy), "column primary")


def test_no_primary_row_for_a_key(data_copy):
    n = line_of(DATA / "trade.csv", year="2013", partner="China", flow="total", primary="true")
    edit_line(data_copy / "trade.csv", n, ",true,", ",false,")
    assert "no row is marked primary for 2013 China total" in only(problems_in(data_copy), "column primary")


def test_total_inconsistent_with_its_parts(data_copy):
    n = line_of(DATA / "trade.csv", year="2019", partner="World", flow="total", primary="true")
    r = rows(DATA / "trade.csv")[n - 2]
    edit_line(data_copy / "trade.csv", n, "," + r["value_usd"] + ",", f",{int(float(r['value_usd'])) * 2},")
    msg = only(problems_in(data_copy), f"trade.csv, line {n}, column value_usd")
    assert "2019 World: primary total" in msg and "differs from to_dprk + from_dprk" in msg


def test_status_history_out_of_date_order(data_copy):
    path = data_copy / "project_status.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    a = line_of(DATA / "project_status.csv", project_id="tumen_road_bridge", date="2015")
    lines[a - 1], lines[a] = lines[a], lines[a - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "out of date order" in only(problems_in(data_copy), f"project_status.csv, line {a + 1}, column date")


def test_current_status_must_match_history(data_copy):
    n = line_of(DATA / "projects.csv", project_id="new_yalu_bridge")
    edit_line(data_copy / "projects.csv", n, ",completed_unopened,", ",operating,")
    assert "differs from the latest status history entry" in only(problems_in(data_copy), f"projects.csv, line {n}, column status")


def test_coordinates_out_of_range(data_copy):
    n = line_of(DATA / "projects.csv", project_id="new_yalu_bridge")
    lat = rows(DATA / "projects.csv")[n - 2]["lat"]
    edit_line(data_copy / "projects.csv", n, "," + lat + ",", ",140.5,")
    assert "maximum" in only(problems_in(data_copy), f"projects.csv, line {n}, column lat")


def test_source_without_url_or_seed(data_copy):
    n = 2
    r = rows(DATA / "sources.csv")[0]
    assert r["url"]
    edit_line(data_copy / "sources.csv", n, r["url"], "")
    assert "needs a url or a seed_file" in only(problems_in(data_copy), f"sources.csv, line {n}, column url")


def test_other_encoding_is_named(data_copy):
    (data_copy / "events.csv").write_bytes((data_copy / "events.csv").read_bytes() + "x,2020,caf\xe9\n".encode("latin-1"))
    assert "is not UTF-8" in only(problems_in(data_copy), "events.csv")


def test_byte_order_mark_is_accepted(data_copy):
    p = data_copy / "debt.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    assert validate(data_copy) == validate(DATA)


def test_truncated_last_line(data_copy):
    p = data_copy / "events.csv"
    text = p.read_text(encoding="utf-8").rstrip("\n")
    last = text.split("\n")[-1]
    p.write_text(text[: len(text) - len(last) + 25], encoding="utf-8")
    n = len(text.split("\n"))
    assert "too few cells" in only(problems_in(data_copy), f"events.csv, line {n}")


def test_problems_in_one_file_leave_the_others_loaded(data_copy):
    (data_copy / "events.csv").write_text("garbage\n", encoding="utf-8")
    b = load_all(data_copy)
    assert b.problems_for("events")
    assert b.ok("trade", "sources") and b.ok("projects", "project_status")


def test_cli_lists_every_problem_and_exits_non_zero(data_copy):
    (data_copy / "events.csv").unlink()
    edit_line(data_copy / "trade.csv", 1, "value_usd", "value")
    out = subprocess.run([sys.executable, "-m", "nkties.validate", str(data_copy)], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert "events.csv: file is missing" in out.stdout and "trade.csv, line 1" in out.stdout


def test_cli_passes_on_shipped_data():
    out = subprocess.run([sys.executable, "-m", "nkties.validate"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("value,expected", [("2014", "2014-01-01"), ("2014-05", "2014-05-01"), ("2014-05-07", "2014-05-07")])
def test_partial_dates(value, expected):
    assert parse_partial_date(value).date().isoformat() == expected
    assert parse_partial_date("2014-13") is pd_nat()


def pd_nat():
    import pandas as pd
    return pd.NaT


# Line numbers are the file's own, and the monthly table's rules.

def test_a_blank_line_above_a_bad_row_does_not_shift_its_line_number(data_copy):
    n = line_of(DATA / "events.csv", date="2006-10-09")
    edit_line(data_copy / "events.csv", n, "2006-10-09", "2006-02-30")
    lines = (data_copy / "events.csv").read_text(encoding="utf-8").split("\n")
    lines.insert(n - 1, "")  # a blank line above the bad row: the row is now on line n + 1
    (data_copy / "events.csv").write_text("\n".join(lines), encoding="utf-8")
    assert "not a real calendar date" in only(problems_in(data_copy), f"events.csv, line {n + 1}, column date")


def test_a_quoted_line_break_counts_as_lines(data_copy):
    rows_ = list(csv.reader(open(data_copy / "events.csv", encoding="utf-8")))
    rows_[1][5] = "first line\nsecond line"  # row 1 now spans lines 2-3
    target = next(i for i, r in enumerate(rows_) if r[1] == "2006-10-09")
    rows_[target][1] = "2006-02-30"
    with open(data_copy / "events.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows_)
    assert "not a real calendar date" in only(problems_in(data_copy), f"events.csv, line {target + 2}, column date")


def monthly_line(**match) -> int:
    return line_of(DATA / "trade_monthly.csv", **match)


def test_monthly_period_must_not_end_before_it_starts(data_copy):
    n = monthly_line(partner="China", flow="to_dprk", period_start="2020-07", period_end="2020-07", primary="true")
    edit_line(data_copy / "trade_monthly.csv", n, "2020-07,2020-07", "2020-07,2020-05")
    assert "ends (2020-05) before it starts" in only(problems_in(data_copy), f"trade_monthly.csv, line {n}, column period_end")


def test_monthly_needs_exactly_one_primary_per_period(data_copy):
    n = monthly_line(partner="China", flow="to_dprk", period_start="2020-07", period_end="2020-07", primary="true")
    edit_line(data_copy / "trade_monthly.csv", n, ",true,", ",false,")
    assert "no row is marked primary for China to_dprk 2020-07..2020-07" in only(problems_in(data_copy), "trade_monthly.csv")


def test_twelve_months_that_do_not_add_up_to_the_year_are_named(data_copy):
    r = next(x for x in rows(DATA / "trade_monthly.csv") if x["partner"] == "China" and x["flow"] == "to_dprk"
             and x["period_start"] == x["period_end"] == "2020-03" and x["primary"] == "true")
    n = monthly_line(partner="China", flow="to_dprk", period_start="2020-03", period_end="2020-03", primary="true")
    edit_line(data_copy / "trade_monthly.csv", n, f",{r['value_usd']},", f",{float(r['value_usd']) + 90_000_000:.0f},")
    msg = only(problems_in(data_copy), "2020 China to_dprk: the twelve months add up to")
    # the first-quarter and first-half figures narrow it down to where the months disagree
    assert "2020-01..2020-03: months add up to" in msg or "2020-03 " in msg


def test_monthly_quote_must_state_the_value_as_a_warning(data_copy):
    n = monthly_line(partner="China", flow="to_dprk", period_start="2020-07", period_end="2020-07", primary="true")
    r = rows(DATA / "trade_monthly.csv")[n - 2]
    edit_line(data_copy / "trade_monthly.csv", n, f",{r['value_usd']},", f",{float(r['value_usd']) * 1.5:.0f},")
    problems = validate(data_copy)
    hit = [p for p in problems if p.line == n and p.column == "quote"]
    assert hit and hit[0].severity == "warning"


def test_implausible_figures_are_problems(data_copy):
    n = monthly_line(partner="China", flow="to_dprk", period_start="2020-07", period_end="2020-07", primary="true")
    r = rows(DATA / "trade_monthly.csv")[n - 2]
    edit_line(data_copy / "trade_monthly.csv", n, f",{r['value_usd']},", f",{float(r['value_usd']) * 1000:.0f},")
    assert "a month" in only(problems_in(data_copy), f"trade_monthly.csv, line {n}, column value_usd")
    m = line_of(DATA / "trade.csv", year="2013", partner="China", flow="total", primary="true")
    t = rows(DATA / "trade.csv")[m - 2]
    edit_line(data_copy / "trade.csv", m, "," + t["value_usd"] + ",", f",{float(t['value_usd']) * 1000:.0f},")
    assert "is the unit right" in only(problems_in(data_copy), f"trade.csv, line {m}, column value_usd")


# Trade by product and sanctions.

def _append(path, row: dict):
    with open(path, encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    with open(path, "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow([row.get(c, "") for c in header])
    return sum(1 for _ in open(path, encoding="utf-8"))


def test_shares_of_one_flow_over_100_percent_are_reported(data_copy):
    base = dict(partner="China", flow="from_dprk", period_start="2030-01", period_end="2030-12", statistic="KOTRA",
                source_id="yonhap_2014_53918", quote="coal 70% and wigs 40%")
    _append(data_copy / "trade_products.csv", base | dict(product_group="coal", product_as_reported="coal", share_pct="70"))
    n = _append(data_copy / "trade_products.csv", base | dict(product_group="wigs", product_as_reported="wigs", share_pct="40"))
    msg = only(problems_in(data_copy), "add up to 110.0%")
    assert f"line {n - 1}" in msg and str(n) in msg


def test_a_group_inside_another_is_not_added_to_it(data_copy):
    base = dict(partner="China", flow="from_dprk", period_start="2030-01", period_end="2030-12", statistic="KOTRA",
                source_id="yonhap_2014_53918", quote="mineral fuels 70%, of which coal 60%")
    _append(data_copy / "trade_products.csv", base | dict(product_group="mineral_fuels", product_as_reported="mineral fuels", share_pct="70"))
    _append(data_copy / "trade_products.csv", base | dict(product_group="coal", product_as_reported="coal", share_pct="60"))
    assert not [p for p in problems_in(data_copy) if "add up to" in p]


def test_a_product_row_needs_a_figure_and_a_quantity_its_unit(data_copy):
    base = dict(partner="China", flow="from_dprk", period_start="2030-01", period_end="2030-12", statistic="KOTRA",
                source_id="yonhap_2014_53918", quote="coal", product_group="coal")
    n = _append(data_copy / "trade_products.csv", base | dict(product_as_reported="coal a"))
    m = _append(data_copy / "trade_products.csv", base | dict(product_as_reported="coal b", quantity="5"))
    problems = problems_in(data_copy)
    assert "gives no figure" in only(problems, f"trade_products.csv, line {n}, column value_usd")
    assert "needs its unit" in only(problems, f"trade_products.csv, line {m}, column quantity_unit")


def test_a_sanctions_measure_must_point_at_a_sanctions_event(data_copy):
    n = _append(data_copy / "sanction_measures.csv", dict(event_id="2000_putin_makes_first_visit", direction="supply_to_dprk",
                                                          product_group="coal", products="coal", measure="ban",
                                                          source_id="yonhap_2014_53918", quote="x"))
    assert "is a summit event" in only(problems_in(data_copy), f"sanction_measures.csv, line {n}, column event_id")


def test_product_groups_may_not_nest_in_a_circle(data_copy):
    n = line_of(DATA / "product_groups.csv", product_group="mineral_products")
    edit_line(data_copy / "product_groups.csv", n, '"Mineral products, all",25-27,', '"Mineral products, all",25-27,coal')
    assert "inside itself" in only(problems_in(data_copy), "product_groups.csv")


# Reliability: the standard's own validator, one fact one date, plausibility, unreadable files.

def _frictionless_validate(folder):
    return subprocess.run([sys.executable, "-m", "frictionless", "validate", "datapackage.json"], capture_output=True,
                          text=True, cwd=folder, timeout=300)


def test_frictionless_validates_the_shipped_package():
    out = _frictionless_validate(DATA)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "INVALID" not in out.stdout and out.stdout.count("VALID") >= len(schema.resource_names())


def test_frictionless_validates_the_zip_a_reader_downloads(tmp_path):
    import io
    import zipfile

    from nkties import export

    zipfile.ZipFile(io.BytesIO(export.zip_bytes(None, "cite"))).extractall(tmp_path)
    out = _frictionless_validate(tmp_path)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_one_fact_has_one_date_across_files(data_copy):
    n = line_of(DATA / "events.csv", event_id="2014_first_siberian_coal_via")
    edit_line(data_copy / "events.csv", n, "2014-11-29", "2013-11")
    m = line_of(DATA / "project_status.csv", project_id="rajin_coal_transshipment", date="2014-11-29")
    msg = only(problems_in(data_copy), f"project_status.csv, line {m}, column date")
    assert "dates the same event (2014_first_siberian_coal_via) 2013-11" in msg


def test_the_coal_date_agrees_everywhere():
    b = load_all(DATA)
    coal = b["events"].set_index("event_id").loc["2014_first_siberian_coal_via", "date"]
    status = b["project_status"].query("event_ref == '2014_first_siberian_coal_via'")["date"]
    assert coal == "2014-11-29" and list(status) == ["2014-11-29"]


def test_a_figure_ten_times_off_its_neighbours_is_a_warning(data_copy):
    n = line_of(DATA / "trade.csv", year="2013", partner="China", flow="from_dprk", primary="true")
    r = rows(DATA / "trade.csv")[n - 2]
    edit_line(data_copy / "trade.csv", n, "," + r["value_usd"] + ",", f",{float(r['value_usd']) / 1000:.0f},")
    hits = [p for p in validate(data_copy) if p.line == n and "ten times off" in p.message]
    assert hits and hits[0].severity == "warning"


def test_an_unreadable_file_is_named(data_copy, monkeypatch):
    from pathlib import Path

    real = Path.read_bytes

    def deny(self):
        if self.name == "debt.csv":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", deny)
    assert "cannot be read (Permission denied)" in only(problems_in(data_copy), "debt.csv")


def test_a_project_length_without_its_source(data_copy):
    n = line_of(DATA / "projects.csv", project_id="pobeda_railway")
    edit_line(data_copy / "projects.csv", n, ",3500,nhk_world_reposted_2014_6ad8e,", ",3500,,")
    msg = only(problems_in(data_copy), f"projects.csv, line {n}, column length_source_id")
    assert "length_km 3,500 names no length_source_id" in msg


def test_a_project_line_with_one_place_or_a_gap(data_copy):
    n = line_of(DATA / "project_lines.csv", project_id="pobeda_railway", seq="2")
    edit_line(data_copy / "project_lines.csv", n, "pobeda_railway,2,", "pobeda_railway,3,")
    assert "not 1 to 2" in only(problems_in(data_copy), f"project_lines.csv, line {n}, column seq")
    lines = (data_copy / "project_lines.csv").read_text(encoding="utf-8").split("\n")
    (data_copy / "project_lines.csv").write_text("\n".join(lines[:n - 1] + lines[n:]), encoding="utf-8")
    assert "a line needs two" in only(problems_in(data_copy), "project_lines.csv, line")
