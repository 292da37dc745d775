"""Turn pySBD's per-language test modules into ``data/golden_rules.json``.

The Golden Rules live as Python literals inside pySBD's pytest modules
(https://github.com/nipunsadvilkar/pySBD, MIT licence, ``tests/lang/test_*.py``). This script
reads those modules as text and walks their syntax trees with :mod:`ast` - nothing from pySBD
is imported or executed - and keeps the cases that pySBD runs with its default settings
(``clean=False``; the ``clean=True`` and ``doc_type='pdf'`` cases expect rewritten text, which
a segmenter that keeps the input intact cannot produce by design).

Usage::

    .venv/bin/python bench/segment/extract_golden_rules.py [--source DIR] [--out FILE]

``DIR`` is a checkout of pySBD (default ``bench/segment/.cache/pySBD``, git-ignored). The
benchmark itself only reads the JSON, so it runs offline.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE / ".cache" / "pySBD"
DEFAULT_OUT = HERE / "data" / "golden_rules.json"

REPO = "nipunsadvilkar/pySBD"
# File -> (language code, commit of the version read). Languages pySBD 0.3.4 supports, plus
# Ukrainian, whose cases exist in the repository but not yet in a release.
SOURCES: dict[str, tuple[str, str]] = {
    "tests/lang/test_amharic.py": ("am", "4d3848e4df9e670ed9c25f4534051f6fe20807c4"),
    "tests/lang/test_arabic.py": ("ar", "7d75901742ec5b82f71558f39e8243da90976582"),
    "tests/lang/test_armenian.py": ("hy", "6f25f6e1c7771c56da9f7efdfed8583705fa3898"),
    "tests/lang/test_bulgarian.py": ("bg", "4d3848e4df9e670ed9c25f4534051f6fe20807c4"),
    "tests/lang/test_burmese.py": ("my", "7d75901742ec5b82f71558f39e8243da90976582"),
    "tests/lang/test_chinese.py": ("zh", "6ebcb9d94d6da128b83f32805efc3ebe605f8959"),
    "tests/lang/test_danish.py": ("da", "4652f400f3b8b97e58243081ffcbedd2ed2be2be"),
    "tests/lang/test_deutsch.py": ("de", "7d75901742ec5b82f71558f39e8243da90976582"),
    "tests/lang/test_dutch.py": ("nl", "6ebcb9d94d6da128b83f32805efc3ebe605f8959"),
    "tests/lang/test_english.py": ("en", "4d3848e4df9e670ed9c25f4534051f6fe20807c4"),
    "tests/lang/test_french.py": ("fr", "4652f400f3b8b97e58243081ffcbedd2ed2be2be"),
    "tests/lang/test_greek.py": ("el", "6ebcb9d94d6da128b83f32805efc3ebe605f8959"),
    "tests/lang/test_hindi.py": ("hi", "2efad050bb179b2d1d7148d733482893ea29db15"),
    "tests/lang/test_italian.py": ("it", "3d65a509420d93d8faee2f06ba97ed63325eab4a"),
    "tests/lang/test_japanese.py": ("ja", "4d3848e4df9e670ed9c25f4534051f6fe20807c4"),
    "tests/lang/test_kazakh.py": ("kk", "7d75901742ec5b82f71558f39e8243da90976582"),
    "tests/lang/test_marathi.py": ("mr", "4652f400f3b8b97e58243081ffcbedd2ed2be2be"),
    "tests/lang/test_persian.py": ("fa", "4652f400f3b8b97e58243081ffcbedd2ed2be2be"),
    "tests/lang/test_polish.py": ("pl", "4652f400f3b8b97e58243081ffcbedd2ed2be2be"),
    "tests/lang/test_russian.py": ("ru", "401f888310ba883a6e5149edb6664b01a3506f3d"),
    "tests/lang/test_slovak.py": ("sk", "2010c4d46a6c4f1c70c5294fc7c34ba8ffe40de0"),
    "tests/lang/test_spanish.py": ("es", "4d3848e4df9e670ed9c25f4534051f6fe20807c4"),
    "tests/lang/test_ukrainian.py": ("uk", "413f2bfa962722954a6ec7b61256bfd1b9c3971c"),
    "tests/lang/test_urdu.py": ("ur", "320d9c2422a933a608ad6a3cbb696d76e9ea1246"),
}


def _default_lists(tree: ast.Module) -> set[str]:
    """Names of the case lists that a test runs with pySBD's default settings."""
    keep: set[str] = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        # Fixtures are named after their settings ("de_with_clean_no_span_fixture");
        # tests that build their own Segmenter pass clean=True or doc_type='pdf'.
        uses_clean = any("with_clean" in a.arg for a in node.args.args) or any(
            isinstance(n, ast.keyword)
            and (n.arg == "doc_type" or (n.arg == "clean" and ast.unparse(n.value) == "True"))
            for n in ast.walk(node)
        )
        for deco in node.decorator_list:
            if (
                isinstance(deco, ast.Call)
                and ast.unparse(deco.func).endswith("parametrize")
                and len(deco.args) == 2
                and isinstance(deco.args[1], ast.Name)
                and not uses_clean
            ):
                keep.add(deco.args[1].id)
    return keep


