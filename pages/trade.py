"""Trade: Russia's and China's trade with North Korea over the years."""

import streamlit as st

from nkties import calc, fmt, schema, ui, views
from nkties.measures import MEASURES

b = ui.require("trade")
trade = b["trade"]

st.title("Trade with North Korea: Russia and China")
url = ui.UrlState("trade")
bounds = calc.year_range(trade)
flows = schema.enum("trade", "flow")
c1, c2 = st.columns(2)
series = c1.selectbox("Statistic", list(calc.SERIES), format_func=calc.SERIES.get, key=url.choice("series", list(calc.SERIES), calc.BEST),
                      help=calc.SERIES_HELP)
flow = c2.selectbox("Flow", flows, format_func=fmt.flow, key=url.choice("flow", flows, "total"))
measure = st.radio("Show", list(MEASURES), format_func=lambda k: MEASURES[k].label, horizontal=True,
                   key=url.choice("measure", list(MEASURES), "value"))
c1, c2, c3, c4 = st.columns(4)
log = c1.toggle("Log scale", key=url.flag("log", True), help="A log scale shows Russia's small and China's large figures on one chart.")
band = c2.toggle("Range of sources", key=url.flag("band", True), help="Shade from the lowest to the highest figure any source gives for the year.")
show_events = c3.toggle("Events", key=url.flag("events", False), help="Dotted lines mark the events in events.csv; hover the symbol at the top.")
all_years = list(range(bounds[0], bounds[1] + 1))
base = c4.selectbox("Index base year", all_years, key=url.year("base", all_years, bounds[0]),
                    help="Used when Show is an index: that year's figure = 100.")
years = st.slider("Years", *bounds, key=url.year_range("years", bounds, bounds))
params = url.sync()

name = f"trade_{flow}_{years[0]}-{years[1]}_{series.replace(' ', '-')}"
v = ui.view(views.trade_chart, flow=flow, years=years, series=series, measure=measure, log=log, events=show_events,
            band=band, base_year=base)
tables = ui.view(views.trade_tables, flow=flow, years=years, series=series)
if v.base_missing:
    st.caption(f"⚠️ No figure for {', '.join(v.base_missing)} in {base}: choose another base year for an index.")
ui.chart(v.figure, "trade_chart", f"{name}_{measure}")
if v.combines:
    st.caption(f"⚠️ This view combines statistics: {', '.join(v.combines)}. Each marker and line style is one statistic "
               "(see the legend); a thin dotted joint marks a change of statistic.")
st.caption("Lines are the chosen statistic (one figure per year); hollow markers are other sources' figures and the shaded "
           "band runs from the lowest to the highest. A break in a line is a year the statistic has no figure; growth is "
           "only computed between two consecutive years of the same statistic.")

st.subheader("China's trade as a multiple of Russia's")
ui.chart(tables.multiple_figure, "multiple_chart", f"china_russia_multiple_{flow}_{years[0]}-{years[1]}_{series}")
st.caption("Hatched bars divide figures of two different statistics; hover a bar for both.")

st.subheader("Figures charted")
ui.table(v.table, key="trade_table")
ui.download(v.table, f"{name}_{measure}", key="download_trade")
ui.download(tables.multiple, f"china_russia_multiple_{flow}_{years[0]}-{years[1]}_{series.replace(' ', '-')}",
            key="download_multiple", label="Download the multiple (CSV)")

ui.section(f"Where sources disagree by more than {calc.DISAGREEMENT_PCT:.0f}%", tables.disputed, "disputed",
           f"trade_{flow}_{years[0]}-{years[1]}_disagreements")
ui.section("Other sources' figures", tables.others, "others", f"trade_{flow}_{years[0]}-{years[1]}_other_sources")
ui.footer("trade", v.table["source_id"], b["sources"], f"Trade, {fmt.flow_in_sentence(flow)}, {years[0]}-{years[1]}, {calc.SERIES[series]}", params)
