"""The ``workbench`` command: the same use cases as the UI, for scripts and terminals.

Exit codes: 0 success, 1 the command ran and found problems (e.g. check findings),
2 bad input or usage (a one-line message names the file, the line and the problem).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench import __version__
from workbench.errors import InputError, WorkbenchError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

ENV_HELP = """\
environment:
  WORKBENCH_DB       SQLAlchemy URL of the database (default: sqlite:///workspace/workbench.db,
                     created on first use), e.g. postgresql+psycopg://user@host/workbench
  WORKBENCH_PROJECT  project folder holding sources/, glossary/, translations/ and the rule
                     files segmentation.toml and boilerplate.toml (default: this checkout)
  WORKBENCH_USER     name recorded in the history for changes made from the command line
"""


def _workbench():  # type: ignore[no-untyped-def]
    """The application, acting as the person named by ``WORKBENCH_USER`` when the
    workspace has accounts (password from ``WORKBENCH_PASSWORD``, or asked for on a
    terminal). Without accounts the workspace is single-user and needs no login."""
    # Imported lazily so `workbench --help` and `workbench segment` stay quick.
    from workbench.services import Workbench

    bench = Workbench()
    if not bench.has_accounts():
        return bench
    name = os.environ.get("WORKBENCH_USER")
    if not name:
        return bench  # reading is allowed; any change will ask for a login
    password = os.environ.get("WORKBENCH_PASSWORD")
    if password is None and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"Password for {name}: ")
    return bench.as_user(bench.authenticate(name, password or ""))


def _print_progress(fraction: float, message: str) -> None:
    if sys.stderr.isatty():
        width = 30
        done = int(width * fraction)
        sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {message[:50]:<50}")
        if fraction >= 1.0:
            sys.stderr.write("\n")
        sys.stderr.flush()


# -- commands --------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    from workbench.store.db import absolute_database_url

    url = absolute_database_url()
    os.environ["WORKBENCH_DB"] = url
    bench = _workbench()
    if not args.no_demo and bench.ensure_demo():
        print(f"Created the demo workspace in {url}", file=sys.stderr)
    app = Path(__file__).resolve().parent / "ui" / "app.py"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        args.host,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true" if args.headless else "false",
        "--server.maxUploadSize",
        "20",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--global.developmentMode",
        "false",
        "--theme.base",
        "light",
        "--client.toolbarMode",
        "minimal",
    ]
    print(f"Workbench on http://{args.host}:{args.port}  (database: {url})", file=sys.stderr)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    bench = _workbench()
    outcomes = bench.create_demo(progress=_print_progress)
    for outcome in outcomes:
        _print_outcome(outcome)
    print(f"Demo workspace created in {bench.db.url}")
    return EXIT_OK


def _print_outcome(outcome) -> None:  # type: ignore[no-untyped-def]
    role = "translation" if outcome.is_translation else "source"
    line = (
        f"{outcome.name} [{outcome.lang}, {role}]: {outcome.segments} segments in "
        f"{outcome.paragraphs} paragraphs"
    )
    if outcome.stripped:
        line += f", {outcome.stripped} boilerplate blocks stripped"
    print(line)
    for note in outcome.notes:
        print(f"  note: {note}")


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.services import BY_POST_ID

    if args.pair_by_post_id and args.translation_of:
        raise InputError("use either --translation-of or --pair-by-post-id")
    bench = _workbench()
    items = bench.read_paths(
        [Path(p) for p in args.paths],
        lang=args.lang,
        translation_of=BY_POST_ID if args.pair_by_post_id else args.translation_of,
    )
    if args.name:
        if len(items) != 1:
            raise InputError("--name needs exactly one file")
        from dataclasses import replace

        items = [replace(items[0], name=args.name)]
    outcomes = bench.import_items(items, progress=_print_progress)
    for outcome in outcomes:
        _print_outcome(outcome)
    if not args.no_align:
        for view in bench.align_imported(outcomes, progress=_print_progress):
            print(
                f"aligned {view.document} [{view.lang}]: {len(view.links)} links, "
                f"mean confidence {view.mean_confidence:.2f}, {view.low_confidence} to check"
            )
            for warning in view.warnings:
                print(f"  warning: {warning}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    documents = _workbench().list_documents()
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": d.id,
                        "name": d.name,
                        "title": d.title,
                        "post_id": d.post_id,
                        "source_lang": d.source_lang,
                        "versions": [
                            {
                                "lang": v.lang,
                                "source": v.is_source,
                                "segments": v.segments,
                                "paragraphs": v.paragraphs,
                            }
                            for v in d.versions
                        ],
                    }
                    for d in documents
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not documents:
        print(
            "No documents yet. `workbench demo` creates the demo workspace;"
            " `workbench import FILE` adds a text."
        )
        return EXIT_OK
    rows = [
        (
            d.name,
            d.post_id or "-",
            ", ".join(f"{v.lang}{'*' if v.is_source else ''} ({v.segments})" for v in d.versions),
            d.title or "",
        )
        for d in documents
    ]
    header = ("DOCUMENT", "POST ID", "LANGUAGES (sentences)", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    for row in [header, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            + "  "
            + row[3]
        )
    print("(* = source language)")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    detail = _workbench().document(args.doc)
    version = detail.version(args.lang) if args.lang else detail.source
    if version is None:
        available = ", ".join(v.lang for v in detail.versions)
        raise InputError(f"document {detail.name!r} has no {args.lang} version (has: {available})")
    if args.format == "json":
        print(
            json.dumps(
                {
                    "name": detail.name,
                    "title": detail.meta.title,
                    "post_id": detail.meta.post_id,
                    "source_line": detail.meta.source_line,
                    "date": detail.meta.date,
                    "lang": version.lang,
                    "segmenter": version.segmenter,
                    "paragraphs": [[s.text for s in p] for p in version.paragraphs()],
                    "stripped": [
                        {"rule": b.rule, "line": b.line, "text": b.text} for b in version.stripped
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    meta = detail.meta
    print(f"# {meta.title or detail.name}")
    print(
        f"document: {detail.name}   language: {version.lang}"
        f"{' (source)' if version.is_source else ''}   "
        f"versions: {', '.join(v.lang for v in detail.versions)}"
    )
    if meta.post_id:
        print(f"post id: {meta.post_id}")
    if meta.source_line:
        print(f"source: {meta.source_line}")
    if version.segmenter:
        print(f"segmented by: {version.segmenter}")
    print()
    for number, paragraph in enumerate(version.paragraphs(), start=1):
        for segment in paragraph:
            print(f"{number:>3}.{segment.position + 1:<4} {segment.text}")
        print()
    if version.stripped:
        print(f"stripped at import ({len(version.stripped)} blocks; --stripped shows them)")
        if args.stripped:
            for block in version.stripped:
                print(f"  line {block.line} [{block.rule}]: {block.text}")
    return EXIT_OK


def cmd_segment(args: argparse.Namespace) -> int:
    from workbench.formats.encoding import decode_text

    if args.file and args.file != "-":
        path = Path(args.file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", file=args.file) from exc
        name = args.file
    else:
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    text, _encoding = decode_text(data, name)
    from workbench.config import project_paths
    from workbench.formats.sources import split_plain_paragraphs
    from workbench.segment import load_rules, split_sentences

    rules_path = Path(args.rules) if args.rules else project_paths().segmentation_rules
    rules = load_rules(rules_path) if rules_path.is_file() else None
    out = sys.stdout
    first = True
    for paragraph in split_plain_paragraphs(text):
        sentences = split_sentences(paragraph.text, args.lang, rules)
        if not sentences:
            continue
        if not first:
            out.write("\n")
        first = False
        for sentence in sentences:
            out.write(sentence.text.replace("\n", " ") + "\n")
    return EXIT_OK


def _read_input(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from exc


def _read_lines(path: str) -> list[str]:
    """One sentence per line, numbered from 0 as the alignment notation counts them."""
    from workbench.formats.encoding import decode_text

    text, _encoding = decode_text(_read_input(path), path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def _print_findings(findings, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from workbench.checks import finding_to_json

    for finding in findings:
        if fmt == "jsonl":
            print(json.dumps(finding_to_json(finding), ensure_ascii=False))
            continue
        where = "TGT " + ",".join(str(n) for n in finding.tgt_lines) if finding.tgt_lines else ""
        if finding.src_lines:
            where += (" / " if where else "") + "SRC " + ",".join(str(n) for n in finding.src_lines)
        fix = f"  ->  {finding.suggestion}" if finding.suggestion else ""
        found = f" {finding.found!r}" if finding.found else ""
        print(
            f"{where or '-'}: {finding.severity} [{finding.check}] {finding.kind}"
            f" {finding.concept_id or ''}:{found}{fix}"
        )
        print(f"    {finding.message}")


def cmd_check(args: argparse.Namespace) -> int:
    if args.src is not None:
        return _check_files(args)
    return _check_store(args)


def _check_files(args: argparse.Namespace) -> int:
    from workbench.checks import check_parallel
    from workbench.formats.vecalign import parse_links
    from workbench.services.glossary import read_glossary

    missing = [
        flag
        for flag, value in (
            ("--glossary", args.glossary),
            ("--src-lang", args.src_lang),
            ("--tgt-lang", args.tgt_lang),
        )
        if not value
    ]
    if missing:
        raise InputError(f"checking files needs {', '.join(missing)}")
    if args.tgt is None:
        raise InputError("give both SRC and TGT files")
    termbase = read_glossary(_read_input(args.glossary), args.glossary)
    src_lines = _read_lines(args.src)
    tgt_lines = _read_lines(args.tgt)
    links = None
    if args.alignment:
        from workbench.formats.encoding import decode_text

        text, _ = decode_text(_read_input(args.alignment), args.alignment)
        links = parse_links(text, args.alignment)
    try:
        findings = check_parallel(
            termbase, args.src_lang, args.tgt_lang, src_lines, tgt_lines, links
        )
    except InputError as exc:
        if exc.file is None:
            exc = InputError(exc.problem, file=args.alignment or args.tgt, line=exc.line)
        raise exc from None
    _print_findings(findings, args.format)
    if args.format == "text":
        print(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}", file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


def _check_store(args: argparse.Namespace) -> int:
    from workbench.checks import Finding

    if not args.lang:
        raise InputError("give --lang L to check the corpus (or SRC and TGT files)")
    bench = _workbench()
    report = bench.corpus_report(args.lang, documents=args.doc or None)
    findings = []
    for concept in report.concepts:
        for occurrence in concept.occurrences:
            if occurrence.kind in ("preferred", "allowed"):
                continue
            findings.append(
                Finding(
                    check="missing-term"
                    if occurrence.kind == "missing_term"
                    else "forbidden-variant",
                    kind=occurrence.kind,
                    severity="error",
                    message=f"{occurrence.document} #{(occurrence.position or 0) + 1}: "
                    + (
                        occurrence.text
                        if occurrence.kind != "missing_term"
                        else f"source has {occurrence.found!r}: {occurrence.source_text}"
                    ),
                    concept_id=concept.concept_id,
                    found=occurrence.found if occurrence.kind != "missing_term" else None,
                    span=occurrence.span,
                    suggestion=occurrence.suggestion,
                    tgt_lines=(occurrence.position,) if occurrence.position is not None else (),
                    extra={"document": occurrence.document},
                )
            )
    findings.extend(report.inconsistent)
    _print_findings(findings, args.format)
    if report.unaligned:
        print(
            "not aligned (missing terms not checked): " + ", ".join(report.unaligned),
            file=sys.stderr,
        )
    if args.format == "text":
        print(
            f"{len(findings)} finding{'s' if len(findings) != 1 else ''} in "
            f"{len(report.documents)} document(s)",
            file=sys.stderr,
        )
    return EXIT_FINDINGS if findings else EXIT_OK


def _sentences_of(path: str, lang: str, presegmented: bool) -> list[str]:
    """The file's sentences: its lines as they are, or segmented first."""
    lines = _read_lines(path)
    if presegmented:
        return lines
    from workbench.formats.sources import split_plain_paragraphs
    from workbench.segment import split_sentences

    return [
        sentence.text
        for paragraph in split_plain_paragraphs("\n".join(lines))
        for sentence in split_sentences(paragraph.text, lang)
    ]


