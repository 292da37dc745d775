"""Guess the language of a text, deterministically, and list the languages the UI offers.

Import records the detected language next to the one the user chose, so a Russian file
imported as "en" by mistake is visible at once. langdetect is random by design (it samples
n-grams); with a fixed seed the same text always gives the same answer, which tests and
reproducible imports need. Long texts are sampled, because a few thousand characters decide
the language as well as a whole book does and cost a fraction of the time.
"""

from __future__ import annotations

import threading

from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

__all__ = ["MIN_LETTERS", "SUPPORTED_LANGUAGES", "detect_language", "language_name"]

# Code -> English name, for the language selectors of the UI and ``--lang`` help.
SUPPORTED_LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "uk": "Ukrainian",
    "he": "Hebrew",
    "es": "Spanish",
    "de": "German",
    "fr": "French",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "tr": "Turkish",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ar": "Arabic",
    "fa": "Persian",
    "hi": "Hindi",
    "cs": "Czech",
    "sk": "Slovak",
    "nl": "Dutch",
    "ro": "Romanian",
    "hu": "Hungarian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "hr": "Croatian",
    "sl": "Slovenian",
    "mk": "Macedonian",
    "ka": "Georgian",
    "hy": "Armenian",
    "az": "Azerbaijani",
    "kk": "Kazakh",
    "be": "Belarusian",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "et": "Estonian",
    "fi": "Finnish",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "is": "Icelandic",
    "el": "Greek",
    "vi": "Vietnamese",
    "th": "Thai",
    "id": "Indonesian",
    "ms": "Malay",
    "tl": "Tagalog",
    "sw": "Swahili",
    "am": "Amharic",
    "bn": "Bengali",
    "ur": "Urdu",
    "ta": "Tamil",
    "yi": "Yiddish",
    "ca": "Catalan",
    "sq": "Albanian",
}

# Fewer letters than this and langdetect's answer is a coin toss ("Привет" -> Bulgarian).
MIN_LETTERS = 16
# Characters of long texts that are looked at, taken from evenly spaced windows.
_SAMPLE_CHARS = 6000
_WINDOWS = 6

# langdetect codes that are not plain ISO 639-1.
_NORMALISE = {"zh-cn": "zh", "zh-tw": "zh", "iw": "he", "in": "id", "nb": "no", "nn": "no"}

_LOCK = threading.Lock()
_FACTORY: DetectorFactory | None = None


def _factory() -> DetectorFactory:
    """A private, seeded detector factory (profiles load once, about 1 s).

    A private instance with its own ``seed`` keeps results deterministic even if other code
    changes langdetect's shared ``DetectorFactory.seed``.
    """
    global _FACTORY
    if _FACTORY is None:
        factory = DetectorFactory()
        factory.load_profile(PROFILES_DIRECTORY)
        factory.seed = 0
        _FACTORY = factory
    return _FACTORY


def language_name(code: str) -> str:
    """The English name of ``code`` for display, or the code itself if it is not listed."""
    return SUPPORTED_LANGUAGES.get(code.split("-")[0].lower(), code)


def _letter_weight(text: str) -> int:
    """Letters in ``text``, counting a Chinese, Japanese or Korean character as a word (3)."""
    weight = 0
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        cjk = 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF
        weight += 3 if cjk else 1
    return weight


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    size = _SAMPLE_CHARS // _WINDOWS
    step = (len(text) - size) // (_WINDOWS - 1)
    return "\n".join(text[i * step : i * step + size] for i in range(_WINDOWS))


def detect_language(text: str) -> tuple[str, float] | None:
    """The most likely ISO 639-1 language of ``text`` and its probability (0-1).

    Returns ``None`` when there is too little text to tell (fewer than ``MIN_LETTERS``
    letters) or langdetect finds no features. The result is the same on every call and in
    every process for the same text.
    """
    sample = _sample(text)
    if _letter_weight(sample) < MIN_LETTERS:
        return None
    with _LOCK:
        try:
            detector = _factory().create()
            detector.append(sample)
            candidates = detector.get_probabilities()
        except LangDetectException:
            return None
    if not candidates:
        return None
    best = candidates[0]
    code = _NORMALISE.get(best.lang, best.lang)
    return code, float(best.prob)
