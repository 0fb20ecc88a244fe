"""Entry point: the reader's language, page config, navigation and the frame every page shares."""

from pathlib import Path

import streamlit as st

from nkties import i18n, ui
from nkties.registry import PAGES

STATIC = Path(__file__).parent / "static"

# Readers take turns (nkties.ui.run_turn): one script run at a time in this process.
with ui.run_turn():
    # The reader's language: ?lang= first, then the browser's (st.context.locale), then English. It lives in
    # this reader's session (the switcher's key) and in the URL that UrlState writes, never in the process.
    if ui.LANG_KEY not in st.session_state:
        asked = st.query_params.get_all(ui.LANG_KEY)
        lang, unknown = i18n.resolve(asked[0] if asked else None, st.context.locale)
        st.session_state[ui.LANG_KEY] = lang
        if unknown:
            st.session_state["_lang_notices"] = [i18n.t("url.lang", lang, options=", ".join(i18n.LANGS), language=i18n.NATIVE.get(lang, lang))]
    lang = ui.lang()

    st.set_page_config(page_title=i18n.t("app.title", lang), page_icon=str(STATIC / "favicon.png"), layout="wide")

    page = st.navigation([
        st.Page(p.script, title=i18n.t(f"page.{p.key}.title", lang), icon=p.icon, default=True) if p.url_path == "" else
        st.Page(p.script, title=i18n.t(f"page.{p.key}.title", lang), icon=p.icon, url_path=p.url_path)
        for p in PAGES
    ])
    # Each language under its own name, so a reader finds theirs whatever the page is in.
    st.sidebar.segmented_control(i18n.t("app.language", lang), i18n.langs(), format_func=lambda code: i18n.NATIVE.get(code, code), key=ui.LANG_KEY,
                                 required=True, wrap=True)
    # The camera button on every chart saves a PNG or an SVG (vector, for print and editing), named after the view.
    st.sidebar.segmented_control(i18n.t("app.image_format", lang), ui.IMAGE_FORMATS, format_func=lambda f: i18n.t(f"app.image.{f}", lang),
                                 key=ui.IMAGE_KEY, help=i18n.t("app.image_help", lang), required=True, wrap=True,
                                 default=ui.IMAGE_FORMATS[0])
    st.sidebar.caption(i18n.t("app.sidebar", lang))
    # Style-only HTML goes to Streamlit's event container: it takes no room on the page.
    st.html(STATIC / "app.css")
    page.run()
