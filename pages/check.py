"""Check a figure: which series, definition and year reproduce a trade figure someone quoted."""

import streamlit as st

from nkties import claims, export, fmt, ui

b = ui.require("check")

st.title("Check a figure")
st.write("Paste a trade figure from a report or a story. The page finds which recorded series (China customs, "
         "KOTRA, Russian customs, ...), which definition (with or without inter-Korean trade) and which year reproduce it.")
url = ui.UrlState("check")
text = st.text_input("Claim", key=url.text("claim", claims.EXAMPLES[0]), max_chars=claims.MAX_LENGTH,
                     placeholder=claims.EXAMPLES[0])
st.caption("Examples: " + " · ".join(ui.md_escape(e) for e in claims.EXAMPLES))
params = url.sync()

try:
    claim = claims.parse_claim(text)
except claims.ClaimError as exc:
    st.warning(ui.md_escape(str(exc)))
    st.stop()

found = export.with_sources(claims.candidates(claim, b["trade"]), b["sources"])
message = ui.md_escape(claims.verdict(claim, found))
(st.success if len(found) and found["reproduces"].iloc[0] else st.warning)(message)
c = st.columns(4)
c[0].metric("Amount read", fmt.usd(claim.value_usd),
            help=f"${claim.value_usd:,.0f}, ± ${claim.tolerance_usd:,.0f} for the claim's rounding")
c[1].metric("Year", claim.year or "any")
c[2].metric("Partner", claim.partner or "any")
c[3].metric("Flow", claim.flow or "any")
st.subheader("Recorded figures, closest first")
ui.table(found, key="claim_table")
ui.download(found, f"claim_check_{claim.partner or 'any'}_{claim.year or 'any'}", key="download_claim")
ui.cite("Check a figure", params)
