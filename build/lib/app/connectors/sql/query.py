"""A query from a profile, checked to be one read-only SELECT before it ever runs.

A profile may read an entity through a query (a join the system's tables need). It must
only read: one ``SELECT`` or ``WITH … SELECT`` statement, without ``INSERT``, ``UPDATE``,
``DELETE``, ``INTO``… among its words. Words and semicolons are looked for outside comments,
string literals and quoted names (``'a;b'``, ``"update"``, ``$$…$$``), so a literal holding
them does no harm. This is a guard against mistakes, not a sandbox: on PostgreSQL the
connector also runs queries in a READ ONLY transaction, which the server enforces.
"""

from __future__ import annotations

import re

from app.connectors.base import SourceError
from app.domain.i18n import tr_app

_QUOTES = {"'": "'", '"': '"', "`": "`", "[": "]"}
_DOLLAR = re.compile(r"\$([A-Za-z_]\w*)?\$")
_WORD = re.compile(r"[A-Za-z_]\w*")
_WRITES = frozenset({"insert", "update", "delete", "merge", "upsert", "drop", "alter", "create",
                     "truncate", "grant", "revoke", "into", "call", "exec", "execute", "copy",
                     "attach", "detach", "pragma", "vacuum", "lock"})
_BIND = re.compile(r"(?<![:\w\\]):(?=\w)")


def checked_query(sql: str, what: str, backend: str) -> str:
    """``sql``, ready for ``sqlalchemy.text``, if it is one read-only SELECT (or WITH …
    SELECT); else a SourceError. ``what`` names it ("La consulta de pagos")."""
    rule = tr_app("app.connectors", "solo se permite una instrucción SELECT (o WITH … SELECT) de "
                                    "lectura.")
    try:
        code, comment = _code_only(sql, backslash_escapes=backend in ("mysql", "mariadb"))
    except ValueError:
        raise SourceError(tr_app("app.connectors", "{what} tiene comillas o un comentario sin "
                                                   "cerrar.").format(
                              what=what)) from None
    end = len(sql)  # trailing blanks, comments and semicolons end the one statement
    while end and (sql[end - 1].isspace() or comment[end - 1] or code[end - 1] == ";"):
        end -= 1
    body = code[:end]
    words = [w.casefold() for w in _WORD.findall(body)]
    if not words:
        raise SourceError(tr_app("app.connectors", "{what} está vacía.").format(what=what))
    if ";" in body:
        raise SourceError(tr_app("app.connectors", "{what} tiene más de una instrucción: {rule}").format(
                              what=what, rule=rule))
    if words[0] not in ("select", "with") or not body.lstrip(" (\n\t\r").casefold().startswith(words[0]):
        raise SourceError(tr_app("app.connectors", "{what} empieza por «{upper}»: {rule}").format(
                              what=what, upper=words[0].upper(), rule=rule))
    writes = sorted({w for w in words if w in _WRITES})
    if writes:
        raise SourceError(tr_app("app.connectors", "{what} contiene «{upper}»: {rule}").format(
                              what=what, upper=writes[0].upper(), rule=rule))
    # A ":name" would be read by SQLAlchemy as a parameter: escape it, the text runs as written.
    return _BIND.sub(r"\\:", sql[:end].strip())


def _code_only(sql: str, *, backslash_escapes: bool) -> tuple[str, list[bool]]:
    """``sql`` with comments, string literals and quoted names blanked (same length), so the
    words and semicolons left are the statement's own; and which characters are comments."""
    out = list(sql)
    comment = [False] * len(sql)
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        is_comment = True
        if sql.startswith("--", i):
            stop = sql.find("\n", i)
            stop = n if stop < 0 else stop
        elif sql.startswith("/*", i):
            stop = sql.find("*/", i + 2)
            if stop < 0:
                raise ValueError("unterminated comment")
            stop += 2
        elif c in _QUOTES:
            is_comment = False
            stop = _quote_end(sql, i, backslash_escapes)
        elif c == "$" and (m := _DOLLAR.match(sql, i)) and not (i and (sql[i - 1].isalnum() or
                                                                       sql[i - 1] == "_")):
            is_comment = False
            stop = sql.find(m.group(0), m.end())
            if stop < 0:
                raise ValueError("unterminated dollar quote")
            stop += len(m.group(0))
        else:
            i += 1
            continue
        for k in range(i, stop):
            comment[k] = is_comment
            if out[k] not in "\n\r":
                out[k] = " "
        i = stop
    return "".join(out), comment


def _quote_end(sql: str, start: int, backslash_escapes: bool) -> int:
    """Where the quoted text opened at ``start`` ends (doubled quotes stay inside)."""
    close = _QUOTES[sql[start]]
    j = start + 1
    while True:
        k = sql.find(close, j)
        if k < 0:
            raise ValueError("unterminated quote")
        if backslash_escapes and close == "'":
            slash = sql.find("\\", j, k)
            if slash >= 0:
                j = slash + 2
                continue
        if close != "]" and sql.startswith(close * 2, k):
            j = k + 2
            continue
        return k + 1
