"""Overview: the latest year at a glance, pledges against outcomes, projects by status."""

import pandas as pd
import streamlit as st

from nkties import calc, fmt, ui, views

b = ui.require("overview")
sources = b["sources"]

st.title("North Korea's economic ties with Russia and China")
url = ui.UrlState("overview")
series = st.selectbox("Statistic", list(calc.SERIES), format_func=calc.SERIES.get,
                      key=url.choice("series", list(calc.SERIES), calc.BEST), help=calc.SERIES_HELP)
params = url.sync()
v = ui.view(views.overview, series=series)
head = v.headline.set_index("partner")
rus, chn = (head.loc[p] if p in head.index else None for p in calc.PARTNERS)

st.subheader(f"Trade in {v.year}, the latest year with figures for both")
c = st.columns(4)
for col, p, r in ((c[0], "Russia", rus), (c[1], "China", chn)):
    col.metric(f"{p}–North Korea trade", fmt.usd(r["value_usd"]) if r is not None else fmt.NO_DATA,
               help=f"{r['statistic']}. Source: {r['source_publisher']}, {r['source_title']}" if r is not None else None)
c[2].metric("China's trade ÷ Russia's", fmt.times(v.china_multiple),
            help=f"China: {chn['statistic']}; Russia: {rus['statistic']}" if rus is not None and chn is not None else None)
c[3].metric("China's share of the total", fmt.pct(chn["share_pct"]) if chn is not None else fmt.NO_DATA,
            help=(f"Russia's share: {fmt.pct(rus['share_pct'], 2)}. " if rus is not None else "")
            + "China's share of North Korea's total trade; the total is KOTRA's figure.")
ui.sources_caption(v.headline["source_id"], sources)

ui.chart(v.figure, "overview_chart", f"overview_total_trade_{series}")
st.caption("Total trade, log scale. World is North Korea's total foreign trade as KOTRA counts it (without inter-Korean "
           "trade). Each marker and line style is one statistic (see the legend); gaps are years the statistic has no figure.")

st.subheader("Pledges against outcomes")
c = st.columns(3)
for _, t in v.outcomes.iterrows():
    c[0].metric(t["title"], fmt.usd(t["actual_usd"]), delta_color="off",
                delta=f"{t['achieved_pct']:.0f}% of the {fmt.usd(t['target_usd'])} target" if pd.notna(t["achieved_pct"]) else "no figure for the target year",
                help=f"Target from {t['source_publisher']}; actual in {int(t['target_year'])} from the series of record.")
steps = v.debt_steps.set_index("kind")
if {"write_off", "remainder"} <= set(steps.index):
    c[1].metric("Soviet-era debt written off", fmt.usd(steps.loc["write_off", "amount_usd"]),
                delta=f"remainder {fmt.usd(steps.loc['remainder', 'amount_usd'])}", delta_color="off")
for _, p in v.pledges.head(1).iterrows():
    c[2].metric(p["project"], fmt.usd(p["amount_usd"]), delta=f"{p['stage']}; status: {fmt.code(p['status'])} ({p['status_date']})", delta_color="off")
ui.sources_caption([*v.outcomes["source_id"], *v.debt_steps["source_id"], *v.pledges.head(1)["source_id"]], sources)

st.subheader("Projects by status")
c = st.columns(len(v.status_counts) or 1)
for i, (_, r) in enumerate(v.status_counts.iterrows()):
    c[i].metric(fmt.code_title(r["status"]), int(r.drop("status").sum()),
                help=", ".join(f"{p}: {int(r[p])}" for p in calc.PARTNERS if p in r))
ui.download(v.headline, f"overview_trade_{v.year}_{series.replace(' ', '-')}", key="download_headline", label="Download the headline figures (CSV)")
ui.download(v.outcomes, "overview_pledges_against_outcomes", key="download_outcomes", label="Download pledges against outcomes (CSV)")
ui.download(v.status_counts, "overview_projects_by_status", key="download_status_counts", label="Download projects by status (CSV)")
ui.cite(f"Overview, {calc.SERIES[series]}", params)
