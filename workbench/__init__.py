"""Translation and multilingual alignment workbench for terminology-heavy corpora."""

__version__ = "0.1.0"
