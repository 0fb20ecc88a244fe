"""Trade: Russia's and China's trade with North Korea over the years."""

import streamlit as st

from nkties import calc, fmt, registry, schema, ui, views
from nkties.measures import MEASURES

b = ui.require("trade")
trade = b["trade"]
tr = ui.tr()
lang = tr.lang

st.title(tr("trade.title"))
url = ui.UrlState("trade")
bounds = calc.year_range(trade)
flows = schema.enum("trade", "flow")
c1, c2 = st.columns(2)
series = c1.segmented_control(tr("ui.statistic"), list(calc.SERIES), format_func=lambda s: calc.series_label(s, lang),
                      key=url.choice("series", list(calc.SERIES), calc.BEST), help=tr("series.help"), required=True, wrap=True)
flow = c2.segmented_control(tr("ui.flow"), flows, format_func=lambda f: fmt.flow(f, lang), key=url.choice("flow", flows, "total"), required=True, wrap=True)
measure = st.segmented_control(tr("trade.show"), list(MEASURES), format_func=lambda k: MEASURES[k].label(lang),
                               key=url.choice("measure", list(MEASURES), "value"), required=True, wrap=True)
years = st.slider(tr("ui.years"), *bounds, key=url.year_range("years", bounds, bounds))
# NOTE: the chart's finer settings in a popover: in a row of their own they filled a phone's first screen,
# so the chart began below it. The chart shows their effect (log axis, band, events, index base).
with st.popover(tr("ui.chart_settings"), icon=":material/tune:", key="trade_settings"):
    log = st.toggle(tr("ui.log_scale"), key=url.flag("log", True), help=tr("trade.log_help"))
    band = st.toggle(tr("trade.band"), key=url.flag("band", True), help=tr("trade.band_help"))
    show_events = st.toggle(tr("ui.events"), key=url.flag("events", False), help=tr("trade.events_help"))
    all_years = list(range(bounds[0], bounds[1] + 1))
    base = st.select_slider(tr("trade.base"), all_years, key=url.year("base", all_years, bounds[0]), help=tr("trade.base_help"))
tab_views = registry.page("trade").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()

name = f"trade_{flow}_{years[0]}-{years[1]}_{series.replace(' ', '-')}"
v = ui.view(views.trade_chart, flow=flow, years=years, series=series, measure=measure, log=log, events=show_events,
            band=band, base_year=base, lang=lang)
tables = ui.view(views.trade_tables, flow=flow, years=years, series=series, lang=lang)
# NOTE: one chart at a time, in tabs: only the open tab is drawn. Drawn below the first, the multiple's
# chart delayed the first chart's drawing (bench/browser.py).
tab = ui.tabs(tab_key, {"partners": tr("trade.tab.partners"), "multiple": tr("trade.tab.multiple")})
if tab["partners"]:
    with tab["partners"]:
        if v.base_missing:
            st.caption("⚠️ " + tr("trade.base_missing", partners=", ".join(tr.codes("partner", v.base_missing)), year=base))
        ui.chart(v.figure, "trade_chart", f"{name}_{measure}")
        if v.combines:
            st.caption("⚠️ " + tr("trade.combines", statistics=", ".join(tr.codes("statistic", v.combines))))
        st.caption(tr("trade.chart_caption"))
        ui.folded_table(tr("ui.figures_charted"), v.table, "trade", f"{name}_{measure}")
if tab["multiple"]:
    with tab["multiple"]:
        st.subheader(tr("trade.multiple_title"))
        ui.chart(tables.multiple_figure, "multiple_chart", f"china_russia_multiple_{flow}_{years[0]}-{years[1]}_{series}")
        st.caption(tr("trade.multiple_caption"))
        ui.download(tables.multiple, f"china_russia_multiple_{flow}_{years[0]}-{years[1]}_{series.replace(' ', '-')}",
                    key="download_multiple", label=tr("trade.download_multiple"))

ui.folded_table(tr("trade.disputed", pct=fmt.pct(calc.DISAGREEMENT_PCT, 0, lang=lang)), tables.disputed, "disputed",
           f"trade_{flow}_{years[0]}-{years[1]}_disagreements")
ui.folded_table(tr("trade.others"), tables.others, "others", f"trade_{flow}_{years[0]}-{years[1]}_other_sources")
ui.footer("trade", v.table["source_id"], b["sources"],
          tr("trade.cite", flow=fmt.flow_in_sentence(flow, lang), start=years[0], end=years[1], series=calc.series_label(series, lang)), params)
