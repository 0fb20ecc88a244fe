"""Projects: tracker, status timeline, map and a detail view per project."""

import pandas as pd
import streamlit as st

from nkties import fmt, schema, ui, views

b = ui.require("projects")
projects = b["projects"]

st.title("Projects")
url = ui.UrlState("projects")
partners = schema.enum("projects", "partner")
sectors = sorted(projects["sector"].dropna().unique())
statuses = [s for s in schema.enum("projects", "status") if s in set(projects["status"])]
c1, c2, c3 = st.columns(3)
chosen_p = c1.multiselect("Partner", partners, key=url.multi("partner", partners, partners))
chosen_s = c2.multiselect("Sector", sectors, key=url.multi("sector", sectors, sectors))
chosen_st = c3.multiselect("Status", statuses, format_func=fmt.code, key=url.multi("status", statuses, statuses))
c1, c2 = st.columns(2)
stale = c1.select_slider("Not confirmed by a source for at least (years)", list(range(0, 16)), key=url.year("stale", list(range(0, 16)), 0))
sort = c2.radio("Sort", ["name", "stale"], format_func={"name": "as listed", "stale": "longest unconfirmed first"}.get,
                horizontal=True, key=url.choice("sort", ["name", "stale"], "name"))
ids = list(projects["project_id"])
chosen = st.selectbox("Project detail", ids, format_func=projects.set_index("project_id")["name"].get, key=url.choice("project", ids, ids[0]))
params = url.sync()

today = pd.Timestamp.today().normalize()
v = ui.view(views.projects, partners=chosen_p, sectors=chosen_s, statuses=chosen_st, stale_years=stale, sort=sort, today=today)
st.caption(f"{len(v.tracker)} of {len(projects)} projects")
ui.table(v.tracker, key="projects_table")
ui.download(v.tracker, "projects_filtered", key="download_projects")

tab_map, tab_time = st.tabs(["Map", "Status timeline"])
with tab_map:
    ui.chart(v.map_figure, "project_map", "projects_map", base_map=True)
    unmapped = v.tracker.loc[v.tracker["lat"].isna(), "name"]
    if len(unmapped):
        st.caption("Not on the map (no single site): " + ui.md_escape(", ".join(unmapped)))
with tab_time:
    ui.chart(v.timeline, "timeline_chart", "projects_status_timeline")
ui.caveats("projects")

d = ui.view(views.project_detail, project_id=chosen)
p = d.project
st.subheader(p["name"])
st.text(p["summary"])
c = st.columns(3)
c[0].metric("Status", fmt.code(p["status"]), help=f"since {p['status_date']}")
c[1].metric("Announced", p["announced"])
c[2].metric("Cost", fmt.usd(p["cost_usd"]))
# NOTE: a place is a phrase ("Khasan (Russia) - Tumangang - Rajin"): text wraps, a metric would cut it.
st.markdown(f"**Place:** {ui.md_escape(p['place'])}")
ui.table(d.history, key="history_table")
ui.download(d.history, f"project_{chosen}_history", key="download_history")
if not d.money.empty:
    ui.table(d.money, key="project_money_table")
ui.sources_caption([p["source_id"], *d.history["source_id"], *d.money["source_id"]], b["sources"])
ui.cite(f"Projects: {p['name']}", params)
