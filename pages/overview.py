"""Overview: the latest year at a glance, pledges against outcomes, projects by status."""

import pandas as pd
import streamlit as st

from nkties import calc, fmt, ui, views

b = ui.require("overview")
sources = b["sources"]
tr = ui.tr()
lang = tr.lang

st.title(tr("overview.title"))
url = ui.UrlState("overview")
series = st.segmented_control(tr("ui.statistic"), list(calc.SERIES), format_func=lambda s: calc.series_label(s, lang),
                      key=url.choice("series", list(calc.SERIES), calc.BEST), help=tr("series.help"), required=True, wrap=True)
params = url.sync()
v = ui.view(views.overview, series=series, lang=lang)
head = v.headline.set_index("partner")
rus, chn = (head.loc[p] if p in head.index else None for p in calc.PARTNERS)

st.subheader(tr("overview.trade_in", year=v.year))
# NOTE: two by two, so that '2,18 млрд долл.' and '21억 8천만 달러' show whole (four in a row cut them off).
c = [*st.columns(2), *st.columns(2)]
for col, p, r in ((c[0], "Russia", rus), (c[1], "China", chn)):
    col.metric(tr("overview.partner_trade", partner=tr.code("partner", p)), fmt.usd(r["value_usd"], lang) if r is not None else fmt.no_data(lang),
               help=tr("overview.partner_trade_help", statistic=tr.code("statistic", r["statistic"]), publisher=r["source_publisher"],
                       title=r["source_title"]) if r is not None else None)
c[2].metric(tr("overview.multiple"), fmt.times(v.china_multiple, lang),
            help=tr("overview.multiple_help", china=tr.code("statistic", chn["statistic"]), russia=tr.code("statistic", rus["statistic"]))
            if rus is not None and chn is not None else None)
c[3].metric(tr("overview.china_share"), fmt.pct(chn["share_pct"], lang=lang) if chn is not None else fmt.no_data(lang),
            help=(tr("overview.russia_share", share=fmt.pct(rus["share_pct"], 2, lang=lang)) + " " if rus is not None else "")
            + tr("overview.china_share_help"))
ui.sources_caption(v.headline["source_id"], sources, key="headline_sources")

ui.chart(v.figure, "overview_chart", f"overview_total_trade_{series}")
st.caption(tr("overview.chart_caption"))

st.subheader(tr("overview.pledges"))
c = st.columns(3)
for _, t in v.outcomes.iterrows():
    # NOTE: short labels (names go in the help): a metric label is one line and must not be cut at 390 px.
    c[0].metric(tr("overview.target_label", year=int(t["target_year"])), fmt.usd(t["actual_usd"], lang), delta_color="off",
                delta=tr("overview.of_target", pct=fmt.pct(t["achieved_pct"], 0, lang=lang), target=fmt.usd(t["target_usd"], lang))
                if pd.notna(t["achieved_pct"]) else tr("overview.no_target_figure"),
                help=tr.name("events", t["event_id"], t["title"], "title") + ". "
                + tr("overview.target_help", publisher=t["source_publisher"], year=int(t["target_year"])))
steps = v.debt_steps.set_index("kind")
if {"write_off", "remainder"} <= set(steps.index):
    c[1].metric(tr("overview.debt_written_off"), fmt.usd(steps.loc["write_off", "amount_usd"], lang),
                delta=tr("overview.remainder", amount=fmt.usd(steps.loc["remainder", "amount_usd"], lang)), delta_color="off")
for _, p in v.pledges.head(1).iterrows():
    c[2].metric(tr("overview.pledge_label"), fmt.usd(p["amount_usd"], lang), delta_color="off",
                delta=tr("overview.pledge_delta", stage=tr.code("investment_stage", p["stage"]), status=tr.code("project_status", p["status"])),
                help=tr("overview.pledge_help", project=tr.name("projects", p["project_id"], p["project"]), date=p["status_date"]))
ui.sources_caption([*v.outcomes["source_id"], *v.debt_steps["source_id"], *v.pledges.head(1)["source_id"]], sources, key="pledge_sources")

st.subheader(tr("overview.projects_by_status"))
c = st.columns(len(v.status_counts) or 1)
for i, (_, r) in enumerate(v.status_counts.iterrows()):
    c[i].metric(tr.code_title("project_status", r["status"]), int(r.drop("status").sum()),
                help=", ".join(f"{tr.code('partner', p)}: {int(r[p])}" for p in calc.PARTNERS if p in r))
ui.download(v.headline, f"overview_trade_{v.year}_{series.replace(' ', '-')}", key="download_headline", label=tr("overview.download_headline"))
ui.download(v.outcomes, "overview_pledges_against_outcomes", key="download_outcomes", label=tr("overview.download_outcomes"))
ui.download(v.status_counts, "overview_projects_by_status", key="download_status_counts", label=tr("overview.download_status"))
ui.cite(tr("overview.cite", series=calc.series_label(series, lang)), params)
