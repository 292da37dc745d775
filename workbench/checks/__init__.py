"""Quality checks over aligned source and target text.

Importing this package registers every built-in check; ``all_checks()`` lists them and
``check_parallel`` runs them over a parallel text.
"""

from workbench.checks import forbidden_variant, inconsistent_rendering, missing_term
from workbench.checks import qa_brackets as qa_brackets
from workbench.checks import qa_inconsistent_translation as qa_inconsistent_translation
from workbench.checks import qa_numbers as qa_numbers
from workbench.checks import qa_punctuation as qa_punctuation
from workbench.checks import qa_untranslated as qa_untranslated
from workbench.checks import qa_whitespace as qa_whitespace
from workbench.checks import qa_wrong_language as qa_wrong_language
from workbench.checks.base import (
    Check,
    CheckContext,
    Finding,
    SegmentPair,
    all_checks,
    get_check,
    register,
    run_checks,
)
from workbench.checks.parallel import check_parallel, finding_to_json, pairs_from_links

__all__ = [
    "Check",
    "CheckContext",
    "Finding",
    "SegmentPair",
    "all_checks",
    "check_parallel",
    "finding_to_json",
    "forbidden_variant",
    "get_check",
    "inconsistent_rendering",
    "missing_term",
    "pairs_from_links",
    "register",
    "run_checks",
]
