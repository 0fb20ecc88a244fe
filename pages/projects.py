"""Projects: tracker, search by any name, status timeline, map and a detail view per project."""

import pandas as pd
import streamlit as st

from nkties import fmt, registry, schema, ui, views

b = ui.require("projects")
projects = b["projects"]
tr = ui.tr()
lang = tr.lang

st.title(tr("projects.title"))
url = ui.UrlState("projects")
partners = schema.enum("projects", "partner")
sectors = sorted(projects["sector"].dropna().unique())
statuses = [s for s in schema.enum("projects", "status") if s in set(projects["status"])]
query = st.text_input(tr("projects.search"), key=url.text("q", ""), max_chars=ui.MAX_PARAM_LENGTH,
                      placeholder=tr("projects.search_placeholder"), help=tr("projects.search_help"))
c1, c2, c3 = st.columns(3)
chosen_p = c1.pills(tr("ui.partner"), partners, selection_mode="multi", wrap=True, format_func=lambda p: tr.code("partner", p), key=url.multi("partner", partners, partners))
chosen_s = c2.pills(tr("projects.sector"), sectors, selection_mode="multi", wrap=True, format_func=lambda s: tr.code("sector", s), key=url.multi("sector", sectors, sectors))
chosen_st = c3.pills(tr("projects.status"), statuses, selection_mode="multi", wrap=True, format_func=lambda s: tr.code("project_status", s),
                           key=url.multi("status", statuses, statuses))
c1, c2 = st.columns(2)
stale = c1.select_slider(tr("projects.stale"), list(range(0, 16)), key=url.year("stale", list(range(0, 16)), 0))
sort = c2.radio(tr("projects.sort"), ["name", "stale"], format_func={"name": tr("projects.sort_name"), "stale": tr("projects.sort_stale")}.get,
                horizontal=True, key=url.choice("sort", ["name", "stale"], "name"))
ids = list(projects["project_id"])
english = projects.set_index("project_id")["name"]
project_key = url.choice("project", ids, ids[0])  # its selectbox sits by the project it shows, below
tab_views = registry.page("projects").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()

today = pd.Timestamp.today().normalize()
v = ui.view(views.projects, partners=chosen_p, sectors=chosen_s, statuses=chosen_st, stale_years=stale, sort=sort, today=today,
            query=query, lang=lang)
if v.places:
    st.caption(tr("projects.places_found", places=", ".join(ui.md_escape(p) for p in v.places)))
st.caption(tr("projects.count", shown=len(v.tracker), total=len(projects)))

tab = ui.tabs(tab_key, {"map": tr("projects.map"), "timeline": tr("projects.timeline")})
if tab["map"]:
    with tab["map"]:
        ui.chart(v.map_figure, "project_map", "projects_map", base_map=True)
        if v.lines:
            st.caption(tr("projects.map_lines"))
        unmapped = v.tracker.loc[v.tracker["lat"].isna() & ~v.tracker["project_id"].isin(v.lines)]
        if len(unmapped):
            st.caption(tr("projects.unmapped", projects=ui.md_escape(", ".join(tr.name("projects", i, n) for i, n in
                                                                             zip(unmapped["project_id"], unmapped["name"], strict=False)))))
if tab["timeline"]:
    with tab["timeline"]:
        ui.chart(v.timeline, "timeline_chart", "projects_status_timeline")
# NOTE: the table of the projects shown sits below the map, not above it: above, it delayed the map's
# first drawing by 0.16 s (bench/browser.py).
ui.table(v.tracker, key="projects_table", dataset="projects")
ui.download(v.tracker, "projects_filtered", key="download_projects")
ui.caveats("projects")

# NOTE: below the first chart, not above it: a selectbox above the chart delayed its first drawing by 0.2 s (bench/browser.py).
chosen = st.selectbox(tr("projects.detail"), ids, format_func=lambda i: tr.name("projects", i, english[i]), key=project_key)
d = ui.view(views.project_detail, project_id=chosen)
p = d.project
name = tr.name("projects", chosen, p["name"])
st.subheader(name)
# NOTE: summaries are English prose from projects.csv; names.csv names projects, it does not translate prose.
st.text(p["summary"])
c = st.columns(3)
c[0].metric(tr("projects.status"), tr.code("project_status", p["status"]), help=tr("projects.since", date=p["status_date"]))
c[1].metric(tr("projects.announced"), p["announced"])
c[2].metric(tr("projects.cost"), fmt.usd(p["cost_usd"], lang))
# NOTE: a place is a phrase ("Khasan (Russia) - Tumangang - Rajin"): text wraps, a metric would cut it.
st.markdown(tr("projects.place", place=ui.md_escape(tr.name("projects", chosen, p["place"], "place"))))
ui.table(d.history, key="history_table")
ui.download(d.history, f"project_{chosen}_history", key="download_history")
if not d.money.empty:
    ui.table(d.money, key="project_money_table")
ui.sources_caption([p["source_id"], *d.history["source_id"], *d.money["source_id"]], b["sources"], key="project_sources")
ui.cite(tr("projects.cite", name=name), params)
