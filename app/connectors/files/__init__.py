"""CSV and XLSX exports as dealership systems write them: a connector and a count reader.

    FileConnector(path, system, entity, mapping=None, *, sheet=None)   the Connector protocol
    read_count(path, mapping=None, *, sheet=None, branch=None)          → (frame, issues)
    records_frame(records, system, entity, mapping, *, name)            → (frame, issues)
    load_mapping(mapping, kind)                                         dict or JSON file
    FileFormatError, MappingError                                       both ValueError

``table`` reads bytes and workbooks (and refuses hostile ones), ``synonyms`` lists the headers
exports give each field, ``meaning`` reads a header no list spells («ID Lead», «Nombre / Razón
social»), ``content`` judges a column by its cells, ``headers`` decides which column feeds which
field, ``cells`` reads amounts and dates per column, ``sheet`` ties them together (a file's
records without an id are named «línea N»), ``connector`` builds canonical frames.
"""

from typing import TYPE_CHECKING, Any

from app.connectors.files.errors import FileFormatError, MappingError

if TYPE_CHECKING:
    from app.connectors.files.connector import (
        FileConnector,
        canonical_frame,
        load_mapping,
        read_count,
        records_frame,
    )

_CONNECTOR = frozenset({"FileConnector", "canonical_frame", "load_mapping", "read_count",
                        "records_frame"})


def __getattr__(name: str) -> Any:
    """The connector's names, imported when first asked for: the connector loads pandas, and
    a module that only needs this package's errors (or a reader of its own) does not."""
    if name in _CONNECTOR:
        from app.connectors.files import connector

        return getattr(connector, name)
    raise AttributeError(name)

__all__ = ["FileConnector", "FileFormatError", "MappingError", "canonical_frame", "load_mapping",
           "read_count", "records_frame"]
