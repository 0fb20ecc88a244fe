"""Overview: the latest year at a glance, pledges against outcomes, projects by status."""

import pandas as pd
import streamlit as st

from nkties import calc, charts, export, schema, ui

b = ui.require("trade", "sources", "events", "debt", "projects", "project_status", "investments")
trade, sources, events = b["trade"], b["sources"], b["events"]

st.title("North Korea's economic ties with Russia and China")
year = calc.latest_common_year(trade)
head = export.with_sources(calc.headline(trade, year), sources)
rus, chn = (head.set_index("partner").loc[p] for p in calc.PARTNERS)

st.subheader(f"Trade in {year}, the latest year with figures for both")
c = st.columns(4)
c[0].metric("Russia–North Korea trade", charts.fmt_usd(rus["value_usd"]), help=f"{rus['statistic']}. Source: {rus['source_publisher']}, {rus['source_title']}")
c[1].metric("China–North Korea trade", charts.fmt_usd(chn["value_usd"]), help=f"{chn['statistic']}. Source: {chn['source_publisher']}, {chn['source_title']}")
c[2].metric("China's trade ÷ Russia's", f"{chn['value_usd'] / rus['value_usd']:,.0f}×")
c[3].metric("China's share of North Korea's trade", f"{chn['share_pct']:.1f}%" if pd.notna(chn["share_pct"]) else "n/a",
            help=f"Russia's share: {rus['share_pct']:.2f}%" if pd.notna(rus["share_pct"]) else None)
ui.sources_caption(head["source_id"], sources)

view = calc.trade_view(trade, "total", calc.year_range(trade), partners=("Russia", "China", "World"))
view["source_label"] = export.source_label(view, sources)
st.plotly_chart(charts.trade_figure(view, targets=calc.targets(events), log=True), key="overview_chart", config=ui.CHART_CONFIG)
st.caption("Total trade, log scale. World is North Korea's total foreign trade as KOTRA counts it (without inter-Korean trade). Gaps are years no source covers.")

st.subheader("Pledges against outcomes")
outcomes = export.with_sources(calc.target_outcomes(events, trade), sources)
steps = calc.debt_steps(b["debt"])
plans = calc.pledges(b["investments"], b["projects"])
c = st.columns(3)
for _, t in outcomes.iterrows():
    c[0].metric(f"{t['title']}", charts.fmt_usd(t["actual_usd"]), delta=f"{t['achieved_pct']:.0f}% of the {charts.fmt_usd(t['target_usd'])} target" if pd.notna(t["achieved_pct"]) else "no figure for the target year",
                delta_color="off", help=f"Target from {t['source_publisher']}; actual in {int(t['target_year'])} from the series of record.")
written_off = steps[steps["kind"] == "write_off"]
if not written_off.empty:
    w = written_off.iloc[0]
    c[1].metric("Soviet-era debt written off", charts.fmt_usd(w["amount_usd"]), delta=f"remainder {charts.fmt_usd(steps[steps['kind'] == 'remainder']['amount_usd'].iloc[0])}" if (steps["kind"] == "remainder").any() else None, delta_color="off")
for _, p in plans.head(1).iterrows():
    c[2].metric(p["project"], charts.fmt_usd(p["amount_usd"]), delta=f"{p['stage']}; status: {p['status'].replace('_', ' ')} ({p['status_date']})", delta_color="off")
ui.sources_caption(list(outcomes["source_id"]) + list(steps["source_id"]) + list(plans.head(1)["source_id"]), sources)

st.subheader("Projects by status")
counts = calc.status_counts(b["projects"], schema.enum("projects", "status"))
c = st.columns(len(counts) or 1)
for i, (_, r) in enumerate(counts.iterrows()):
    c[i].metric(r["status"].replace("_", " ").capitalize(), int(r.drop("status").sum()),
                help=", ".join(f"{p}: {int(r[p])}" for p in calc.PARTNERS if p in r))
ui.download(head, f"overview_trade_{year}", key="download_headline", label="Download these figures (CSV)")
