"""Trade: Russia's and China's trade with North Korea over the years."""

import streamlit as st

from nkties import calc, schema, ui

b = ui.require("trade", "sources", "events")
trade = b["trade"]

st.title("Trade with North Korea: Russia and China")
url = ui.UrlState("trade")
bounds = calc.year_range(trade)
flows = schema.enum("trade", "flow")
c1, c2 = st.columns([1, 2])
flow = c1.selectbox("Flow", flows, format_func=calc.FLOW_LABELS.get, key=url.choice("flow", flows, "total"))
measure = c2.radio("Show", list(calc.MEASURES), format_func=calc.MEASURES.get, horizontal=True,
                   key=url.choice("measure", list(calc.MEASURES), "value"))
c1, c2, c3, c4 = st.columns(4)
log = c1.toggle("Log scale", key=url.flag("log", True), help="A log scale shows Russia's small and China's large figures on one chart.")
band = c2.toggle("Range of sources", key=url.flag("band", True), help="Shade from the lowest to the highest figure any source gives for the year.")
show_events = c3.toggle("Events", key=url.flag("events", False), help="Dotted lines mark the events in events.csv; hover the symbol at the top.")
all_years = list(range(bounds[0], bounds[1] + 1))
base = c4.selectbox("Index base year", all_years, key=url.year("base", all_years, bounds[0]), disabled=measure != "index")
years = st.slider("Years", *bounds, key=url.year_range("years", bounds, bounds))
params = url.sync()

v = ui.view("trade_chart", flow, years, measure, log, show_events, band, base)
ctx = ui.view("trade_context", flow, years)
if v.base_missing:
    st.caption(f"⚠️ No figure for {', '.join(v.base_missing)} in {base}: choose another base year for an index.")
st.plotly_chart(v.figure, key="trade_chart", config=ui.CHART_CONFIG)
st.caption("Lines are the series of record (one figure per year, see 'primary' in the data); hollow markers are "
           "other sources' figures and the shaded band runs from the lowest to the highest. A break in a line is "
           "a year no source we hold covers; growth is only computed between two consecutive years with figures.")

st.subheader("China's trade as a multiple of Russia's")
st.plotly_chart(ctx.multiple_figure, key="multiple_chart", config=ui.CHART_CONFIG)

st.subheader("Figures charted")
ui.table(v.table, key="trade_table")
ui.download(v.table, f"trade_{flow}_{years[0]}-{years[1]}_{measure}", key="download_trade")
ui.download(ctx.multiple, f"china_russia_multiple_{flow}_{years[0]}-{years[1]}", key="download_multiple", label="Download the multiple (CSV)")

st.subheader(f"Where sources disagree by more than {calc.DISAGREEMENT_PCT:.0f}%")
ui.table(ctx.disputed, key="disputed_table")
ui.download(ctx.disputed, f"trade_{flow}_{years[0]}-{years[1]}_disagreements", key="download_disputed")

st.subheader("Other sources' figures")
ui.table(ctx.others, key="others_table")
ui.download(ctx.others, f"trade_{flow}_{years[0]}-{years[1]}_other_sources", key="download_others")
ui.caveats("trade")
ui.sources_caption(v.table["source_id"], b["sources"])
ui.cite(f"Trade, {calc.FLOW_LABELS[flow].lower()}, {years[0]}-{years[1]}", params)
