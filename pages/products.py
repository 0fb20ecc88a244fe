"""What is traded: North Korea's trade by product with China and Russia, and the sanctions that reshaped it."""

import streamlit as st

from nkties import fmt, registry, schema, ui, views

b = ui.require("products")
groups = b["product_groups"]
tr = ui.tr()
lang = tr.lang

st.title(tr("products.title"))
st.write(tr("products.intro"))
url = ui.UrlState("products")
partners = schema.enum("trade_products", "partner")
flows = schema.enum("trade_products", "flow")
english = groups.set_index("product_group")["name"]


def product_name(g: str) -> str:
    return tr.name("product_groups", g, english.get(g, g))


c1, c2 = st.columns(2)
partner = c1.segmented_control(tr("ui.partner"), partners, format_func=lambda p: tr.code("partner", p), key=url.choice("partner", partners, "China"),
                       help=tr("products.partner_help"), required=True, wrap=True)
flow = c2.segmented_control(tr("ui.flow"), flows, format_func=lambda f: fmt.flow(f, lang), key=url.choice("flow", flows, "from_dprk"), required=True, wrap=True)
available = ui.view(views.product_groups_available, partner=partner, flow=flow)
product_key = url.choice("product", list(groups["product_group"]), "coal")
if st.session_state[product_key] not in available and available:
    st.session_state[product_key] = available[0]
measure_key = url.choice("measure", ["value_usd", "quantity"], "value_usd")  # its control sits in the product's tab
years = ui.view(views.product_years, flow=flow) or [0]
year_key = url.year("year", years, years[-1])
if st.session_state[year_key] not in years:  # the flow changed and that year has no figures for both
    st.session_state[year_key] = years[-1]
tab_views = registry.page("products").views
tab_key = url.choice("view", list(tab_views), tab_views[0])
params = url.sync()

product = st.session_state[product_key]
measure = st.session_state[measure_key]
v = ui.view(views.products, partner=partner, flow=flow, product=product, measure=measure, year=st.session_state[year_key], lang=lang)

# NOTE: one analysis at a time, in tabs: only the open tab is drawn. Drawn together, the four charts
# delayed the first one (1.53x the one-chart page in bench/browser.py).
tab = ui.tabs(tab_key, {"shares": tr("products.tab.shares"), "product": tr("products.tab.product"),
                        "side": tr("products.tab.side"), "oil": tr("products.tab.oil")})
if tab["shares"]:
    with tab["shares"]:
        st.subheader(tr("products.composition_title", partner=tr.code("partner", partner), flow=fmt.flow(flow, lang)))
        ui.chart(v.composition_figure, "composition_chart", f"products_{partner}_{flow}_shares")
        st.caption(tr("products.composition_caption"))
        ui.folded_table(tr("products.shares_table"), v.composition, "composition", f"products_{partner}_{flow}_shares")
if tab["product"]:
    with tab["product"]:
        st.subheader(tr("products.over_time", product=product_name(product)))
        c1, c2 = st.columns(2)
        c1.selectbox(tr("products.product"), available or list(groups["product_group"]), format_func=product_name, key=product_key)
        c2.segmented_control(tr("products.measure"), ["value_usd", "quantity"],
                             format_func={"value_usd": tr("products.measure.value_usd"), "quantity": tr("products.measure.quantity")}.get,
                             key=measure_key, required=True, wrap=True)
        ui.chart(v.line_figure, "product_line_chart", f"products_{partner}_{flow}_{product}_{measure}")
        if v.line.empty:
            st.info(tr("products.no_line"))
        st.caption(tr("products.line_caption"))
        ui.folded_table(tr("products.figures_table"), v.line, "product_line", f"products_{partner}_{flow}_{product}_{measure}")
if tab["side"]:
    with tab["side"]:
        st.subheader(tr("products.side_title"))
        if v.side_year:
            st.select_slider(tr("products.side_year"), years, key=year_key)
            ui.chart(v.side_by_side_figure, "side_by_side_chart", f"products_russia_china_{flow}_{v.side_year}")
            st.caption(tr("products.side_caption"))
            ui.download(v.side_by_side, f"products_russia_china_{flow}_{v.side_year}", key="download_side_by_side")
        else:
            st.info(tr("products.no_side"))
if tab["oil"]:
    with tab["oil"]:
        st.subheader(tr("products.oil_title"))
        ui.chart(v.oil_figure, "oil_chart", "refined_petroleum_reported_to_the_un")
        st.caption(tr("products.oil_caption"))
        ui.table(v.oil, key="oil_table")
        ui.download(v.oil, "refined_petroleum_reported_to_the_un", key="download_oil")

ui.folded_table(tr("products.resolutions"), v.resolutions, "resolutions")
ui.folded_table(tr("products.all_figures"), v.rows, "products", f"products_{partner}_{flow}_all_figures")
ui.footer("trade_products", [*v.composition["source_id"], *v.line["source_id"]], b["sources"],
          tr("products.cite", partner=tr.code("partner", partner), flow=fmt.flow_in_sentence(flow, lang)), params)
