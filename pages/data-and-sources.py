"""Data and sources: every dataset described from the schema, every source, every download."""

import pandas as pd
import streamlit as st

from nkties import export, schema, ui

b = ui.bundle()
tr = ui.tr()
lang = tr.lang
st.title(tr("sources.title"))
st.write(tr("schema.package.description"))
url = ui.UrlState("sources")
params = url.sync()
# NOTE: the zip's CSVs keep the canonical English columns and codes; its README and citation are in the reader's language.
citation = export.citation(tr("page.sources.title"), ui.permalink(params), pd.Timestamp.today().date().isoformat(), lang=lang)
st.download_button(tr("sources.download_zip"),
                   data=lambda: export.zip_bytes(None, citation, lang=lang),
                   file_name="nkties_data.zip", mime="application/zip", key="download_zip", on_click="ignore",
                   icon=":material/folder_zip:")

if b.frames.get("sources") is not None:
    st.subheader(tr("sources.sources"))
    src = b["sources"].assign(link=export.source_link(b["sources"]).to_numpy())
    ui.table(src, key="sources_table", link_columns=("link",), dataset="sources")
    ui.download(src, "sources", key="download_sources_table")

for name in schema.resource_names():
    r = schema.resource(name)
    with st.expander(tr("sources.dataset", title=tr(f"schema.{name}.title"), path=r["path"]), expanded=False):
        st.write(tr(f"schema.{name}.description"))
        ui.caveats(name)
        ui.table(schema.columns_table(name, lang), key=f"schema_{name}")
        problems = b.problems_for(name)
        warned = b.problems_for(name, severity="warning")
        if problems:
            # NOTE: the problems stay in English: they name files, lines and columns for whoever fixes the CSV.
            st.error(tr("sources.problems", n=len(problems), path=r["path"]))
            st.code("\n".join(map(str, problems[:50])), language=None)
        elif b.frames.get(name) is not None:
            ui.download(b[name], name, key=f"download_dataset_{name}")
        if warned:
            # NOTE: warnings do not stop a page: a figure may be right and still look odd (Russia 2021).
            st.warning(tr("sources.warnings", n=len(warned), path=r["path"]))
            st.code("\n".join(map(str, warned[:50])), language=None)

ui.cite(tr("page.sources.title"), params)
