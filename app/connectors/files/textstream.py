"""A text export decoded as it streams from disk, by exactly the rules ``table.decode`` applies
to the whole file at once.

:func:`plan` reads the file once, a megabyte at a time, to decide what ``decode`` decides
with the whole text in memory: UTF-16/32 by BOM or by where the NUL bytes fall in the first
64 KiB, a binary file refused, UTF-8 when every byte is valid UTF-8, UTF-8 line by line when
damaged UTF-8 is still mostly UTF-8 (a cp1252 line pasted in), else cp1252; and whether any
byte had to be replaced by U+FFFD, and whether any NUL is present. :func:`lines` then gives
the text line by line as ``io.StringIO(text, newline="")`` splits it (``\\n``, ``\\r`` and
``\\r\\n`` end a line), for ``table.text_records``. Memory stays at one chunk or one line.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.connectors.files.table import (
    _BOM,
    _PATTERN_SAMPLE,
    _SAMPLE_CHARS,
    _WIDE_BOMS,
    _cp1252,
    _mostly_utf8,
    refuse_binary,
    wide_encoding,
)

_CHUNK = 1 << 20
#: Bytes cp1252 has no character for: decoded as U+FFFD (``replaced``).
_CP1252_HOLES = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


@dataclass(frozen=True, slots=True)
class TextPlan:
    """How a text file is decoded: the encoding the layout names, the codec (None: UTF-8 line
    by line with cp1252 lines), whether bytes were replaced, whether NULs are present."""

    encoding: str
    codec: str | None
    replaced: bool
    has_nul: bool


def _chunks(path: Path, skip: int = 0) -> Iterator[bytes]:
    with path.open("rb") as stream:
        stream.seek(skip)
        while chunk := stream.read(_CHUNK):
            yield chunk


def _scan(path: Path, codec: str, skip: int = 0) -> tuple[int, int, bool]:
    """(non-ASCII characters, U+FFFD characters, NUL present) of the file decoded with
    ``codec``, invalid bytes replaced."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    wide = damaged = 0
    nul = False
    for chunk in [*_chunks(path, skip), None]:
        text = decoder.decode(b"" if chunk is None else chunk, final=chunk is None)
        damaged += text.count("\ufffd")
        wide += len(text) - len(text.encode("ascii", "ignore"))
        nul = nul or "\x00" in text
    return wide, damaged, nul


def _valid_utf8(path: Path, skip: int) -> tuple[bool, bool]:
    """(every byte valid UTF-8, a NUL present)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    nul = False
    try:
        for chunk in _chunks(path, skip):
            decoder.decode(chunk)
            nul = nul or b"\x00" in chunk
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False, nul
    return True, nul


def plan(path: Path) -> TextPlan:
    """Decide the decoding as ``table.decode`` would; raises ``FileFormatError`` for a binary
    file, as it does."""
    with path.open("rb") as stream:
        head = stream.read(_PATTERN_SAMPLE)
    for bom, codec in _WIDE_BOMS:  # UTF-32's BOM begins like UTF-16's: it is tried first
        if head.startswith(bom):
            _, damaged, nul = _scan(path, codec)
            return TextPlan(codec, codec, damaged > 0, nul)
    wide = wide_encoding(head)
    if wide is not None:
        _, damaged, nul = _scan(path, wide)
        return TextPlan(wide, wide, damaged > 0, nul)
    refuse_binary(head, path.name)
    sig = head.startswith(_BOM)
    encoding, skip = ("utf-8-sig", len(_BOM)) if sig else ("utf-8", 0)
    valid, nul = _valid_utf8(path, skip)
    if valid:
        return TextPlan(encoding, encoding, False, nul)
    wide_chars, damaged, nul = _scan(path, "utf-8", skip)
    good = wide_chars - damaged
    if sig or (good > 0 and good >= damaged):
        replaced = any(_line_damaged(raw) for raw in _raw_lines(path, skip))
        return TextPlan(encoding, None, replaced, nul)
    holes = any(any(h in chunk for h in _CP1252_HOLES) for chunk in _chunks(path))
    return TextPlan("cp1252", "cp1252", holes, nul)


def _raw_lines(path: Path, skip: int) -> Iterator[bytes]:
    """The bytes between ``\\n`` (the ``\\n`` left on), as ``data.split(b"\\n")`` cuts them."""
    with path.open("rb") as stream:
        stream.seek(skip)
        yield from stream


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """One line of a damaged UTF-8 file, as ``table._narrow`` decodes it."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        return raw.decode("utf-8", errors="replace"), True
    return _cp1252(raw)


def _line_damaged(raw: bytes) -> bool:
    body = raw[:-1] if raw.endswith(b"\n") else raw
    return _decode_line(body)[1]


def lines(path: Path, how: TextPlan) -> Iterator[str]:
    """The decoded text, line by line as ``io.StringIO(text, newline="")`` gives it."""
    if how.codec is not None:
        with path.open("rb") as stream, io.TextIOWrapper(stream, encoding=how.codec,
                                                         errors="replace", newline="") as wrapped:
            yield from wrapped
        return
    skip = len(_BOM) if how.encoding == "utf-8-sig" else 0
    for raw in _raw_lines(path, skip):
        ends = raw.endswith(b"\n")
        text, _ = _decode_line(raw[:-1] if ends else raw)
        yield from io.StringIO(text + "\n" if ends else text, newline="")


def head_text(path: Path, how: TextPlan) -> str:
    """The first characters the separator is sniffed from (``table.sniff_separator``)."""
    parts: list[str] = []
    size = 0
    for line in lines(path, how):
        parts.append(line)
        size += len(line)
        if size >= _SAMPLE_CHARS:
            break
    return "".join(parts)[:_SAMPLE_CHARS]


__all__ = ["TextPlan", "head_text", "lines", "plan"]
