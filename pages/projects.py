"""Projects: tracker, search by any name, status timeline, map and a detail view per project."""

import pandas as pd
import streamlit as st

from nkties import calc, fmt, registry, schema, ui, views

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
keys = {"partner": url.multi("partner", partners, partners), "sector": url.multi("sector", sectors, sectors),
        "status": url.multi("status", statuses, statuses), "stale": url.year("stale", list(range(0, 16)), 0),
        "sort": url.choice("sort", ["name", "stale"], "name")}
# NOTE: the filters in a popover, the search box above the map: in rows of their own they took a phone's first
# screen and delayed the map's first drawing (bench/ab.py). The label counts the filters that narrow the list.
narrowing = calc.narrowing({k: st.session_state[keys[k]] for k in ("partner", "sector", "status", "stale")},
                         {"partner": partners, "sector": sectors, "status": statuses, "stale": 0})
with st.popover(tr("projects.filters", n=narrowing) if narrowing else tr("projects.filters_none"), icon=":material/filter_list:",
                key="projects_filters"):
    chosen_p = st.pills(tr("ui.partner"), partners, selection_mode="multi", wrap=True, format_func=lambda p: tr.code("partner", p), key=keys["partner"])
    chosen_s = st.pills(tr("projects.sector"), sectors, selection_mode="multi", wrap=True, format_func=lambda s: tr.code("sector", s), key=keys["sector"])
    chosen_st = st.pills(tr("projects.status"), statuses, selection_mode="multi", wrap=True, format_func=lambda s: tr.code("project_status", s),
                         key=keys["status"])
    stale = st.select_slider(tr("projects.stale"), list(range(0, 16)), key=keys["stale"])
    sort = st.radio(tr("projects.sort"), ["name", "stale"], format_func={"name": tr("projects.sort_name"), "stale": tr("projects.sort_stale")}.get,
                    horizontal=True, key=keys["sort"])
ids = list(projects["project_id"])
english = projects.set_index("project_id")["name"]
project_key = url.choice("project", ids, ids[0])  # its selectbox is in the detail tab, by the project it shows
tab_views = registry.page("projects").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()

today = pd.Timestamp.today().normalize()
v = ui.view(views.projects, partners=chosen_p, sectors=chosen_s, statuses=chosen_st, stale_years=stale, sort=sort, today=today,
            query=query, lang=lang)
if v.places:
    st.caption(tr("projects.places_found", places=", ".join(ui.md_escape(p) for p in v.places)))
st.caption(tr("projects.count", shown=len(v.tracker), total=len(projects)))

# NOTE: one project's detail in a tab of its own (?view=detail&project=..., a link to it): below the map,
# drawn with the page, its selectbox, metrics and tables delayed the map's first drawing (0.77x without them,
# bench/ab.py).
tab = ui.tabs(tab_key, {"map": tr("projects.map"), "timeline": tr("projects.timeline"), "detail": tr("projects.detail")})
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
cite_title = tr("projects.title")
if tab["detail"]:
    with tab["detail"]:
        chosen = st.selectbox(tr("projects.detail_choose"), ids, format_func=lambda i: tr.name("projects", i, english[i]), key=project_key)
        d = ui.view(views.project_detail, project_id=chosen)
        p = d.project
        name = tr.name("projects", chosen, p["name"])
        cite_title = tr("projects.cite", name=name)
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
# NOTE: the table of the projects shown sits below the map, folded like every table below a chart: above the
# map it delayed its first drawing by 0.16 s (bench/browser.py), and drawn with the page it still did.
ui.folded_table(tr("projects.table"), v.tracker, "projects", "projects_filtered", dataset="projects")
ui.caveats("projects")
ui.cite(cite_title, params)
