"""Debt and investment: the Soviet-era debt and its write-off; money pledged, committed and spent."""

import streamlit as st

from nkties import registry, schema, ui, views

b = ui.require("debt")
tr = ui.tr()
lang = tr.lang

st.title(tr("debt.title"))
url = ui.UrlState("debt")
countries = sorted(b["investments"]["investor_country"].dropna().unique())
stages = schema.enum("investments", "stage")
country_key = url.multi("country", countries, countries)  # their pills sit in the investments tab
stage_key = url.multi("stage", stages, stages)
tab_views = registry.page("debt").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()
d = ui.view(views.debt, lang=lang)

# NOTE: one chart at a time, in tabs: only the open tab is drawn. Drawn one below the other, the three
# charts delayed the first one's drawing (bench/browser.py).
tab = ui.tabs(tab_key, {"debt": tr("debt.tab.debt"), "schedule": tr("debt.tab.schedule"), "investments": tr("debt.tab.investments")})
if tab["debt"]:
    with tab["debt"]:
        st.subheader(tr("debt.debt_title"))
        ui.chart(d.debt_figure, "debt_chart", "soviet_debt_write_off")
        # NOTE: folded like every table below a chart: drawn with the page, it delayed the chart (bench/ab.py).
        ui.folded_table(tr("debt.events_table"), d.events, "debt", "soviet_debt_events")
        ui.caveats("debt")
if tab["schedule"]:
    with tab["schedule"]:
        st.subheader(tr("debt.schedule_title"))
        ui.chart(d.schedule_figure, "schedule_chart", "soviet_debt_repayment_schedule")
        st.caption(tr("debt.schedule_caption"))
        ui.folded_table(tr("debt.schedule_table"), d.schedule, "schedule", "soviet_debt_repayment_schedule")
        ui.caveats("debt")
if tab["investments"]:
    with tab["investments"]:
        st.subheader(tr("debt.investments_title"))
        c1, c2 = st.columns(2)
        chosen_countries = c1.pills(tr("debt.country"), countries, selection_mode="multi", wrap=True, format_func=lambda c: tr.code("partner", c),
                                    key=country_key)
        chosen_stages = c2.pills(tr("debt.stage"), stages, selection_mode="multi", wrap=True, format_func=lambda s: tr.code("investment_stage", s),
                                 key=stage_key)
        inv = ui.view(views.investments, countries=chosen_countries, stages=chosen_stages, lang=lang)
        ui.chart(inv.figure, "investment_chart", "investments_" + "_".join(chosen_stages or ["none"]))
        st.caption(tr("debt.investments_caption"))
        ui.folded_table(tr("debt.investments_table"), inv.table, "investment", "investments_" + "_".join(chosen_stages or ["none"]))
        ui.caveats("investments")
ui.cite(tr("page.debt.title"), params)
