"""Overview: the latest year at a glance, pledges against outcomes, projects by status."""

import pandas as pd
import streamlit as st

from nkties import calc, charts, ui

b = ui.require("trade", "sources", "events", "debt", "projects", "project_status", "investments")
sources = b["sources"]
v = ui.view("overview")
rus, chn = (v.headline.set_index("partner").loc[p] for p in calc.PARTNERS)

st.title("North Korea's economic ties with Russia and China")
st.subheader(f"Trade in {v.year}, the latest year with figures for both")
c = st.columns(4)
c[0].metric("Russia–North Korea trade", charts.fmt_usd(rus["value_usd"]), help=f"{rus['statistic']}. Source: {rus['source_publisher']}, {rus['source_title']}")
c[1].metric("China–North Korea trade", charts.fmt_usd(chn["value_usd"]), help=f"{chn['statistic']}. Source: {chn['source_publisher']}, {chn['source_title']}")
c[2].metric("China's trade ÷ Russia's", f"{v.china_multiple:,.0f}×")
c[3].metric("China's share of North Korea's trade", f"{chn['share_pct']:.1f}%" if pd.notna(chn["share_pct"]) else "n/a",
            help=f"Russia's share: {rus['share_pct']:.2f}%" if pd.notna(rus["share_pct"]) else None)
ui.sources_caption(v.headline["source_id"], sources)

st.plotly_chart(v.figure, key="overview_chart", config=ui.CHART_CONFIG)
st.caption("Total trade, log scale. World is North Korea's total foreign trade as KOTRA counts it (without inter-Korean trade). Gaps are years no source covers.")

st.subheader("Pledges against outcomes")
c = st.columns(3)
for _, t in v.outcomes.iterrows():
    c[0].metric(t["title"], charts.fmt_usd(t["actual_usd"]), delta_color="off",
                delta=f"{t['achieved_pct']:.0f}% of the {charts.fmt_usd(t['target_usd'])} target" if pd.notna(t["achieved_pct"]) else "no figure for the target year",
                help=f"Target from {t['source_publisher']}; actual in {int(t['target_year'])} from the series of record.")
steps = v.debt_steps.set_index("kind")
if {"write_off", "remainder"} <= set(steps.index):
    c[1].metric("Soviet-era debt written off", charts.fmt_usd(steps.loc["write_off", "amount_usd"]),
                delta=f"remainder {charts.fmt_usd(steps.loc['remainder', 'amount_usd'])}", delta_color="off")
for _, p in v.pledges.head(1).iterrows():
    c[2].metric(p["project"], charts.fmt_usd(p["amount_usd"]), delta=f"{p['stage']}; status: {p['status'].replace('_', ' ')} ({p['status_date']})", delta_color="off")
ui.sources_caption([*v.outcomes["source_id"], *v.debt_steps["source_id"], *v.pledges.head(1)["source_id"]], sources)

st.subheader("Projects by status")
c = st.columns(len(v.status_counts) or 1)
for i, (_, r) in enumerate(v.status_counts.iterrows()):
    c[i].metric(r["status"].replace("_", " ").capitalize(), int(r.drop("status").sum()),
                help=", ".join(f"{p}: {int(r[p])}" for p in calc.PARTNERS if p in r))
ui.download(v.headline, f"overview_trade_{v.year}", key="download_headline", label="Download the headline figures (CSV)")
ui.download(v.outcomes, "overview_pledges_against_outcomes", key="download_outcomes", label="Download pledges against outcomes (CSV)")
ui.download(v.status_counts, "overview_projects_by_status", key="download_status_counts", label="Download projects by status (CSV)")
ui.cite("Overview", {})
