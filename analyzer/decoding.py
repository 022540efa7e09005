"""Bytes to text: a whole file's bytes, a streamed file's encoding, a file name.

UTF-8 (with or without BOM) and UTF-16 (with a BOM, or Latin-script text
without one) are read as such; other bytes get Windows-1252 or, for text the
detector sees in a non-Latin script, the encoding it guesses. Other NUL bytes
mark binary data. A file that cannot be
decoded raises :class:`~analyzer.errors.SkipPosting` with the reason.

Exports often mix the two common encodings: rows appended by another tool,
a UTF-8 file with a few Windows-1252 rows pasted in. Such files are read with
the ``utf-8-cp1252`` codec registered here (:data:`MIXED`): every valid UTF-8
sequence as UTF-8, every other byte as Windows-1252, so neither part turns
into mojibake and a stray byte late in a UTF-8 file no longer stops the read.
Text without a single valid multi-byte UTF-8 sequence is read as plain
Windows-1252.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from .errors import SkipPosting

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

__all__ = ["MIXED", "decode_bytes", "sniff_encoding", "source_name", "stream_codec"]

#: The codec for UTF-8 text with Windows-1252 parts (registered with :mod:`codecs` on import).
MIXED = "utf-8-cp1252"
_ERRORS = "skill-analyzer-cp1252"


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 read as Windows-1252 (its 5 unused bytes as Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_byte_as_cp1252(byte) for byte in bad), error.end


def _byte_as_cp1252(byte: int) -> str:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


class _MixedDecoder(codecs.BufferedIncrementalDecoder):
    """Incremental :data:`MIXED` decoding; a byte order mark opening the stream is dropped (as ``utf-8-sig`` does).

    The ``errors`` argument is ignored: bytes that are not UTF-8 always read as Windows-1252.
    """

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._started = False

    def _buffer_decode(self, data: ReadableBuffer, errors: str, final: bool) -> tuple[str, int]:
        text, used = codecs.utf_8_decode(data, _ERRORS, final)
        if not self._started and text:
            self._started = True
            text = text.removeprefix("\ufeff")
        return text, used

    def reset(self) -> None:
        super().reset()
        self._started = False


def _mixed_decode(data: ReadableBuffer, errors: str = "strict", /) -> tuple[str, int]:
    text, used = codecs.utf_8_decode(data, _ERRORS, True)
    return text.removeprefix("\ufeff"), used


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != MIXED.replace("-", "_"):
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        utf8.encode, _mixed_decode, name=MIXED, incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_MixedDecoder,
        streamreader=utf8.streamreader, streamwriter=utf8.streamwriter,
    )  # fmt: skip


codecs.register_error(_ERRORS, _as_cp1252)
codecs.register(_find_codec)


def stream_codec(encoding: str) -> str:
    """The codec to read a streamed file with, for the encoding :func:`sniff_encoding` found.

    UTF-8 files (with or without a byte order mark) are read with
    :data:`MIXED`, so a row in Windows-1252 further down than the sniffed head
    is read too instead of ending the file.
    """
    return MIXED if encoding in ("utf-8", "utf-8-sig") else encoding


def is_utf8(path: Path, *, chunk_size: int = 1 << 20) -> bool:
    """Whether a whole file is valid UTF-8 (a leading byte order mark allowed), read in chunks.

    :func:`sniff_encoding` looks at the first megabyte only; a reader that
    cannot fall back to Windows-1252 byte by byte, as :data:`MIXED` does,
    checks the rest with this first.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(chunk_size):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def source_name(path: str | Path) -> str:
    """A file's path as a posting's ``source``: bytes a file name cannot decode shown as U+FFFD.

    Python keeps such bytes as lone surrogates, which no report file can hold.
    """
    return os.fsencode(path).decode("utf-8", "replace")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a whole file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a detected encoding.

    Raises:
        SkipPosting: Binary data (NUL bytes) or bytes no text encoding fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise SkipPosting(source, "cannot decode UTF-16 text; save the file as UTF-8") from None
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data[:8192])
        if utf16 is None:
            raise SkipPosting(source, "binary file (contains NUL bytes), not a text posting")
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            raise SkipPosting(source, f"cannot decode {utf16.upper()} text; save the file as UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data[: 1 << 20])
    if encoding is None:
        raise SkipPosting(source, "undecodable: not UTF-8 and no other text encoding fits; save the file as UTF-8")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise SkipPosting(source, f"undecodable as {encoding}; save the file as UTF-8") from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like UTF-16 text without a byte order mark, else None.

    Text in the Latin script saved as UTF-16 has a NUL in nearly every other
    byte (the high byte of each character) and almost none in the others;
    binary data has NUL bytes anywhere.
    """
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0) / pairs
    odd = sample[1 : 2 * pairs : 2].count(0) / pairs
    if odd >= 0.9 and even <= 0.1:
        return "utf-16-le"
    if even >= 0.9 and odd <= 0.1:
        return "utf-16-be"
    return None


# Languages written in other scripts than the Latin one: for these, trust the
# detector's guess rather than Windows-1252, when the text it gives is mostly
# in that script (on a few accented Latin letters the detector guesses wildly:
# "café" in Windows-1252 is not Farsi).
_NON_LATIN = frozenset(
    "Russian Ukrainian Bulgarian Serbian Macedonian Kazakh Belarusian Greek Arabic Persian Farsi Hebrew "
    "Chinese Japanese Korean Thai Hindi".split()
)
#: Share of a text's letters outside the Latin script above which it is taken to be in another script.
_OTHER_SCRIPT_SHARE = 0.3


def _guess_encoding(sample: bytes) -> str | None:
    """The encoding of non-UTF-8 bytes.

    Windows-1252 is by far the most common legacy encoding of job-board
    exports, and detectors guess poorly on short texts, so it wins whenever
    it decodes the bytes, unless the detector sees a language of another
    script and decoding by its guess gives mostly letters of another script.
    When the bytes also hold valid UTF-8 sequences it is given as
    :data:`MIXED`, which reads those as UTF-8 and the rest as Windows-1252;
    also when a UTF-8 part holds a byte Windows-1252 leaves unused.
    """
    best = from_bytes(sample).best()
    if best is not None and best.language in _NON_LATIN and best.encoding:
        try:
            letters = [c for c in sample.decode(str(best.encoding)) if c.isalpha()]
        except (UnicodeDecodeError, LookupError):
            letters = []
        other = sum(not unicodedata.name(c, "").startswith("LATIN") for c in letters)
        if letters and other / len(letters) >= _OTHER_SCRIPT_SHARE:
            return str(best.encoding)
    has_utf8 = any(ord(c) > 0x7F for c in codecs.utf_8_decode(sample, "ignore")[0])
    try:
        sample.decode("cp1252")
        return MIXED if has_utf8 else "cp1252"
    except UnicodeDecodeError:
        pass
    if has_utf8:
        return MIXED
    return str(best.encoding) if best is not None and best.encoding else None


def sniff_encoding(path: Path) -> str:
    """Encoding of a streamed file (CSV, JSONL) from its first megabyte.

    Windows-1252 with UTF-8 rows in the head is reported as :data:`MIXED`.
    """
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head[:8192]:
        utf16 = _utf16_without_bom(head[:8192])
        if utf16 is None:
            raise SkipPosting(source_name(path), "binary file (contains NUL bytes), not a text posting")
        return utf16
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of the sample
            return "utf-8"
    encoding = _guess_encoding(head)
    if encoding is None:
        raise SkipPosting(source_name(path), "undecodable: not UTF-8 and no other text encoding fits; save the file as UTF-8")
    return encoding
