"""Terminology: the termbase model and finding its terms, inflected, in text.

``Termbase``/``Concept``/``Term`` hold a glossary whatever file it came from;
``TermMatcher`` finds terms in sentences and tells correct forms from forbidden variants,
wrong inflections and local plurals; ``suggest`` writes the replacement in the occurrence's
inflection and case.
"""

from workbench.glossary.inflection import Morphology, Paradigm, morphology_for
from workbench.glossary.matcher import (
    MatchKind,
    TermMatch,
    TermMatcher,
    WordMatch,
    suggest,
    suggestions,
)
from workbench.glossary.normalize import Token, fold_accents, norm, tokenize
from workbench.glossary.termbase import (
    Concept,
    Term,
    Termbase,
    TermStatus,
    base_lang,
    concept_problems,
    row_problems,
    term_text_problem,
)

__all__ = [
    "Concept",
    "MatchKind",
    "Morphology",
    "Paradigm",
    "Term",
    "TermMatch",
    "TermMatcher",
    "TermStatus",
    "Termbase",
    "Token",
    "WordMatch",
    "base_lang",
    "concept_problems",
    "fold_accents",
    "morphology_for",
    "norm",
    "row_problems",
    "suggest",
    "suggestions",
    "term_text_problem",
    "tokenize",
]