def _print_alignment(
    links, src: list[str], tgt: list[str], fmt: str, langs: tuple[str, str]
) -> None:  # type: ignore[no-untyped-def]
    from workbench.align import format_tsv, links_to_vecalign

    if fmt == "vecalign":
        sys.stdout.write(links_to_vecalign(links))
    elif fmt == "tsv":
        sys.stdout.write(format_tsv(links, src, tgt))
    else:
        from workbench.formats.tmx import write_tmx
        from workbench.model import TranslationUnit, UnitText

        units = [
            TranslationUnit(
                key=f"link-{number}",
                document="alignment",
                source=UnitText(langs[0], " ".join(src[i] for i in link.src)),
                targets=(UnitText(langs[1], " ".join(tgt[j] for j in link.tgt)),),
            )
            for number, link in enumerate(links, start=1)
            if link.src and link.tgt
        ]
        write_tmx(units, sys.stdout.buffer, srclang=langs[0])
        sys.stdout.flush()


def cmd_align(args: argparse.Namespace) -> int:
    if args.src is None:
        return _align_store(args)
    from workbench.align import align

    missing = [
        f for f, v in (("--src-lang", args.src_lang), ("--tgt-lang", args.tgt_lang)) if not v
    ]
    if missing or args.tgt is None:
        raise InputError(f"aligning files needs SRC, TGT and {', '.join(missing) or 'both'}")
    termbase = None
    if args.glossary:
        from workbench.services.glossary import read_glossary

        termbase = read_glossary(_read_input(args.glossary), args.glossary)
    src = _sentences_of(args.src, args.src_lang, args.presegmented)
    tgt = _sentences_of(args.tgt, args.tgt_lang, args.presegmented)
    result = align(
        src, tgt, args.src_lang, args.tgt_lang, termbase=termbase, progress=_print_progress
    )
    _print_alignment(result.links, src, tgt, args.format, (args.src_lang, args.tgt_lang))
    _report_alignment(result.mean_confidence, result.warnings, result.signature, result.links)
    return EXIT_OK


