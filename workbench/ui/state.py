"""The application object for this server process, shared by every browser session.

One ``Workbench`` (engine and connection pool) per database URL and project folder, so
pages do not open a new connection pool on every rerun.
"""

from __future__ import annotations

import streamlit as st

from workbench.config import default_project_dir, project_paths
from workbench.services import Workbench
from workbench.store import Database, database_url


@st.cache_resource(show_spinner=False)
def _workbench_for(url: str, project: str) -> Workbench:
    from pathlib import Path

    return Workbench(Database(url), project=project_paths(Path(project)))


def workbench() -> Workbench:
    return _workbench_for(database_url(), str(default_project_dir()))
