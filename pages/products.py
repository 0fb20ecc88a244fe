"""What is traded: North Korea's trade by product with China and Russia, and the sanctions that reshaped it."""

import streamlit as st

from nkties import fmt, schema, ui, views

b = ui.require("products")
prods, groups = b["trade_products"], b["product_groups"]

st.title("What is traded")
st.write("What North Korea sells to China and Russia and buys from them, product by product, and what the UN sanctions "
         "of 2016–2017 did to it. Shares are as the sources state them, or a product's value divided by the same statistic's "
         "total for the flow; hover a bar to see which.")
url = ui.UrlState("products")
partners = schema.enum("trade_products", "partner")
flows = schema.enum("trade_products", "flow")
names = groups.set_index("product_group")["name"]
c1, c2 = st.columns(2)
partner = c1.selectbox("Partner", partners, key=url.choice("partner", partners, "China"),
                       help="World: KOTRA's figures for North Korea's trade with all countries.")
flow = c2.selectbox("Flow", flows, format_func=fmt.flow, key=url.choice("flow", flows, "from_dprk"))
available = [g for g in groups["product_group"] if g in set(prods.loc[(prods["partner"] == partner) & (prods["flow"] == flow), "product_group"])]
c1, c2 = st.columns(2)
product_key = url.choice("product", list(groups["product_group"]), "coal")
if st.session_state[product_key] not in available and available:
    st.session_state[product_key] = available[0]
product = c1.selectbox("Product over time", available or list(groups["product_group"]), format_func=names.get, key=product_key)
measure = c2.radio("Measure", ["value_usd", "quantity"], format_func={"value_usd": "value (US dollars)", "quantity": "quantity"}.get,
                   horizontal=True, key=url.choice("measure", ["value_usd", "quantity"], "value_usd"))
years = ui.view(views.product_years, flow=flow) or [0]
year_key = url.year("year", years, years[-1])
if st.session_state[year_key] not in years:  # the flow changed and that year has no figures for both
    st.session_state[year_key] = years[-1]
params = url.sync()

v = ui.view(views.products, partner=partner, flow=flow, product=product, measure=measure, year=st.session_state[year_key])

st.subheader(f"{partner} – {fmt.flow(flow)}: share by product")
ui.chart(v.composition_figure, "composition_chart", f"products_{partner}_{flow}_shares")
st.caption("Dotted lines: UN resolutions that restricted this flow (✕ and the resolution's number; hover for what they banned or capped). "
           "Dotted bars: the rest of a wider group once the products shown inside it are taken out. Grey: what no source itemises.")
with st.expander("Shares as a table"):
    ui.table(v.composition, key="composition_table")
ui.download(v.composition, f"products_{partner}_{flow}_shares", key="download_composition")

st.subheader(f"{names.get(product, product)} over time")
ui.chart(v.line_figure, "product_line_chart", f"products_{partner}_{flow}_{product}_{measure}")
if v.line.empty:
    st.info("No yearly figure of this kind for this product, partner and flow; try the other measure, or see every figure in the table below.")
st.caption("One figure per year: the preferred statistic, then the most precise figure. The marker says which statistic; a gap is a year no source gives.")
with st.expander("Figures as a table"):
    ui.table(v.line, key="product_line_table")
ui.download(v.line, f"products_{partner}_{flow}_{product}_{measure}", key="download_product_line")

st.subheader("Russia and China side by side")
if v.side_year:
    st.select_slider("Year (years with figures for both)", years, key=year_key)
    ui.chart(v.side_by_side_figure, "side_by_side_chart", f"products_russia_china_{flow}_{v.side_year}")
    st.caption("Shares of each partner's own flow in the same year; a product missing for one partner is one its sources do not itemise.")
    ui.download(v.side_by_side, f"products_russia_china_{flow}_{v.side_year}", key="download_side_by_side")
else:
    st.info("No year has product figures for both Russia and China for this flow.")

st.subheader("Refined petroleum against the UN cap")
ui.chart(v.oil_figure, "oil_chart", "refined_petroleum_reported_to_the_un")
st.caption("Deliveries China and Russia reported to the UN 1718 Committee, in barrels (reports in tonnes are in the table only). "
           "Hatched bars add up monthly reports for a year without an annual report; months not reported are not counted.")
ui.table(v.oil, key="oil_table")
ui.download(v.oil, "refined_petroleum_reported_to_the_un", key="download_oil")

ui.section("What each resolution restricted", v.resolutions, "resolutions")
ui.section("Every figure for this partner and flow", v.rows, "products", f"products_{partner}_{flow}_all_figures")
ui.footer("trade_products", [*v.composition["source_id"], *v.line["source_id"]], b["sources"],
          f"What is traded, {partner}, {fmt.flow_in_sentence(flow)}", params)