def _cases(node: ast.expr) -> list[tuple[str, list[str], bool]]:
    """The (text, expected, xfail) triples of one list literal."""
    out: list[tuple[str, list[str], bool]] = []
    if not isinstance(node, ast.List):
        return out
    for item in node.elts:
        xfail = False
        if isinstance(item, ast.Call) and ast.unparse(item.func).endswith("param"):
            args = item.args
            xfail = any(
                kw.arg == "marks" and "xfail" in ast.unparse(kw.value) for kw in item.keywords
            )
        elif isinstance(item, ast.Tuple):
            args = item.elts
        else:
            continue
        if len(args) != 2:
            continue
        text = ast.literal_eval(args[0])
        expected = ast.literal_eval(args[1])
        if isinstance(text, str) and isinstance(expected, list):
            out.append((text, [str(s) for s in expected], xfail))
    return out


def extract(source: Path) -> dict[str, object]:
    cases: list[dict[str, object]] = []
    files: list[dict[str, str]] = []
    skipped_duplicates = 0
    for rel, (lang, commit) in SOURCES.items():
        path = source / rel
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        keep = _default_lists(tree)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for node in tree.body:
            if not (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id in keep
            ):
                continue
            for text, expected, xfail in _cases(node.value):
                key = (text, tuple(expected))
                if key in seen:
                    skipped_duplicates += 1
                    continue
                seen.add(key)
                cases.append(
                    {
                        "lang": lang,
                        "text": text,
                        "expected": expected,
                        "xfail_upstream": xfail,
                        "source": f"{rel}:{node.targets[0].id}",
                    }
                )
        files.append({"path": rel, "lang": lang, "commit": commit})
    return {
        "provenance": {
            "repository": f"https://github.com/{REPO}",
            "licence": "MIT (Copyright (c) 2019 Nipun Sadvilkar)",
            "note": (
                "Cases of pySBD's per-language tests that run with clean=False, extracted "
                "with bench/segment/extract_golden_rules.py; identical cases within a "
                "language appear once. xfail_upstream marks cases pySBD itself expects to fail."
            ),
            "files": files,
            "duplicates_dropped": skipped_duplicates,
        },
        "cases": cases,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    data = extract(args.source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    per_lang: dict[str, int] = {}
    for case in data["cases"]:  # type: ignore[union-attr]
        per_lang[case["lang"]] = per_lang.get(case["lang"], 0) + 1  # type: ignore[index]
    total = sum(per_lang.values())
    print(f"wrote {total} cases in {len(per_lang)} languages to {args.out}")
    print(" ".join(f"{k}:{v}" for k, v in sorted(per_lang.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
