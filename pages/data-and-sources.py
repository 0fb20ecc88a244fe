"""Data and sources: every dataset described from the schema, every source, every download."""

import pandas as pd
import streamlit as st

from nkties import export, schema, ui

b = ui.bundle()
st.title("Data and sources")
st.write(schema.package()["description"])
citation = export.citation("Data and sources", ui.permalink({}), pd.Timestamp.today().date().isoformat())
st.download_button("Download everything (zip: CSVs, datapackage.json, README with citation)",
                   data=lambda: export.zip_bytes(None, citation),
                   file_name="nkties_data.zip", mime="application/zip", key="download_zip", on_click="ignore",
                   icon=":material/folder_zip:")

if b.frames.get("sources") is not None:
    st.subheader("Sources")
    src = b["sources"].assign(link=export.source_link(b["sources"]).to_numpy())
    ui.table(src, key="sources_table", link_columns=("link",))
    ui.download(src, "sources", key="download_sources_table")

for name in schema.resource_names():
    r = schema.resource(name)
    with st.expander(f"{r['title']} ({r['path']})", expanded=False):
        st.write(r["description"])
        ui.caveats(name)
        ui.table(schema.columns_table(name), key=f"schema_{name}")
        problems = b.problems_for(name)
        warned = b.problems_for(name, severity="warning")
        if problems:
            st.error(f"{len(problems)} problem(s) in {r['path']}:")
            st.code("\n".join(map(str, problems[:50])), language=None)
        elif b.frames.get(name) is not None:
            ui.download(b[name], name, key=f"download_dataset_{name}")
        if warned:
            # NOTE: warnings do not stop a page: a figure may be right and still look odd (Russia 2021).
            st.warning(f"{len(warned)} thing(s) to check in {r['path']} (the figures are still shown):")
            st.code("\n".join(map(str, warned[:50])), language=None)

ui.cite("Data and sources", {})
