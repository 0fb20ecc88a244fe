"""Debt and investment: the Soviet-era debt and its write-off; money pledged, committed and spent."""

import streamlit as st

from nkties import schema, ui, views

b = ui.require("debt")

st.title("Debt and investment")
url = ui.UrlState("debt")
countries = sorted(b["investments"]["investor_country"].dropna().unique())
stages = schema.enum("investments", "stage")
d = ui.view(views.debt)

st.subheader("North Korea's Soviet-era debt to Russia")
ui.chart(d.debt_figure, "debt_chart", "soviet_debt_write_off")
ui.table(d.events, key="debt_table")
ui.download(d.events, "soviet_debt_events", key="download_debt")

st.subheader("Repayment schedule of the remainder")
ui.chart(d.schedule_figure, "schedule_chart", "soviet_debt_repayment_schedule")
st.caption("Computed from the agreed terms (amount, number of instalments, years), counted from the date of the terms. "
           "Actual repayments are not published.")
with st.expander("Schedule as a table"):
    ui.table(d.schedule, key="schedule_table")
ui.download(d.schedule, "soviet_debt_repayment_schedule", key="download_schedule")
ui.caveats("debt")

st.subheader("Investments and pledges")
c1, c2 = st.columns(2)
chosen_countries = c1.multiselect("Investor's country", countries, key=url.multi("country", countries, countries))
chosen_stages = c2.multiselect("Stage", stages, key=url.multi("stage", stages, stages))
params = url.sync()
inv = ui.view(views.investments, countries=chosen_countries, stages=chosen_stages)
ui.chart(inv.figure, "investment_chart", "investments_" + "_".join(chosen_stages or ["none"]))
st.caption("US dollar amounts as the sources state them (log scale); rows with no dollar figure are in the table only.")
ui.table(inv.table, key="investment_table")
ui.download(inv.table, "investments_" + "_".join(chosen_stages or ["none"]), key="download_investments")
ui.caveats("investments")
ui.cite("Debt and investment", params)