def _report_alignment(mean: float, warnings, signature: str, links) -> None:  # type: ignore[no-untyped-def]
    from workbench.services.alignment import LOW_CONFIDENCE

    low = sum(1 for link in links if link.score < LOW_CONFIDENCE)
    print(
        f"{len(links)} links, mean confidence {mean:.2f}, {low} below {LOW_CONFIDENCE}",
        file=sys.stderr,
    )
    print(f"signature: {signature}", file=sys.stderr)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _align_store(args: argparse.Namespace) -> int:
    if not args.doc or not args.lang:
        raise InputError("give SRC and TGT files, or --doc DOC --lang L to align a stored document")
    view = _workbench().align_document(args.doc, args.lang, progress=_print_progress)
    src = [s.text for s in view.src]
    tgt = [s.text for s in view.tgt]
    _print_alignment(view.links, src, tgt, args.format, (view.source_lang, view.lang))
    _report_alignment(view.mean_confidence, view.warnings, view.signature, view.links)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    bench = _workbench()
    out = Path(args.out) if args.out else None
    paths = bench.export(
        args.format,
        args.lang,
        docs=args.doc,
        out_dir=out,
        untranslated=args.untranslated,
        collection=args.collection,
        progress=_print_progress,
    )
    for path in paths:
        print(path)
    return EXIT_OK


