"""Monthly trade: China customs' monthly figures, year to date and the last twelve months."""

import streamlit as st

from nkties import calc, fmt, registry, schema, ui, views

b = ui.require("monthly")
monthly = b["trade_monthly"]
tr = ui.tr()
lang = tr.lang

st.title(tr("monthly.title"))
st.write(tr("monthly.intro"))
url = ui.UrlState("monthly")
bounds = calc.month_range(monthly)
partners = schema.enum("trade_monthly", "partner")
flows = schema.enum("trade_monthly", "flow")
c1, c2, c3 = st.columns([1, 2, 1])
partner = c1.segmented_control(tr("ui.partner"), partners, format_func=lambda p: tr.code("partner", p), key=url.choice("partner", partners, "China"),
                               required=True, wrap=True)
series = c2.segmented_control(tr("ui.statistic"), list(calc.SERIES), format_func=lambda s: calc.series_label(s, lang),
                      key=url.choice("series", list(calc.SERIES), calc.BEST), required=True, wrap=True)
show_events = c3.toggle(tr("ui.events"), key=url.flag("events", True), help=tr("monthly.events_help"))
years = st.slider(tr("ui.years"), *bounds, key=url.year_range("years", bounds, (max(bounds[0], bounds[1] - 7), bounds[1])))
ytd_key = url.choice("ytd", flows, "total")  # its flow control sits by its chart, in the year-to-date tab
tab_views = registry.page("monthly").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()

ytd_flow = st.session_state[ytd_key]
v = ui.view(views.monthly, partner=partner, years=years, series=series, ytd_flow=ytd_flow, events=show_events, lang=lang)
partner_name = tr.code("partner", partner)
if v.last_month:
    st.caption(tr("monthly.latest", month=fmt.month(v.last_month, lang)))
if v.table["value_usd"].isna().all():
    st.info(tr("monthly.no_single_months", partner=partner_name))
# NOTE: one chart at a time, in tabs: only the open tab is drawn. Drawn together, the year-to-date and
# twelve-month charts delayed the first chart by 0.5 s (bench/browser.py).
tab = ui.tabs(tab_key, {"month": tr("monthly.by_month"), "ytd": tr("monthly.ytd_title"), "rolling": tr("monthly.rolling_title")})
if tab["month"]:
    with tab["month"]:
        ui.chart(v.figure, "monthly_chart", f"monthly_{partner}_{years[0]}-{years[1]}_{series}")
        if v.combines:
            st.caption("⚠️ " + tr("monthly.combines", statistics=", ".join(tr.codes("statistic", v.combines))))
        st.caption(tr("monthly.chart_caption"))
        ui.download(v.table, f"monthly_{partner}_{years[0]}-{years[1]}_{series.replace(' ', '-')}", key="download_monthly")
if tab["ytd"]:
    with tab["ytd"]:
        st.segmented_control(tr("ui.flow"), flows, format_func=lambda f: fmt.flow(f, lang), key=ytd_key, required=True, wrap=True)
        ui.chart(v.ytd_figure, "ytd_chart", f"monthly_{partner}_year_to_date_{ytd_flow}_{series}")
        st.caption(tr("monthly.ytd_caption"))
        ui.download(v.ytd, f"monthly_{partner}_year_to_date_{ytd_flow}_{series.replace(' ', '-')}", key="download_ytd")
if tab["rolling"]:
    with tab["rolling"]:
        ui.chart(v.rolling_figure, "rolling_chart", f"monthly_{partner}_rolling_12_months_{series}")
        st.caption(tr("monthly.rolling_caption"))
        ui.download(v.rolling, f"monthly_{partner}_rolling_12_months_{series.replace(' ', '-')}", key="download_rolling")

ui.folded_table(tr("monthly.coverage"), v.coverage, "coverage")

ui.folded_table(tr("ui.figures_charted"), v.table, "monthly")
ui.folded_table(tr("monthly.cumulative"), v.cumulative, "cumulative", f"part_year_{partner}")
ui.footer("trade_monthly", v.table["source_id"], b["sources"],
          tr("monthly.cite", partner=partner_name, start=years[0], end=years[1], series=calc.series_label(series, lang)), params)
