"""The application object and who is using it.

One ``Workbench`` (engine, connection pool, caches) per database URL and project folder is
shared by every browser session of this server process; each session acts through it as
the person who logged in (``as_user``), so permissions are checked in the services, the
same as for the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from workbench.config import default_project_dir, project_paths
from workbench.errors import WorkbenchError
from workbench.model import Identity
from workbench.services import Workbench
from workbench.store import Database, database_url

IDENTITY_KEY = "workbench_identity"
TRUST_HEADER_ENV = "WORKBENCH_TRUST_HEADER"


@st.cache_resource(show_spinner=False)
def _workbench_for(url: str, project: str) -> Workbench:
    return Workbench(Database(url), project=project_paths(Path(project)))


def application() -> Workbench:
    """The shared application, acting as nobody in particular."""
    return _workbench_for(database_url(), str(default_project_dir()))


def trusted_header_identity(app: Workbench) -> Identity | None:
    """The person a reverse proxy vouches for, when the deployment trusts its header
    (``WORKBENCH_TRUST_HEADER=X-Forwarded-User``; off by default: anyone could send it)."""
    header = os.environ.get(TRUST_HEADER_ENV)
    if not header:
        return None
    name = st.context.headers.get(header)
    if not name:
        return None
    try:
        return app.trusted_identity(name)
    except WorkbenchError:
        return None


def current_identity() -> Identity | None:
    identity = st.session_state.get(IDENTITY_KEY)
    if identity is None:
        identity = trusted_header_identity(application())
    return identity


def workbench() -> Workbench:
    """The application as the person using this browser session."""
    app = application()
    identity = current_identity()
    return app.as_user(identity) if identity is not None else app


def sign_in(identity: Identity) -> None:
    st.session_state[IDENTITY_KEY] = identity


def sign_out() -> None:
    st.session_state.pop(IDENTITY_KEY, None)
