"""Entry point: page config, navigation and the frame every page shares."""

import streamlit as st

st.set_page_config(page_title="North Korea's ties with Russia and China", page_icon=":material/public:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/trade.py", title="Trade", icon=":material/swap_horiz:", url_path="trade"),
    st.Page("pages/debt_investment.py", title="Debt and investment", icon=":material/account_balance:", url_path="debt-and-investment"),
    st.Page("pages/projects.py", title="Projects", icon=":material/train:", url_path="projects"),
    st.Page("pages/check.py", title="Check a figure", icon=":material/fact_check:", url_path="check-a-figure"),
    st.Page("pages/sources.py", title="Data and sources", icon=":material/menu_book:", url_path="data-and-sources"),
]

page = st.navigation(PAGES)
st.sidebar.caption(
    "Curated figures on North Korea's economic ties with Russia and China. "
    "Every figure links to its source; years with no sourced figure are left blank, never zero."
)
page.run()