def cmd_import_translation(args: argparse.Namespace) -> int:
    bench = _workbench()
    status = EXIT_OK
    for name in args.files:
        result = bench.import_translation(_read_input(name), name, progress=_print_progress)
        print(result.summary())
        for key in result.unknown[:20]:
            print(f"  unknown unit: {key}")
        if result.conflicts:
            print(f"  conflicts kept for review: `workbench conflicts --lang {result.lang}`")
            status = EXIT_FINDINGS
    return status


def cmd_conflicts(args: argparse.Namespace) -> int:
    bench = _workbench()
    if args.resolve is not None:
        if not args.take:
            raise InputError("--resolve ID needs --take current|incoming (or --text for a merge)")
        bench.resolve_conflict(args.resolve, args.take, args.text)
        print(f"conflict {args.resolve} resolved: {args.take}")
        return EXIT_OK
    pending = bench.pending_conflicts(args.lang)
    for c in pending:
        print(f"#{c.id} {c.unit_key} [{c.lang}] from {c.origin}")
        print(f"    source:   {c.source}")
        print(f"    current:  {c.current}")
        print(f"    incoming: {c.incoming}")
    print(f"{len(pending)} open conflict{'s' if len(pending) != 1 else ''}", file=sys.stderr)
    return EXIT_FINDINGS if pending else EXIT_OK


