"""Speed and memory of a full terminology check, ours against a one-big-regex checker.

    .venv/bin/python bench/glossary/speed.py [--concepts 10000] [--sentences 200000]

A synthetic termbase (single- and multi-word terms in en and ru, declinable and
indeclinable, with forbidden variants) and a synthetic parallel corpus (English source,
Russian target mixing ordinary words with terms in inflected forms, some forbidden
variants, some terms left out) are generated from a fixed seed. Each checker runs in its own
child process so their peak memory (ru_maxrss) does not mix:

* ours: ``check_parallel`` with the forbidden-variant and missing-term checks;
* naive: one ``re.compile("|".join(...))`` alternation of every listed form with word
  boundaries, case-insensitive, for the target (forbidden forms) and one for the source and
  target renderings (missing terms). It is far slower, so it runs on the first sentences
  until ``--naive-budget`` seconds have passed and its full-corpus time is extrapolated
  linearly (said so in the output).

Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import resource
import time

from workbench.checks import check_parallel, get_check
from workbench.glossary import Concept, Term, Termbase, TermStatus

SEED = 20240611
_PAIRS = [
    ("ba", "ба"),
    ("ka", "ка"),
    ("ri", "ри"),
    ("zo", "зо"),
    ("me", "ме"),
    ("tu", "ту"),
    ("shal", "шал"),
    ("vor", "вор"),
    ("ne", "не"),
    ("pi", "пи"),
    ("gad", "гад"),
    ("hol", "хол"),
    ("rez", "рез"),
    ("mi", "ми"),
    ("ta", "та"),
    ("lon", "лон"),
    ("seph", "сеф"),
    ("kir", "кир"),
    ("dan", "дан"),
    ("yo", "йо"),
    ("ash", "аш"),
    ("bin", "бин"),
    ("dor", "дор"),
    ("ef", "эф"),
    ("gil", "гиль"),
    ("ha", "ха"),
    ("it", "ит"),
    ("kel", "кел"),
    ("lam", "лам"),
    ("mun", "мун"),
    ("nof", "ноф"),
    ("or", "ор"),
    ("pe", "пе"),
    ("kam", "кам"),
    ("ru", "ру"),
    ("sar", "сар"),
    ("tif", "тиф"),
    ("ub", "уб"),
    ("vel", "вел"),
    ("zan", "зан"),
    ("ham", "хам"),
    ("ye", "йе"),
    ("sod", "сод"),
    ("tam", "там"),
    ("nir", "нир"),
    ("mak", "мак"),
    ("lev", "лев"),
    ("gor", "гор"),
]
EN_SYLLABLES = [en for en, _ru in _PAIRS]
RU_SYLLABLES = [ru for _en, ru in _PAIRS]


def _split(text: str) -> list[str]:
    return text.split()


RU_WORDS = _split(
    "свет приходит из в к и но это когда мы все что для человек мир желание получить "
    "отдать высший духовный только себя своей группе через путь работа внутри сначала "
    "потом снова очень большой малый каждый ступень уровень раскрытие исправление сила "
    "вместе друзья учитель книга урок статья вопрос ответ говорит пишет объясняет"
)
EN_WORDS = _split(
    "the light comes from into and but this when we all that for man world desire receive "
    "bestow upper spiritual only himself his group through path work within first then "
    "again very great small each degree level revelation correction force together friends "
    "teacher book lesson article question answer says writes explains"
)
RU_ENDINGS = ["", "", "а", "у", "ом", "е"]


def _word(rng: random.Random, syllables: list[str], parts: int) -> str:
    return "".join(rng.choice(syllables) for _ in range(parts))


def make_termbase(count: int, rng: random.Random) -> tuple[Termbase, list[dict[str, object]]]:
    """Concepts with an en and a ru rendering; returns the termbase and generator info."""
    concepts = []
    info = []
    used: set[str] = set()
    for index in range(count):
        words = 1 if rng.random() < 0.6 else 2
        while True:
            parts = [rng.randint(2, 3) for _ in range(words)]
            en = " ".join(_word(rng, EN_SYLLABLES, p).capitalize() for p in parts)
            ru_words = [_word(rng, RU_SYLLABLES, p) for p in parts]
            ru_words = [w[:-1] + "р" if w[-1] in "аеиоуыэюя" else w for w in ru_words]
            ru = " ".join(w.capitalize() for w in ru_words)
            if en not in used and ru not in used:
                used.update((en, ru))
                break
        indeclinable = rng.random() < 0.3
        forbidden_ru = ru[:-1] + ("х" if ru[-1] != "х" else "к")
        forbidden_en = en + "h"
        terms = [
            Term(en, "en", TermStatus.PREFERRED),
            Term(forbidden_en, "en", TermStatus.FORBIDDEN),
            Term(ru, "ru", TermStatus.PREFERRED, indeclinable=indeclinable),
            Term(forbidden_ru, "ru", TermStatus.FORBIDDEN),
        ]
        if rng.random() < 0.3:
            terms.append(
                Term("".join(w[0] for w in ru.split()).upper() + "Х", "ru", TermStatus.ALLOWED)
            )
        concepts.append(Concept(id=f"c{index}", terms=tuple(terms)))
        info.append({"en": en, "ru": ru, "bad": forbidden_ru, "indecl": indeclinable})
    return Termbase(concepts), info


def make_corpus(
    info: list[dict[str, object]], count: int, rng: random.Random
) -> tuple[list[str], list[str]]:
    src, tgt = [], []
    for _ in range(count):
        en_words = [rng.choice(EN_WORDS) for _ in range(rng.randint(8, 16))]
        ru_words = [rng.choice(RU_WORDS) for _ in range(rng.randint(8, 16))]
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            concept = rng.choice(info)
            en_words.insert(rng.randrange(len(en_words)), str(concept["en"]))
            roll = rng.random()
            if roll < 0.08:
                continue  # term left out: a missing-term finding
            if roll < 0.16:
                form = str(concept["bad"])  # forbidden variant
            else:
                form = str(concept["ru"])
                ending = rng.choice(RU_ENDINGS)
                if not concept["indecl"] or rng.random() < 0.05:
                    form += ending
            ru_words.insert(rng.randrange(len(ru_words)), form)
        src.append(" ".join(en_words).capitalize() + ".")
        tgt.append(" ".join(ru_words).capitalize() + ".")
    return src, tgt


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup(concepts: int, sentences: int) -> tuple[Termbase, list[str], list[str]]:
    rng = random.Random(SEED)
    termbase, info = make_termbase(concepts, rng)
    src, tgt = make_corpus(info, sentences, rng)
    return termbase, src, tgt


def run_ours(concepts: int, sentences: int, out: multiprocessing.Queue) -> None:
    termbase, src, tgt = _setup(concepts, sentences)
    base = _rss_mb()
    started = time.perf_counter()
    checks = [get_check("forbidden-variant"), get_check("missing-term")]
    # Build cost, measured on its own first (the checks build the same matchers lazily).
    from workbench.glossary import TermMatcher

    build_start = time.perf_counter()
    TermMatcher(termbase, "ru")
    TermMatcher(termbase, "en")
    build = time.perf_counter() - build_start
    started = time.perf_counter()
    findings = check_parallel(termbase, "en", "ru", src, tgt, checks=checks)
    elapsed = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for finding in findings:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    out.put(
        {
            "build": build,
            "time": elapsed,
            "sentences": sentences,
            "findings": len(findings),
            "kinds": kinds,
            "rss_base": base,
            "rss_peak": _rss_mb(),
        }
    )


def run_naive(concepts: int, sentences: int, budget: float, out: multiprocessing.Queue) -> None:
    termbase, src, tgt = _setup(concepts, sentences)
    base = _rss_mb()
    build_start = time.perf_counter()
    forbidden_of: dict[str, str] = {}
    accepted_tgt: dict[str, str] = {}
    accepted_src: dict[str, str] = {}
    for concept in termbase:
        for term in concept.terms:
            key = term.text.lower()
            if term.lang == "ru" and term.status == TermStatus.FORBIDDEN:
                forbidden_of[key] = concept.id
            elif term.lang == "ru":
                accepted_tgt[key] = concept.id
            elif term.lang == "en" and term.status != TermStatus.FORBIDDEN:
                accepted_src[key] = concept.id

    def alternation(forms: dict[str, str]) -> re.Pattern[str]:
        ordered = sorted(forms, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b", re.IGNORECASE)

    bad_re, tgt_re, src_re = (
        alternation(forbidden_of),
        alternation(accepted_tgt),
        alternation(accepted_src),
    )
    build = time.perf_counter() - build_start
    started = time.perf_counter()
    done = findings = 0
    for source, target in zip(src, tgt, strict=True):
        findings += sum(1 for _ in bad_re.finditer(target))
        wanted = {accepted_src[m.group().lower()] for m in src_re.finditer(source)}
        have = {accepted_tgt[m.group().lower()] for m in tgt_re.finditer(target)}
        findings += len(wanted - have)
        done += 1
        if done % 100 == 0 and time.perf_counter() - started > budget:
            break
    elapsed = time.perf_counter() - started
    out.put(
        {
            "build": build,
            "time": elapsed,
            "sentences": done,
            "findings": findings,
            "rss_base": base,
            "rss_peak": _rss_mb(),
        }
    )


def _child(target, *args):  # type: ignore[no-untyped-def]
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=200_000)
    parser.add_argument("--naive-budget", type=float, default=60.0)
    args = parser.parse_args()
    multiprocessing.set_start_method("fork")
    print(f"termbase: {args.concepts} concepts (en+ru); corpus: {args.sentences} sentence pairs")
    ours = _child(run_ours, args.concepts, args.sentences)
    print(
        f"ours : build {ours['build']:.2f} s, check {ours['time']:.1f} s "
        f"({ours['sentences'] / ours['time']:.0f} pairs/s), findings {ours['findings']} "
        f"{ours['kinds']}, peak RSS {ours['rss_peak']:.0f} MB "
        f"(corpus+termbase alone {ours['rss_base']:.0f} MB)"
    )
    naive = _child(run_naive, args.concepts, args.sentences, args.naive_budget)
    rate = naive["sentences"] / naive["time"] if naive["time"] else float("inf")
    full = args.sentences / rate
    measured = "measured" if naive["sentences"] == args.sentences else "extrapolated"
    print(
        f"naive: build {naive['build']:.2f} s, checked {naive['sentences']} pairs in "
        f"{naive['time']:.1f} s ({rate:.1f} pairs/s) -> full corpus {full:.0f} s ({measured}), "
        f"peak RSS {naive['rss_peak']:.0f} MB (corpus+termbase alone {naive['rss_base']:.0f} MB)"
    )
    print(f"ratio naive/ours (full-corpus check time): {full / ours['time']:.1f}x")


if __name__ == "__main__":
    main()
