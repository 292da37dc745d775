"""Entry point of the web UI (``workbench serve`` runs this file with Streamlit).

Pages live in ``app_pages/`` (not ``pages/``, which would switch on Streamlit's legacy
auto-discovery) and are declared here with ``st.navigation``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="Workbench", page_icon=":material/translate:", layout="wide")

navigation = st.navigation(
    {
        "Corpus": [
            st.Page(
                PAGES / "documents.py",
                title="Documents",
                icon=":material/description:",
                default=True,
            ),
            st.Page(PAGES / "align.py", title="Align", icon=":material/join:"),
        ],
        "Glossary": [
            st.Page(PAGES / "glossary.py", title="Glossary", icon=":material/menu_book:"),
            st.Page(PAGES / "review.py", title="Review", icon=":material/fact_check:"),
        ],
        "Publish": [
            st.Page(PAGES / "export.py", title="Export", icon=":material/ios_share:"),
        ],
    }
)
navigation.run()