def cmd_glossary(args: argparse.Namespace) -> int:
    bench = _workbench()
    if args.action == "import":
        if not args.file:
            raise InputError("`workbench glossary import` needs a FILE (.csv or .tbx)")
        change = bench.import_glossary(_read_input(args.file), args.file, replace=args.replace)
        print(change.summary())
        for warning in change.warnings:
            print(f"  warning: {warning}")
        return EXIT_OK
    langs = {}
    if args.format == "omegat":
        langs = {"src_lang": args.src_lang, "tgt_lang": args.tgt_lang}
    print(bench.write_glossary_file(args.format, Path(args.out) if args.out else None, **langs))
    return EXIT_OK


def cmd_units(args: argparse.Namespace) -> int:
    for unit in _workbench().units(args.doc, args.lang):
        target = unit.target(args.lang)
        status = target.status if target else "new"
        print(f"{unit.key}\t{status}\t{unit.source.text}\t{target.text if target else ''}")
    return EXIT_OK


def cmd_edit(args: argparse.Namespace) -> int:
    from workbench.model import Status

    bench = _workbench()
    unit = next((u for u in bench.units(args.doc, args.lang) if u.key == args.key), None)
    if unit is None:
        raise InputError(f"no unit {args.key!r} in {args.doc} ({args.lang}); see `workbench units`")
    target = unit.target(args.lang)
    text = args.text if args.text is not None else (target.text if target else "")
    saved = bench.save_unit(
        args.doc,
        args.lang,
        args.key,
        text,
        expected_revision=target.revision if target else 0,
        status=Status(args.status) if args.status else None,
    )
    print(f"{saved.key}: {saved.status} (revision {saved.revision})")
    return EXIT_OK


