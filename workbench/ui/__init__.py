"""Streamlit UI: thin pages over ``workbench.services``. The only package that knows Streamlit."""
