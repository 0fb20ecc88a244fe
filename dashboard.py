"""Entry point: page config, navigation and the frame every page shares."""

from pathlib import Path

import streamlit as st

from nkties.registry import PAGES

st.set_page_config(page_title="North Korea's ties with Russia and China", page_icon=str(Path(__file__).parent / "static" / "favicon.png"), layout="wide")

page = st.navigation([
    st.Page(p.script, title=p.title, icon=p.icon, default=True) if p.url_path == "" else
    st.Page(p.script, title=p.title, icon=p.icon, url_path=p.url_path)
    for p in PAGES
])
st.sidebar.caption(
    "Curated figures on North Korea's economic ties with Russia and China. "
    "Every figure links to its source; years with no sourced figure are left blank, never zero."
)
page.run()