def cmd_users(args: argparse.Namespace) -> int:
    bench = _workbench()
    if args.action == "list":
        for account in bench.accounts():
            state = "" if account.active else "  (disabled)"
            print(f"{account.name:<20} {account.role:<10} {','.join(account.languages)}{state}")
        return EXIT_OK
    if not args.name:
        raise InputError(f"`workbench users {args.action}` needs an account NAME")
    languages = [x for x in (args.languages or "").split(",") if x] or None
    password = os.environ.get("WORKBENCH_NEW_PASSWORD")
    if args.action == "add":
        if password is None:
            if not sys.stdin.isatty():
                raise InputError("set WORKBENCH_NEW_PASSWORD to the new account's password")
            import getpass

            password = getpass.getpass(f"Password for the new account {args.name}: ")
        account = bench.create_account(
            args.name, password, args.role or "translator", languages or ["*"]
        )
    else:
        account = bench.update_account(
            args.name,
            role=args.role,
            languages=languages,
            active=None if args.active is None else args.active == "yes",
            password=password,
        )
    print(f"{account.name}: {account.role}, languages {','.join(account.languages)}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    bench = _workbench()
    path = Path(args.file)
    counts = bench.backup(path)
    print(f"Backup written to {path}: {sum(counts.values())} rows in {len(counts)} tables")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from workbench.services import Workbench

    path = Path(args.file)
    if not path.is_file():
        raise InputError("no such backup file", file=str(path))
    bench = Workbench()
    counts = bench.restore(path)
    print(
        f"Restored {sum(counts.values())} rows in {len(counts)} tables from {path} "
        f"into {bench.db.url}"
    )
    return EXIT_OK


# -- parser ----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Translation and alignment workbench: import and segment texts, align "
        "translations, enforce the glossary, export PO/TMX and localized editions.",
        epilog=ENV_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_: str, description: str
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_,
            description=description,
            epilog=ENV_HELP,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(handler=handler)
        return p

    serve = add(
        "serve",
        cmd_serve,
        "start the web UI (creates the demo workspace on first start)",
        "Start the Streamlit UI. On first start, when the database holds no documents, the "
        "demo workspace (sources/ and glossary/) is created in it, as `workbench demo` does.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    serve.add_argument("--port", type=int, default=8501, help="port (default: %(default)s)")
    serve.add_argument("--headless", action="store_true", help="do not open a browser window")
    serve.add_argument(
        "--no-demo", action="store_true", help="do not create the demo on first start"
    )

    add(
        "demo",
        cmd_demo,
        "create the demo workspace in the configured database",
        "Import the demo content (sources/*, their translations in sources/<lang>/, and the "
        "glossary) into the configured database. Refuses a database that already holds "
        "documents.",
    )

    imp = add(
        "import",
        cmd_import,
        "import source texts (.txt .md .html .docx) or their translations",
        "Import files or folders. Each file is read (encoding detected), stripped of site "
        "boilerplate, language-detected and segmented. All files are checked before anything "
        "is stored: one bad file means nothing is imported, and every problem is reported "
        "with file and line.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    imp.add_argument("--lang", help="language of the files (default: detected from the text)")
    imp.add_argument(
        "--translation-of",
        metavar="DOC",
        help="add the files as a language version of this document (name, id or post id)",
    )
    imp.add_argument("--name", help="document name to use instead of one made from the file name")
    imp.add_argument(
        "--pair-by-post-id",
        action="store_true",
        help="add each file as a translation of the document with the same post id "
        "([111818], (111818) or a bare 111818 line)",
    )
    imp.add_argument(
        "--no-align",
        action="store_true",
        help="do not align imported translations with their source",
    )

    lst = add(
        "list",
        cmd_list,
        "list documents, their languages and segment counts",
        "List documents with their language versions and segment counts.",
    )
    lst.add_argument("--format", choices=["text", "json"], default="text")

    show = add(
        "show",
        cmd_show,
        "print a document sentence by sentence",
        "Print one language version of a document, one sentence per line, grouped by "
        "paragraph, with its metadata.",
    )
    show.add_argument("doc", metavar="DOC", help="document name, id or post id")
    show.add_argument("--lang", help="language version to show (default: the source)")
    show.add_argument(
        "--stripped", action="store_true", help="also print the boilerplate stripped at import"
    )
    show.add_argument("--format", choices=["text", "json"], default="text")

    seg = add(
        "segment",
        cmd_segment,
        "split a text into sentences (one per line, blank line between paragraphs)",
        "Read FILE (or standard input) and print one sentence per line, with one blank line "
        "between paragraphs. Project exceptions come from segmentation.toml.",
    )
    seg.add_argument("--lang", required=True, help="language of the text, e.g. en, ru, es")
    seg.add_argument("file", nargs="?", metavar="FILE", help="text file (default: standard input)")
    seg.add_argument("--rules", metavar="TOML", help="exceptions file (default: the project's)")

    aln = add(
        "align",
        cmd_align,
        "align a translation with its source, sentence by sentence",
        "Align SRC with its translation TGT and print the links. With --presegmented, SRC and "
        "TGT hold one sentence per line; otherwise they are segmented first and the numbers "
        "refer to sentences in the order `workbench segment` prints them. vecalign prints "
        "[0]:[0], [1, 2]:[3], [4]:[], []:[5] with 0-based numbers; tsv prints source, target "
        "and confidence; tmx writes a translation memory. --glossary turns the glossary into "
        "anchors. Without files, --doc DOC --lang L aligns a stored translation and saves the "
        "result (confirmed links are kept).",
    )
    aln.add_argument("src", nargs="?", metavar="SRC", help="source text")
    aln.add_argument("tgt", nargs="?", metavar="TGT", help="translation")
    aln.add_argument("--src-lang", metavar="L1", help="language of SRC")
    aln.add_argument("--tgt-lang", metavar="L2", help="language of TGT")
    aln.add_argument("--presegmented", action="store_true", help="one sentence per line")
    aln.add_argument("--glossary", metavar="FILE", help="glossary (.csv or .tbx) for anchors")
    aln.add_argument("--format", choices=["vecalign", "tsv", "tmx"], default="vecalign")
    aln.add_argument("--doc", metavar="DOC", help="stored document to align (store mode)")
    aln.add_argument("--lang", help="language of the stored translation (store mode)")

    from workbench.services.exchange import EXPORT_FORMATS

    exp = add(
        "export",
        cmd_export,
        "export PO, TMX, XLIFF, localized editions or review files",
        "Export translations into the project's translations/ folder (or --out DIR): "
        "po and xliff per document (translations/<lang>/<doc>.po), tmx for the corpus or "
        "--doc (--lang all: one N-way memory), md/html/docx/epub editions "
        "(translations/<lang>/editions/; --collection NAME: one book of all documents), "
        "review/review-docx bilingual files with findings. Files are written atomically and "
        "deterministically.",
    )
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--lang", required=True, help="target language (tmx: or 'all')")
    exp.add_argument("--doc", action="append", metavar="DOC", help="only this document")
    exp.add_argument("--out", metavar="DIR", help="output folder (default: translations/)")
    exp.add_argument(
        "--untranslated",
        choices=["fallback", "block"],
        default="fallback",
        help="editions: show the source, marked (fallback), or refuse to export (block)",
    )
    exp.add_argument("--collection", metavar="NAME", help="editions: one file for all documents")

    imt = add(
        "import-translation",
        cmd_import_translation,
        "bring back a PO or XLIFF edited elsewhere, or a TMX as translation memory",
        "Import translated PO/XLIFF files: each unit is matched by its context (msgctxt / "
        "unit id); a unit changed here since the export becomes a conflict kept for a "
        "person (`workbench conflicts`), never an overwrite; unknown units are reported. A "
        "TMX file is added to the translation memory. Exit code 1 when conflicts were kept.",
    )
    imt.add_argument("files", nargs="+", metavar="FILE")

    con = add(
        "conflicts",
        cmd_conflicts,
        "list or resolve translations that came back in conflict",
        "List open conflicts (a unit changed both here and in a returned file), or resolve "
        "one: --resolve ID --take current|incoming, or --take merged --text TEXT.",
    )
    con.add_argument("--lang")
    con.add_argument("--resolve", type=int, metavar="ID")
    con.add_argument("--take", choices=["current", "incoming", "merged"])
    con.add_argument("--text", help="the merged text (with --take merged)")

    glo = add(
        "glossary",
        cmd_glossary,
        "import or export the shared glossary",
        "import FILE: merge a CSV or TBX glossary into the store (--replace: make it the whole "
        "glossary); a malformed row rejects the file, naming the line. export: write the "
        "glossary as csv, tbx or omegat (needs --src-lang/--tgt-lang) into glossary/ or --out.",
    )
    glo.add_argument("action", choices=["import", "export"])
    glo.add_argument("file", nargs="?", metavar="FILE")
    glo.add_argument("--replace", action="store_true")
    glo.add_argument("--format", choices=["csv", "tbx", "omegat"], default="csv")
    glo.add_argument("--out", metavar="FILE")
    glo.add_argument("--src-lang")
    glo.add_argument("--tgt-lang")

    uni = add(
        "units",
        cmd_units,
        "list a document's translation units in a language",
        "Print KEY, status, source and translation of every unit, tab-separated.",
    )
    uni.add_argument("doc", metavar="DOC")
    uni.add_argument("--lang", required=True)

    edi = add(
        "edit",
        cmd_edit,
        "change one unit's translation or status",
        "Save a unit's translation (--text) and/or status (--status). The same rules as in "
        "the browser apply: translators edit their languages, reviewers review and approve, "
        "and a unit with open glossary findings cannot be reviewed or approved.",
    )
    edi.add_argument("doc", metavar="DOC")
    edi.add_argument("--lang", required=True)
    edi.add_argument("--key", required=True, help="unit key (see `workbench units`)")
    edi.add_argument("--text")
    edi.add_argument("--status", choices=["new", "draft", "translated", "reviewed", "approved"])

    usr = add(
        "users",
        cmd_users,
        "list, add or change team accounts (roles and languages)",
        "Manage accounts. Roles: translator (edits its languages), reviewer (also reviews "
        "and approves, accepts findings, bulk fixes), admin (also the glossary and the "
        "team). Until the first account (an admin) exists the workspace is single-user and "
        "needs no login; afterwards commands act as WORKBENCH_USER with WORKBENCH_PASSWORD. "
        "New passwords come from WORKBENCH_NEW_PASSWORD or a prompt.",
    )
    usr.add_argument("action", choices=["list", "add", "set"])
    usr.add_argument("name", nargs="?", metavar="NAME")
    usr.add_argument("--role", choices=["translator", "reviewer", "admin"])
    usr.add_argument(
        "--languages", metavar="L1,L2", help="languages the account may edit (* = all)"
    )
    usr.add_argument("--active", choices=["yes", "no"], help="allow or stop logging in")

    check = add(
        "check",
        cmd_check,
        "check glossary use: forbidden variants, missing terms, inconsistent renderings",
        "Check terminology. With SRC and TGT files (one sentence per line) and --glossary, "
        "check that parallel text; --alignment gives the links in vecalign notation "
        "([0]:[0, 1], [3]:[], 0-based), without it the lines are aligned one to one. Without "
        "files, check the corpus in the store in --lang (optionally only --doc DOC). "
        "Exit code: 0 clean, 1 findings, 2 bad input.",
    )
    check.add_argument("src", nargs="?", metavar="SRC", help="source sentences, one per line")
    check.add_argument("tgt", nargs="?", metavar="TGT", help="target sentences, one per line")
    check.add_argument("--glossary", metavar="FILE", help="glossary file (.csv or .tbx)")
    check.add_argument("--src-lang", metavar="L1", help="language of SRC")
    check.add_argument("--tgt-lang", metavar="L2", help="language of TGT")
    check.add_argument("--alignment", metavar="FILE", help="links between SRC and TGT lines")
    check.add_argument("--lang", help="check the corpus in this language (store mode)")
    check.add_argument(
        "--doc", action="append", metavar="DOC", help="only this document (store mode; repeatable)"
    )
    check.add_argument("--format", choices=["text", "jsonl"], default="text")

    bkp = add(
        "backup",
        cmd_backup,
        "write a consistent snapshot of the whole workspace to FILE",
        "Write every table of the configured database to FILE (JSON lines; gzip-compressed "
        "when FILE ends in .gz) from one consistent snapshot, while the UI keeps running. The "
        "file is written atomically: an interrupted backup leaves no half file. With accounts, "
        "only an admin may take a backup (it holds the password hashes).",
    )
    bkp.add_argument("file", metavar="FILE", help="backup file to write, e.g. backup.jsonl.gz")

    rst = add(
        "restore",
        cmd_restore,
        "load a backup FILE into an empty database",
        "Load a backup written by `workbench backup` into the configured database, which must "
        "be empty (point WORKBENCH_DB at a new one). Works across backends: a SQLite backup "
        "restores into PostgreSQL. All or nothing: a damaged file leaves the database empty "
        "and names the line of the problem.",
    )
    rst.add_argument("file", metavar="FILE", help="backup file written by `workbench backup`")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except WorkbenchError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
