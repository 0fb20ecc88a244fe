"""Debt and investment: the Soviet-era debt and its write-off; money pledged, committed and spent."""

import streamlit as st

from nkties import calc, charts, export, schema, ui

b = ui.require("debt", "investments", "projects", "sources")
debt, sources = b["debt"], b["sources"]

st.title("Debt and investment")
st.subheader("North Korea's Soviet-era debt to Russia")
steps = calc.debt_steps(debt)
st.plotly_chart(charts.debt_figure(steps), key="debt_chart", config=ui.CHART_CONFIG)
events = export.with_sources(debt.sort_values("date"), sources)
ui.table(events, key="debt_table")
ui.download(events, "soviet_debt_events", key="download_debt")

st.subheader("Repayment schedule of the remainder")
schedule = export.with_sources(calc.repayment_schedule(debt), sources)
st.plotly_chart(charts.schedule_figure(schedule), key="schedule_chart", config=ui.CHART_CONFIG)
st.caption("Computed from the agreed terms (amount, number of instalments, years), counted from the date of the terms. "
           "Actual repayments are not published.")
with st.expander("Schedule as a table"):
    ui.table(schedule, key="schedule_table")
ui.download(schedule, "soviet_debt_repayment_schedule", key="download_schedule")
ui.caveats("debt")

st.subheader("Investments and pledges")
url = ui.UrlState("debt")
inv = calc.investment_view(b["investments"], b["projects"])
countries = sorted(inv["investor_country"].dropna().unique())
stages = schema.enum("investments", "stage")
c1, c2 = st.columns(2)
chosen_countries = c1.multiselect("Investor's country", countries, key=url.multi("country", countries, countries))
chosen_stages = c2.multiselect("Stage", stages, key=url.multi("stage", stages, stages))
url.sync()
inv = inv[inv["investor_country"].isin(chosen_countries) & inv["stage"].isin(chosen_stages)]
st.plotly_chart(charts.investment_figure(inv), key="investment_chart", config=ui.CHART_CONFIG)
st.caption("US dollar amounts as the sources state them (log scale); rows with no dollar figure are in the table only.")
inv_table = export.with_sources(inv, sources)
ui.table(inv_table, key="investment_table")
ui.download(inv_table, "investments_" + "_".join(chosen_stages or ["none"]), key="download_investments")
ui.caveats("investments")
