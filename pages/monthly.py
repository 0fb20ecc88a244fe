"""Monthly trade: China customs' monthly figures, year to date and the last twelve months."""

import streamlit as st

from nkties import calc, fmt, schema, ui, views

b = ui.require("monthly")
monthly = b["trade_monthly"]

st.title("Month by month: North Korea's trade with China")
st.write("China customs (GACC) publishes North Korea's trade with China every month, as reported by Yonhap, NK News, "
         "Reuters, VOA, KITA and others. Months show border closures and sanctions as they happen.")
url = ui.UrlState("monthly")
bounds = calc.month_range(monthly)
partners = schema.enum("trade_monthly", "partner")
flows = schema.enum("trade_monthly", "flow")
c1, c2, c3 = st.columns([1, 2, 1])
partner = c1.selectbox("Partner", partners, key=url.choice("partner", partners, "China"))
series = c2.selectbox("Statistic", list(calc.SERIES), format_func=calc.SERIES.get, key=url.choice("series", list(calc.SERIES), calc.BEST))
show_events = c3.toggle("Events", key=url.flag("events", True), help="Sanctions resolutions, the border closure and the reopenings, from events.csv.")
years = st.slider("Years", *bounds, key=url.year_range("years", bounds, (max(bounds[0], bounds[1] - 7), bounds[1])))
ytd_key = url.choice("ytd", flows, "total")  # its radio sits by its chart, below
params = url.sync()

ytd_flow = st.session_state[ytd_key]
v = ui.view(views.monthly, partner=partner, years=years, series=series, ytd_flow=ytd_flow, events=show_events)
if v.last_month:
    st.caption(f"Latest month with a figure: {fmt.month(v.last_month)}.")
if v.table["value_usd"].isna().all():
    st.info(f"No single-month figures for {partner} in these years. Russia publishes no monthly trade with North Korea; "
            "its part-year figures are in the table of cumulative figures below.")
ui.chart(v.figure, "monthly_chart", f"monthly_{partner}_{years[0]}-{years[1]}_{series}")
if v.combines:
    st.caption(f"⚠️ This chart combines statistics: {', '.join(v.combines)}. Each marker and line style is one statistic (see the legend).")
st.caption("Single months only; a gap is a month no stored report gives (China often releases January and February together). "
           "Dotted lines: sanctions resolutions (✕) and border closures and reopenings (▮); hover the symbol at the top.")
ui.download(v.table, f"monthly_{partner}_{years[0]}-{years[1]}_{series.replace(' ', '-')}", key="download_monthly")

st.subheader("Year to date")
st.radio("Flow", flows, format_func=fmt.flow, horizontal=True, key=ytd_key)
ui.chart(v.ytd_figure, "ytd_chart", f"monthly_{partner}_year_to_date_{ytd_flow}_{series}")
st.caption("Each year's total from January: the cumulative figure customs reported where there is one, else the months added "
           "up (hover a point to see which); a gap is a month neither covers.")
ui.download(v.ytd, f"monthly_{partner}_year_to_date_{ytd_flow}_{series.replace(' ', '-')}", key="download_ytd")

st.subheader("The last twelve months")
ui.chart(v.rolling_figure, "rolling_chart", f"monthly_{partner}_rolling_12_months_{series}")
st.caption("The sum of the last twelve months, drawn only where all twelve have a figure; diamonds are the annual customs figures.")
ui.download(v.rolling, f"monthly_{partner}_rolling_12_months_{series.replace(' ', '-')}", key="download_rolling")

ui.section("Months with a figure", v.coverage, "coverage")

ui.section("Figures charted", v.table, "monthly")
ui.section("Cumulative and part-year figures", v.cumulative, "cumulative", f"part_year_{partner}")
ui.footer("trade_monthly", v.table["source_id"], b["sources"], f"Monthly trade, {partner}, {years[0]}-{years[1]}, {calc.SERIES[series]}", params)
