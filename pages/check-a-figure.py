"""Check a figure or an article: every checkable statement in a text, held against the data."""

import streamlit as st

from nkties import check, ui, views

b = ui.require("check")
tr = ui.tr()
examples = [tr(f"check.example.{i}") for i in (1, 2, 3)]

st.title(tr("check.title"))
st.write(tr("check.intro"))
url = ui.UrlState("check")
text = st.text_area(tr("check.text_label"), key=url.text("claim", examples[0]), max_chars=check.MAX_CHARS, height=160,
                    placeholder=examples[0], help=tr("check.text_help"))
upload = st.file_uploader(tr("check.upload_label"), type=["txt"], key="check_upload")
st.caption(tr("check.examples", examples=" · ".join(ui.md_escape(e) for e in examples)))
params = url.sync()
if upload is not None:
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        st.warning(tr("check.not_unicode", name=ui.md_escape(upload.name), byte=exc.start))
        st.stop()

try:
    v = views.article_check(b, text=text, lang=tr.lang)
except check.CheckError as exc:
    st.warning(ui.md_escape(tr(exc.key, **exc.kwargs)))
    st.stop()
if not len(v.table):
    st.info(tr("check.nothing_found"))
    st.stop()

c = st.columns(4)
for col, verdict in zip(c, check.VERDICTS, strict=True):
    col.metric(f"{views.VERDICT_STYLE[verdict][0]} {tr(f'check.verdict.{verdict}')}", v.counts[verdict])
if v.own_sources:
    st.caption("ℹ️ " + tr("check.own_source", sources=", ".join(v.own_sources)))
st.html(v.html)
st.caption(tr("check.hover"))
with st.expander(tr("check.list_title"), expanded=len(v.lines) <= 20):
    st.markdown("\n".join(f"- **{mark}** {ui.md_escape(quote)} — {tr(f'check.verdict.{verdict}')}: {ui.md_escape(detail)}"
                           for verdict, mark, quote, detail in v.lines))
st.subheader(tr("check.statements_title"))
ui.table(v.table, key="check_table", dataset="check")
ui.download(v.table, "article_check", key="download_check")
if v.candidates is not None:
    ui.section(tr("check.candidates_title"), v.candidates, "claim_candidates")
if url.too_long:
    st.caption(tr("check.too_long"))
ui.cite(tr("check.title"), params)
