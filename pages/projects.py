"""Projects: tracker, status timeline, map and a detail view per project."""

import pandas as pd
import streamlit as st

from nkties import calc, charts, export, schema, ui

b = ui.require("projects", "project_status", "investments", "sources")
projects, status, sources = b["projects"], b["project_status"], b["sources"]

st.title("Projects")
url = ui.UrlState("projects")
partners = schema.enum("projects", "partner")
sectors = sorted(projects["sector"].dropna().unique())
statuses = [s for s in schema.enum("projects", "status") if s in set(projects["status"])]
c1, c2, c3 = st.columns(3)
chosen_p = c1.multiselect("Partner", partners, key=url.multi("partner", partners, partners))
chosen_s = c2.multiselect("Sector", sectors, key=url.multi("sector", sectors, sectors))
chosen_st = c3.multiselect("Status", statuses, format_func=lambda s: s.replace("_", " "), key=url.multi("status", statuses, statuses))
ids = list(projects["project_id"])
chosen = st.selectbox("Project detail", ids, format_func=projects.set_index("project_id")["name"].get, key=url.choice("project", ids, ids[0]))
url.sync()

shown = calc.filter_projects(projects, chosen_p, chosen_s, chosen_st)
st.caption(f"{len(shown)} of {len(projects)} projects")
tracker = export.with_sources(shown, sources)
ui.table(tracker, key="projects_table")
ui.download(tracker, "projects_filtered", key="download_projects")

tab_map, tab_time = st.tabs(["Map", "Status timeline"])
with tab_map:
    st.plotly_chart(charts.project_map(shown), key="project_map", config=ui.MAP_CONFIG)
with tab_time:
    names = projects.set_index("project_id")["name"]
    segments = calc.status_segments(status, shown["project_id"], names, pd.Timestamp.today().normalize())
    st.plotly_chart(charts.status_timeline(segments), key="timeline_chart", config=ui.CHART_CONFIG)
ui.caveats("projects")

p = projects.set_index("project_id").loc[chosen]
st.subheader(p["name"])
st.text(p["summary"])
c = st.columns(4)
c[0].metric("Status", p["status"].replace("_", " "), help=f"since {p['status_date']}")
c[1].metric("Announced", p["announced"])
c[2].metric("Cost", charts.fmt_usd(p["cost_usd"]))
c[3].metric("Place", p["place"])
history = export.with_sources(status[status["project_id"] == chosen], sources)
ui.table(history, key="history_table")
ui.download(history, f"project_{chosen}_history", key="download_history")
money = export.with_sources(calc.investment_view(b["investments"], projects).query("project_id == @chosen"), sources)
if not money.empty:
    ui.table(money, key="project_money_table")
ui.sources_caption([p["source_id"], *history["source_id"], *money["source_id"]], sources)
