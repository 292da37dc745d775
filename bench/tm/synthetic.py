"""Synthetic English -> Russian segments in the style of Kabbalah lesson transcripts.

Sentences are assembled from templates (questions, answers, quotations, lesson headers)
and parallel vocabulary, with the Russian side inflected by hand per slot (nominative,
genitive, accusative), so the pairs read like a real lesson corpus. As in a real corpus,
many segments are repeats or near-repeats: a speaker label added or dropped, a number or a
term changed, a word inserted, different punctuation or case. Everything is drawn from one
``random.Random(seed)``, so a seed gives the same corpus on every machine.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

# (English, Russian nominative, genitive, accusative)
CONCEPTS = [
    ("the Creator", "Творец", "Творца", "Творца"),
    ("the Light", "свет", "света", "свет"),
    ("the upper Light", "высший свет", "высшего света", "высший свет"),
    ("the Reforming Light", "исправляющий свет", "исправляющего света", "исправляющий свет"),
    ("the vessel", "сосуд", "сосуда", "сосуд"),
    ("the Kli", "кли", "кли", "кли"),
    ("the screen", "экран", "экрана", "экран"),
    ("the desire to receive", "желание получать", "желания получать", "желание получать"),
    ("the desire to bestow", "желание отдавать", "желания отдавать", "желание отдавать"),
    ("bestowal", "отдача", "отдачи", "отдачу"),
    ("reception", "получение", "получения", "получение"),
    ("the upper force", "высшая сила", "высшей силы", "высшую силу"),
    ("the Partzuf", "парцуф", "парцуфа", "парцуф"),
    ("the Sefira Keter", "сфира Кетер", "сфиры Кетер", "сфиру Кетер"),
    ("the Sefira Malchut", "сфира Малхут", "сфиры Малхут", "сфиру Малхут"),
    (
        "Malchut of Ein Sof",
        "Малхут мира Бесконечности",
        "Малхут мира Бесконечности",
        "Малхут мира Бесконечности",
    ),
    ("the World of Infinity", "мир Бесконечности", "мира Бесконечности", "мир Бесконечности"),
    ("the spiritual world", "духовный мир", "духовного мира", "духовный мир"),
    ("the point in the heart", "точка в сердце", "точки в сердце", "точку в сердце"),
    ("the group", "группа", "группы", "группу"),
    ("the ten", "десятка", "десятки", "десятку"),
    ("the soul", "душа", "души", "душу"),
    ("the common soul", "общая душа", "общей души", "общую душу"),
    ("the correction", "исправление", "исправления", "исправление"),
    ("the Machsom", "махсом", "махсома", "махсом"),
    ("adhesion", "слияние", "слияния", "слияние"),
    ("faith above reason", "вера выше знания", "веры выше знания", "веру выше знания"),
    ("the ego", "эго", "эго", "эго"),
    ("the evil inclination", "злое начало", "злого начала", "злое начало"),
    ("the Torah", "Тора", "Торы", "Тору"),
    ("the prayer", "молитва", "молитвы", "молитву"),
    ("the restriction", "сокращение", "сокращения", "сокращение"),
    ("the first restriction", "первое сокращение", "первого сокращения", "первое сокращение"),
    (
        "the shattering of the vessels",
        "разбиение сосудов",
        "разбиения сосудов",
        "разбиение сосудов",
    ),
    ("the thought of creation", "замысел творения", "замысла творения", "замысел творения"),
    ("the purpose of creation", "цель творения", "цели творения", "цель творения"),
    ("the reflected Light", "отраженный свет", "отраженного света", "отраженный свет"),
    ("the direct Light", "прямой свет", "прямого света", "прямой свет"),
    ("the Surrounding Light", "окружающий свет", "окружающего света", "окружающий свет"),
    ("the Inner Light", "внутренний свет", "внутреннего света", "внутренний свет"),
    ("the nature of the Creator", "свойство Творца", "свойства Творца", "свойство Творца"),
    ("the equivalence of form", "подобие свойств", "подобия свойств", "подобие свойств"),
    ("the love of friends", "любовь к товарищам", "любви к товарищам", "любовь к товарищам"),
    ("the spiritual degree", "духовная ступень", "духовной ступени", "духовную ступень"),
    ("the Husks", "клипот", "клипот", "клипот"),
    ("the Shechina", "Шхина", "Шхины", "Шхину"),
]

TEACHERS = [
    ("Baal HaSulam", "Бааль Сулам"),
    ("Rabash", "Рабаш"),
    ("the Ari", "Ари"),
    ("Rabbi Shimon bar Yochai", "рабби Шимон бар Йохай"),
    ("Rav Laitman", "Рав Лайтман"),
    ("Rabbi Akiva", "рабби Акива"),
]

BOOKS = [
    ("The Study of the Ten Sefirot", "«Учение десяти сфирот»"),
    ("The Book of Zohar", "«Книга Зоар»"),
    ("Shamati", "«Шамати»"),
    ("The Introduction to the Book of Zohar", "«Предисловие к Книге Зоар»"),
    ("Preface to the Wisdom of Kabbalah", "«Введение в науку каббала»"),
    ("The Writings of Rabash", "«Труды Рабаша»"),
    ("The Freedom", "«Свобода воли»"),
    ("The Giving of the Torah", "«Дарование Торы»"),
    ("The Arvut", "«Поручительство»"),
    ("Letters of Baal HaSulam", "«Письма Бааль Сулама»"),
]

# (English verb phrase taking an object, Russian infinitive taking an accusative)
ACTIONS = [
    ("feel", "ощутить"),
    ("attain", "постичь"),
    ("reveal", "раскрыть"),
    ("correct", "исправить"),
    ("understand", "понять"),
    ("acquire", "обрести"),
    ("build", "построить"),
    ("discover", "обнаружить"),
    ("hold on to", "удержать"),
    ("ask for", "просить"),
]

# English and Russian templates. Slots: {c}/{d} concepts (with .n .g .a cases in Russian),
# {t} teacher, {b} book, {v} action, {n}/{m} numbers, {date} a date.
TEMPLATES = [
    ("What is {c}?", "Что такое {c.n}?"),
    ("What is the difference between {c} and {d}?", "Чем {c.n} отличается от {d.g}?"),
    ("How can I {v} {c}?", "Как я могу {v} {c.a}?"),
    ("How can we {v} {c} in the group?", "Как мы можем {v} {c.a} в группе?"),
    ("Why do we need {c} if we already have {d}?", "Зачем нам {c.n}, если у нас уже есть {d.n}?"),
    ("Is it possible to {v} {c} without {d}?", "Можно ли {v} {c.a} без {d.g}?"),
    (
        "{t} writes that {c} is revealed only through {d}.",
        "{t} пишет, что {c.n} раскрывается только через {d.a}.",
    ),
    (
        "{t} explains in {b} that {c} comes from {d}.",
        "{t} объясняет в книге {b}, что {c.n} исходит из {d.g}.",
    ),
    (
        "In article {n} of {b}, {t} speaks about {c}.",
        "В статье {n} книги {b} {t} рассматривает {c.a}.",
    ),
    ("We are reading {b}, part {n}, page {m}.", "Мы читаем {b}, часть {n}, страница {m}."),
    ("Lesson {n}, part {m}: {c}.", "Урок {n}, часть {m}: {c.n}."),
    ("Morning lesson, {date}, part {n}.", "Утренний урок, {date}, часть {n}."),
    ("{c} is the root of {d}.", "{c.n} является корнем {d.g}."),
    ("Without {c} we cannot reach {d}.", "Без {c.g} мы не можем достичь {d.g}."),
    ("The whole work is to {v} {c} above {d}.", "Вся работа в том, чтобы {v} {c.a} выше {d.g}."),
    ("A person cannot {v} {c} by himself.", "Человек не может {v} {c.a} сам."),
    ("Only the group can help a person {v} {c}.", "Только группа может помочь человеку {v} {c.a}."),
    (
        "When we try to {v} {c}, we begin to feel {d}.",
        "Когда мы стараемся {v} {c.a}, мы начинаем ощущать {d.a}.",
    ),
    ("Why does {c} hide from us?", "Почему {c.n} скрывается от нас?"),
    ("Where is {c} in our world?", "Где {c.n} в нашем мире?"),
    (
        'Can you explain again what {t} means by "{c}"?',
        "Можете еще раз объяснить, что {t} имеет в виду под словами «{c.n}»?",
    ),
    ("It says here that {c} clothes in {d}.", "Здесь сказано, что {c.n} облачается в {d.a}."),
    (
        "All the worlds were created so that we could {v} {c}.",
        "Все миры созданы для того, чтобы мы смогли {v} {c.a}.",
    ),
    ("This is the meaning of {c} in {b}.", "Таково значение {c.g} в книге {b}."),
    ('Read from the words "{c}", item {n}.', "Читаем со слов «{c.n}», пункт {n}."),
    ("Item {n}: {c} and {d} are one.", "Пункт {n}: {c.n} и {d.n} едины."),
    ("So the question is: how do we {v} {c}?", "Итак, вопрос: как нам {v} {c.a}?"),
    (
        "Thank you, that was a very good question about {c}.",
        "Спасибо, это был очень хороший вопрос про {c.a}.",
    ),
    (
        "In our time the wisdom of Kabbalah reveals {c} to everyone.",
        "В наше время наука каббала раскрывает {c.a} всем.",
    ),
    (
        "The ten must {v} {c} together, as one man with one heart.",
        "Десятка должна {v} {c.a} вместе, как один человек с одним сердцем.",
    ),
]

# fmt: off
SPEAKERS = [("Question: ", "Вопрос: "), ("Answer: ", "Ответ: "), ("Student: ", "Ученик: "),
            ("Rav: ", "Рав: "), ("", ""), ("", ""), ("", "")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
# fmt: on

# Unrelated sentences: queries that should find nothing.
OTHER = [
    "The train to the airport leaves every {n} minutes from platform {m}.",
    "Please restart the router and check that the cable is connected properly.",
    "Our quarterly revenue grew by {n} percent compared with last year.",
    "The recipe calls for {n} grams of flour, two eggs and a pinch of salt.",
    "Heavy rain is expected in the northern regions over the weekend.",
    "The museum is closed on Mondays and public holidays.",
    "Install the package with pip and run the tests before committing.",
    "The match ended in a draw after {n} minutes of extra time.",
    "Turn left at the second traffic light and park behind the bakery.",
    "The invoice number {n} is overdue; please pay within {m} days.",
]


@dataclass(frozen=True)
class Slots:
    """What a sentence was made of, so a near-repeat can change one slot on both sides."""

    template: int
    c: int
    d: int
    t: int
    b: int
    v: int
    n: int
    m: int
    date: tuple[int, int, int]  # day, month index, year


@dataclass(frozen=True)
class Pair:
    source: str
    target: str
    slots: Slots | None = None  # None for joined and edited sentences


def _draw(rng: random.Random) -> Slots:
    c, d = rng.sample(range(len(CONCEPTS)), 2)
    return Slots(
        template=rng.randrange(len(TEMPLATES)),
        c=c,
        d=d,
        t=rng.randrange(len(TEACHERS)),
        b=rng.randrange(len(BOOKS)),
        v=rng.randrange(len(ACTIONS)),
        n=rng.randint(1, 150),
        m=rng.randint(1, 400),
        date=(rng.randint(1, 28), rng.randrange(12), rng.randint(2005, 2025)),
    )


def render(slots: Slots) -> Pair:
    en, ru = TEMPLATES[slots.template]
    c, d = CONCEPTS[slots.c], CONCEPTS[slots.d]
    teacher, book, action = TEACHERS[slots.t], BOOKS[slots.b], ACTIONS[slots.v]
    day, month, year = slots.date
    en_values = {
        "c": c[0], "d": d[0], "t": teacher[0], "b": book[0], "v": action[0],
        "n": str(slots.n), "m": str(slots.m), "date": f"{MONTHS[month]} {day}, {year}",
    }  # fmt: skip
    ru_values = {
        "c.n": c[1], "c.g": c[2], "c.a": c[3], "d.n": d[1], "d.g": d[2], "d.a": d[3],
        "t": teacher[1], "b": book[1], "v": action[1], "n": str(slots.n), "m": str(slots.m),
        "date": f"{day} {MONTHS_RU[month]} {year}",
    }  # fmt: skip
    for name, value in en_values.items():
        en = en.replace("{" + name + "}", value)
    for name, value in ru_values.items():
        ru = ru.replace("{" + name + "}", value)
    return Pair(_capital(en), _capital(ru), slots)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def fresh(rng: random.Random) -> Pair:
    """A new sentence: a template, sometimes two clauses joined, sometimes a speaker label."""
    pair = render(_draw(rng))
    if rng.random() < 0.15:
        second = render(_draw(rng))
        pair = Pair(
            pair.source.rstrip(".?") + ", and " + second.source[0].lower() + second.source[1:],
            pair.target.rstrip(".?") + ", и " + second.target[0].lower() + second.target[1:],
        )
    speaker = rng.choice(SPEAKERS)
    if not speaker[0]:
        return pair
    return Pair(speaker[0] + pair.source, speaker[1] + pair.target)


FILLERS = ["really", "then", "actually", "also", "here", "now", "truly"]
_NUMBER = re.compile(r"\d+")


def near_variant(pair: Pair, rng: random.Random) -> Pair:
    """A near-repeat of ``pair``: one small change of the kind real corpora are full of.

    A slot changed (a term, a teacher, a number) changes both sides; a speaker label is
    added or dropped on both; a filler word, a punctuation mark, the case or the commas
    change in the source only, as they often do without the translation changing.
    """
    kind = rng.randrange(6)
    source, target = pair.source, pair.target
    if kind == 0 and pair.slots is not None:
        slot = rng.choice(["c", "d", "t", "b", "v", "n", "m"])
        value = getattr(pair.slots, slot)
        limit = {"c": len(CONCEPTS), "d": len(CONCEPTS), "t": len(TEACHERS),
                 "b": len(BOOKS), "v": len(ACTIONS)}.get(slot, 400)  # fmt: skip
        changed = replace(pair.slots, **{slot: (value + rng.randint(1, limit - 1)) % limit})
        if changed.c != changed.d:
            return render(changed)
    if kind in (0, 1) and _NUMBER.search(source) and _NUMBER.search(target):
        old = _NUMBER.findall(source)[0]
        new = str(int(old) + rng.randint(1, 9))
        return Pair(source.replace(old, new, 1), target.replace(old, new, 1))
    if kind == 2:
        for label_en, label_ru in SPEAKERS:
            if label_en and source.startswith(label_en) and target.startswith(label_ru):
                return Pair(source[len(label_en) :], target[len(label_ru) :])
        label_en, label_ru = rng.choice(SPEAKERS[:4])
        return Pair(label_en + source, label_ru + target)
    if kind == 3:
        words = source.split(" ")
        words.insert(rng.randrange(1, len(words)) if len(words) > 1 else 0, rng.choice(FILLERS))
        return Pair(" ".join(words), target)
    if kind == 4:
        swaps = {"?": ".", ".": "!", "!": "."}
        end = source[-1:]
        return Pair(source[:-1] + swaps[end] if end in swaps else source + ".", target)
    if rng.random() < 0.5:
        return Pair(source.lower(), target)
    return Pair(source.replace(",", ""), target.replace(",", ""))


def far_variant(pair: Pair, rng: random.Random) -> str:
    """A heavily changed source: about half the words replaced or dropped."""
    words = pair.source.split(" ")
    vocabulary = [w for concept in CONCEPTS for w in concept[0].split()] + FILLERS
    out = []
    for word in words:
        roll = rng.random()
        if roll < 0.3:
            out.append(rng.choice(vocabulary))
        elif roll >= 0.45:
            out.append(word)
    if rng.random() < 0.3:
        rng.shuffle(out)
    return " ".join(out) or "empty"


def other_sentence(rng: random.Random) -> str:
    text = rng.choice(OTHER)
    return text.replace("{n}", str(rng.randint(2, 90))).replace("{m}", str(rng.randint(2, 30)))


def corpus(size: int, seed: int = 1) -> Iterator[Pair]:
    """``size`` pairs; about 15% exact repeats and 25% near-repeats of earlier ones."""
    rng = random.Random(seed)
    made: list[Pair] = []
    for _ in range(size):
        roll = rng.random()
        if made and roll < 0.15:
            pair = rng.choice(made)
        elif made and roll < 0.40:
            pair = near_variant(rng.choice(made), rng)
        else:
            pair = fresh(rng)
        made.append(pair)
        yield pair


def queries(pairs: list[Pair], count: int, seed: int = 2) -> list[tuple[str, str]]:
    """``count`` ``(kind, text)`` queries, a fifth each of exact, near, new, far and none:
    a stored source, a near-repeat of one, a freshly generated sentence (what a translator
    meets in a new lesson), a heavily edited source, and a sentence from another domain."""
    rng = random.Random(seed)
    kinds = ["exact", "near", "new", "far", "none"]
    out: list[tuple[str, str]] = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind == "exact":
            text = rng.choice(pairs).source
        elif kind == "near":
            text = near_variant(rng.choice(pairs), rng).source
        elif kind == "new":
            text = fresh(rng).source
        elif kind == "far":
            text = far_variant(rng.choice(pairs), rng)
        else:
            text = other_sentence(rng)
        out.append((kind, text))
    return out
