"""Trade: Russia's and China's trade with North Korea over the years."""

import streamlit as st

from nkties import calc, charts, export, schema, ui

b = ui.require("trade", "sources", "events")
trade, sources, events = b["trade"], b["sources"], b["events"]

st.title("Trade with North Korea: Russia and China")
url = ui.UrlState("trade")
bounds = calc.year_range(trade)
flows = schema.enum("trade", "flow")
c1, c2, c3, c4 = st.columns([2, 3, 1, 1])
flow = c1.selectbox("Flow", flows, format_func=calc.FLOW_LABELS.get, key=url.choice("flow", flows, "total"))
measure = c2.radio("Show", list(calc.MEASURES), format_func=calc.MEASURES.get, horizontal=True,
                   key=url.choice("measure", list(calc.MEASURES), "value"))
log = c3.toggle("Log scale", key=url.flag("log", True), help="A log scale shows Russia's small and China's large figures on one chart.")
show_events = c4.toggle("Events", key=url.flag("events", False), help="Dotted lines mark the events in events.csv; hover the symbol at the top.")
years = st.slider("Years", *bounds, key=url.year_range("years", bounds, bounds))
url.sync()

view = calc.trade_view(trade, flow, years, measure="share" if measure == "share" else "value")
view["source_label"] = export.source_label(view, sources)
others = calc.in_view(calc.other_rows(trade), flow, years).copy()
others["source_label"] = export.source_label(others, sources)
fig = charts.trade_figure(
    view, others, events=calc.events_between(events, years) if show_events else None,
    targets=calc.targets(events) if flow == "total" else None, log=log, measure=measure)
st.plotly_chart(fig, key="trade_chart", config=ui.CHART_CONFIG)
st.caption("Lines are the series of record (one figure per year, see 'primary' in the data); hollow markers are "
           "other sources' figures for the same year. A break in a line is a year no source we hold covers.")

st.subheader("China's trade as a multiple of Russia's")
mult = calc.china_multiple(trade, flow, years)
st.plotly_chart(charts.multiple_figure(mult), key="multiple_chart", config=ui.CHART_CONFIG)

st.subheader("Figures charted")
shown = export.with_sources(view.drop(columns=["source_label"]), sources)
ui.table(shown, key="trade_table")
ui.download(shown, f"trade_{flow}_{years[0]}-{years[1]}_{measure}", key="download_trade")
mult = export.with_sources(export.with_sources(mult, sources, "china_source_id", "china_source"), sources, "russia_source_id", "russia_source")
ui.download(mult, f"china_russia_multiple_{flow}_{years[0]}-{years[1]}", key="download_multiple", label="Download the multiple (CSV)")

st.subheader("Other sources' figures")
other_table = export.with_sources(calc.disagreements(trade).pipe(calc.in_view, flow, years).drop(columns=["primary"]), sources)
ui.table(other_table, key="others_table")
ui.download(other_table, f"trade_{flow}_{years[0]}-{years[1]}_other_sources", key="download_others")
ui.caveats("trade")
ui.sources_caption(view["source_id"], sources)
