"""Turn the bytes of a text file into text, or say exactly why that is not possible.

Translators receive files saved by every editor on every system: UTF-8 with and without a
byte order mark, UTF-16 from Word's "Unicode text", and old Windows code pages (cp1251 for
Russian, cp1252 for Spanish and German). Guessing wrong is worse than refusing: a text
decoded with the wrong code page looks like "Ïðèâåò" and is then segmented, translated and
stored as garbage. So the order is: a byte order mark decides; strict UTF-8 decides; only
then a statistical guess, and it is accepted only when it is confident and the result looks
like real text. Everything else is an ``InputError`` that points at the first bad byte.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

from charset_normalizer import from_bytes

from workbench.errors import InputError

__all__ = [
    "DecodedText",
    "decode_text",
    "line_and_column",
    "reject_binary",
]

# Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of files that are commonly dropped in by mistake; naming the real type
# tells the translator what went wrong far better than "not valid UTF-8".
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (for example a .docx or .odt file)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document"),
)

# Legacy encodings we are willing to accept from a statistical guess. Anything else
# (EBCDIC, exotic DOS pages) is far more likely a misdetection than a real file today.
_ACCEPTED_GUESSES = frozenset(
    [
        "cp1250",
        "cp1251",
        "cp1252",
        "cp1253",
        "cp1254",
        "cp1255",
        "cp1256",
        "cp1257",
        "cp1258",
        "latin_1",
        "iso8859_2",
        "iso8859_4",
        "iso8859_5",
        "iso8859_7",
        "iso8859_8",
        "iso8859_9",
        "iso8859_13",
        "iso8859_15",
        "iso8859_16",
        "koi8_r",
        "koi8_u",
        "mac_cyrillic",
        "mac_roman",
        "mac_latin2",
        "cp866",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "shift_jis",
        "cp932",
        "euc_jp",
        "euc_kr",
        "cp949",
    ]
)

# When a guessed code page decodes the bytes to exactly the same text as one of these,
# report the common one: German cp1252 text is often "detected" as cp1250, which is
# harmless for these bytes but confusing to show to a user.
_PREFERRED_EQUIVALENTS: tuple[str, ...] = ("cp1252", "cp1251")

# A guess must be this clean (charset-normalizer's "mess" ratio, 0 = clean) and this
# coherent (how well the letters fit a known language) to be trusted.
_MAX_CHAOS = 0.1
_MIN_COHERENCE = 0.2
# Share of letters among the non-space characters of a plausibly decoded text.
_MIN_LETTER_SHARE = 0.5

# C0 control characters that never occur in a real text file. Tab, line feed, vertical tab,
# form feed, carriage return and the information separators 0x1C-0x1F count as whitespace.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
_C1_CONTROL = re.compile(r"[\x80-\x84\x86-\x9f]")
_NEWLINE_BYTES = re.compile(rb"\r\n|\r|\n")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_HIGH_BYTES = bytes(range(0x80, 0x100))
# A complete multi-byte UTF-8 sequence (2, 3 or 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class DecodedText(NamedTuple):
    """Text decoded from a file and the encoding that was used, for ``Document.encoding``.

    A named tuple so callers that only want the text can write ``text, _ = decode_text(...)``.
    """

    text: str
    encoding: str


def line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset`` in (mostly) UTF-8 ``data``.

    The column counts characters, not bytes, because that is what an editor's status bar
    shows the translator who has to find the bad spot.
    """
    offset = max(0, min(offset, len(data)))
    head = data[:offset]
    breaks = list(_NEWLINE_BYTES.finditer(head))
    line = len(breaks) + 1
    start = breaks[-1].end() if breaks else 0
    column = len(head[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def _text_line_and_column(text: str, index: int) -> tuple[int, int]:
    breaks = list(_NEWLINE.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - start + 1


def reject_binary(data: bytes, filename: str, what: str = "a text file") -> None:
    """Raise ``InputError`` if ``data`` is recognisably not text (a PDF, an image, NULs...).

    A PDF or an image renamed to .txt is named as what it is; NUL bytes (binary data) are
    caught by ``decode_text``, which can say where the first one is.
    """
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            # "MZ" is short enough to begin a real text; only a NUL byte near it confirms
            # a Windows program.
            if signature == b"MZ" and b"\x00" not in data[:512]:
                continue
            raise InputError(
                f"this is {kind}, not {what}; export or save it as one of the supported types",
                file=filename,
            )


def _plausible(text: str) -> bool:
    """Whether decoded text looks like prose: mostly letters, no control characters."""
    if _CONTROL.search(text) or _C1_CONTROL.search(text):
        return False
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return True
    letters = sum(1 for ch in visible if ch.isalpha())
    if letters / len(visible) < _MIN_LETTER_SHARE:
        return False
    # Private-use and unassigned code points are what a wrong multi-byte guess produces.
    odd = sum(1 for ch in visible if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return odd == 0


def _check_controls(text: str, filename: str, encoding: str) -> None:
    match = _CONTROL.search(text)
    if match:
        line, column = _text_line_and_column(text, match.start())
        raise InputError(
            f"contains the control character U+{ord(match.group()):04X}, which does not "
            f"occur in text ({encoding}); is this really a text file?",
            file=filename,
            line=line,
            column=column,
        )


def _mostly_utf8(data: bytes) -> bool:
    """Whether the non-ASCII bytes are mostly well-formed UTF-8 sequences.

    A file like that is UTF-8 with a few foreign bytes pasted in (mixed encodings); decoding
    all of it with a code page would turn every correct letter into mojibake.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not high:
        return False
    in_sequences = sum(len(m.group()) for m in _UTF8_MULTIBYTE.finditer(data))
    return in_sequences / high >= 0.5


def _normalise_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None


_ACCEPTED_CODECS = frozenset(_normalise_codec(name) for name in _ACCEPTED_GUESSES)


def _guess(data: bytes) -> DecodedText | None:
    best = from_bytes(data).best()
    if best is None:
        return None
    codec = _normalise_codec(best.encoding)
    if codec is None or codec not in _ACCEPTED_CODECS:
        return None
    if best.chaos > _MAX_CHAOS or best.coherence < _MIN_COHERENCE:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if not _plausible(text):
        return None
    encoding = codec
    for preferred in _PREFERRED_EQUIVALENTS:
        try:
            if data.decode(preferred) == text:
                encoding = preferred
                break
        except UnicodeDecodeError:
            continue
    return DecodedText(text, encoding)


def decode_text(data: bytes, filename: str, *, declared: str | None = None) -> DecodedText:
    """Decode ``data`` (the bytes of ``filename``) to text.

    ``declared`` is an encoding the file itself names (an HTML ``<meta charset>``); it is
    tried after UTF-8 because a declaration is often stale but never ignored when the bytes
    are not UTF-8. Raises ``InputError`` with the line and column of the first offending
    byte when no reliable decoding exists.
    """
    reject_binary(data, filename)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            body = data[len(bom) :]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                name = "UTF-8" if codec == "utf-8" else encoding.upper()
                line = column = None
                if codec == "utf-8":
                    line, column = line_and_column(body, exc.start)
                raise InputError(
                    f"the file starts with a {name} byte order mark but byte "
                    f"{exc.start + len(bom)} (0x{body[exc.start]:02X}) is not valid {name}; "
                    "save the file as UTF-8",
                    file=filename,
                    line=line,
                    column=column,
                ) from None
            _check_controls(text, filename, encoding)
            return DecodedText(text, encoding)

    if b"\x00" in data:
        # UTF-16 without a byte order mark is not guessed: "a\0b\0" is just as likely
        # binary junk, and Word and Notepad always write the mark.
        line, column = line_and_column(data, data.index(b"\x00"))
        raise InputError(
            "contains NUL bytes, so it is binary data and not text "
            "(or UTF-16 without a byte order mark); save the file as UTF-8",
            file=filename,
            line=line,
            column=column,
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    else:
        _check_controls(text, filename, "utf-8")
        return DecodedText(text, "utf-8")

    if declared:
        codec = _normalise_codec(declared)
        if codec and codec not in ("utf_8", "utf_16", "utf_32"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                if _plausible(text):
                    return DecodedText(text, codec)

    guessed = None if _mostly_utf8(data) else _guess(data)
    if guessed is not None:
        return guessed

    line, column = line_and_column(data, error.start)
    bad = data[error.start]
    mixed = ""
    if _mostly_utf8(data):
        mixed = " (the rest looks like UTF-8, so the file mixes encodings)"
    raise InputError(
        f"not valid UTF-8 (byte 0x{bad:02X}){mixed} and the encoding could not be "
        "determined reliably; save the file as UTF-8",
        file=filename,
        line=line,
        column=column,
    )
