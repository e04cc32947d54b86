"""JSON text indented by one space per level, byte for byte what ``json.dumps(doc,
ensure_ascii=False, indent=1)`` writes, several times faster on a large report.

``json.dumps`` with an indent runs its pure-Python encoder over every value (2 s for a
100,000-customer report). Here each container whose values hold no container — a finding,
a link's levels, a duplicate's ids — is written by the C encoder in one call, its item
separator carrying the line break and the indent; only the containers above them (the
report, an entity, a link) are walked in Python.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Protocol, TextIO

_CONTAINERS = (list, tuple, dict)
_SCALARS = frozenset((str, int, float, bool, type(None)))
_INFINITY = float("inf")
_REMEMBERED = 4096
_text: Callable[[str], str] = json.encoder.encode_basestring


def dumps(doc: Any, indent: int = 1) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=indent)``."""
    out: list[str] = []
    _Writer(indent).write(doc, 0, out)
    return "".join(out)


def dump(doc: Any, file: TextIO, indent: int = 1) -> None:
    """:func:`dumps` written into ``file`` piece by piece: a report of a million links is
    never one string in memory."""
    sink = _FileSink(file)
    _Writer(indent).write(doc, 0, sink)
    sink.flush()


class _Sink(Protocol):
    def append(self, text: str, /) -> None: ...


class _FileSink:
    """Pieces of text gathered and written to a file a few thousand at a time."""

    def __init__(self, file: TextIO, pieces: int = 16384) -> None:
        self.file, self.pieces, self.parts = file, pieces, list[str]()

    def append(self, text: str, /) -> None:
        self.parts.append(text)
        if len(self.parts) >= self.pieces:
            self.flush()

    def flush(self) -> None:
        self.file.write("".join(self.parts))
        self.parts.clear()


class _Writer:
    def __init__(self, indent: int) -> None:
        self.indent = indent
        self.flat: dict[int, Callable[[Any], str]] = {}
        self.seen: dict[tuple[Any, ...], str] = {}
        self.heads: dict[tuple[int, tuple[Any, ...]], list[str]] = {}
        self.scalar = json.JSONEncoder(ensure_ascii=False).encode

    def _flat(self, level: int) -> Callable[[Any], str]:
        """The C encoder for a container at ``level`` whose values are all scalars."""
        encoder = self.flat.get(level)
        if encoder is None:
            separators = ("," + self._breaks(level)[0], ": ")
            made = json.JSONEncoder(ensure_ascii=False, separators=separators)
            make = getattr(json.encoder, "c_make_encoder", None)
            if make is None:  # a Python without the C accelerator
                encoder = made.encode
            else:  # what JSONEncoder.encode builds on every call, built once
                iterencode = make({}, made.default, json.encoder.encode_basestring, None,
                                  separators[1], separators[0], False, False, True)
                encoder = lambda o: "".join(iterencode(o, 0))  # noqa: E731
            self.flat[level] = encoder
        return encoder

    def _value(self, o: Any) -> str:
        """A scalar's JSON: the common types directly, others as ``json`` writes them."""
        kind = type(o)
        if kind is str:
            return _text(o)
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if kind is int:
            return int.__repr__(o)
        if kind is float and o == o and o not in (_INFINITY, -_INFINITY):
            return float.__repr__(o)
        return self.scalar(o)

    def _breaks(self, level: int) -> tuple[str, str]:
        """The line break before a value at ``level + 1`` and before the closing bracket."""
        return "\n" + " " * (self.indent * (level + 1)), "\n" + " " * (self.indent * level)

    def write(self, o: Any, level: int, out: _Sink) -> None:
        if isinstance(o, dict):
            self._dict(o, level, out)
        elif isinstance(o, list | tuple):
            self._list(o, level, out)
        else:
            out.append(self._value(o))

    def _dict(self, o: dict[Any, Any], level: int, out: _Sink) -> None:
        if not o:
            out.append("{}")
            return
        inner, outer = self._breaks(level)
        nested = [type(v) in _SCALARS or not isinstance(v, _CONTAINERS) for v in o.values()]
        if all(nested):
            out.append(self._flat_dict(o, level, inner, outer))
            return
        keys = tuple(o)
        heads = self.heads.get((level, keys))
        if heads is None:  # «{⏎ "key": », «,⏎ "key": »… once per shape and level
            heads = self.heads[(level, keys)] = [
                ("{" if i == 0 else ",") + inner + _text(_key(key)) + ": "
                for i, key in enumerate(keys)]
        for head, value, scalar in zip(heads, o.values(), nested, strict=True):
            out.append(head)
            if scalar:
                out.append(self._value(value))
            else:
                self.write(value, level + 1, out)
        out.append(outer + "}")

    def _flat_dict(self, o: dict[Any, Any], level: int, inner: str, outer: str) -> str:
        """A dict of scalars; the same text items at the same level (a link's levels) written
        once (only text: 1, 1.0 and True are equal keys but not the same JSON)."""
        shape: tuple[Any, ...] | None = None
        hit = None
        if all(type(v) is str for v in o.values()) and all(type(k) is str for k in o):
            shape = (level, *o.items())
            hit = self.seen.get(shape)
        if hit is None:
            hit = "{" + inner + self._flat(level)(o)[1:-1] + outer + "}"
            if shape is not None and len(self.seen) < _REMEMBERED:
                self.seen[shape] = hit
        return hit

    def _list(self, o: list[Any] | tuple[Any, ...], level: int, out: _Sink) -> None:
        if not o:
            out.append("[]")
            return
        inner, outer = self._breaks(level)
        if all(type(v) in _SCALARS or not isinstance(v, _CONTAINERS) for v in o):
            text = self._flat(level)(o)
            out.append("[" + inner + text[1:-1] + outer + "]")
            return
        out.append("[")
        separator = inner
        for value in o:
            out.append(separator)
            separator = "," + inner
            self.write(value, level + 1, out)
        out.append(outer + "]")


def _key(key: Any) -> str:
    """A key as ``json`` writes it: text as it is, numbers, booleans and None as their JSON."""
    if isinstance(key, str):
        return key
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int | float):
        return json.dumps(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
