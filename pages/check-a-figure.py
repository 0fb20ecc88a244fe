"""Check a figure or an article: every checkable statement in a text, held against the data."""

import streamlit as st

from nkties import check, claims, ui, views

b = ui.require("check")

st.title("Check a figure or an article")
st.write("Paste a sentence or a whole story. The page finds every figure it can check (amounts, multiples, shares, "
         "changes, lengths, dates of events) and says whether the data reproduces it, comes close (another year, "
         "statistic or definition), contradicts it, or cannot check it.")
url = ui.UrlState("check")
text = st.text_area("Text to check", key=url.text("claim", claims.EXAMPLES[0]), max_chars=check.MAX_CHARS, height=160,
                    placeholder=claims.EXAMPLES[0], help="Plain text, up to 100,000 characters. Press Ctrl+Enter to check.")
upload = st.file_uploader("Or upload a plain-text file (.txt)", type=["txt"], key="check_upload")
st.caption("Examples: " + " · ".join(ui.md_escape(e) for e in claims.EXAMPLES))
params = url.sync()
if upload is not None:
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        st.warning(f"{ui.md_escape(upload.name)} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and upload it again.")
        st.stop()

try:
    v = views.article_check(b, text=text)
except check.CheckError as exc:
    st.warning(ui.md_escape(str(exc)))
    st.stop()
if not len(v.table):
    st.info("No checkable figure found: write an amount with a currency or unit ($2.3bn, 23억 달러, 34,4 млн долларов), "
            "a multiple (58 times), a share (90%), a length (54 km) or a date next to an event.")
    st.stop()

c = st.columns(4)
for col, verdict in zip(c, check.VERDICTS, strict=True):
    sign, label, _bg, _border = views.VERDICT_STYLE[verdict]
    col.metric(f"{sign} {label}", v.counts[verdict])
if v.own_sources:
    st.caption("ℹ️ This text is itself a source of the data (" + ", ".join(v.own_sources) + "): its own figures are set "
               "aside, so it is checked against the other sources only.")
st.html(v.html)
st.caption("Hover a marked figure for its verdict; the numbers match the list and the table below.")
with st.expander("Each statement and what the data says", expanded=len(v.lines) <= 20):
    st.markdown("\n".join(f"- **{mark}** {ui.md_escape(quote)} — {views.VERDICT_STYLE[verdict][1]}: {ui.md_escape(detail)}"
                           for verdict, mark, quote, detail in v.lines))
st.subheader("Statements and verdicts")
ui.table(v.table, key="check_table", dataset="check")
ui.download(v.table, "article_check", key="download_check")
if v.candidates is not None:
    ui.section("Recorded figures this one could be quoting, closest first", v.candidates, "claim_candidates")
if url.too_long:
    st.caption("The text is too long for a link: the citation's address does not carry it; the download does.")
ui.cite("Check a figure or an article", params)
