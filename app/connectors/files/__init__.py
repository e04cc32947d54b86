"""CSV and XLSX exports as dealership systems write them: a connector and a count reader.

    FileConnector(path, system, entity, mapping=None, *, sheet=None)   the Connector protocol
    read_count(path, mapping=None, *, sheet=None, branch=None)          → (frame, issues)
    records_frame(records, system, entity, mapping, *, name)            → (frame, issues)
    load_mapping(mapping, kind)                                         dict or JSON file
    FileFormatError, MappingError                                       both ValueError

``table`` reads bytes and workbooks, ``headers`` knows the synonyms, ``cells`` reads amounts
and dates per column, ``sheet`` ties them together, ``connector`` builds canonical frames.
"""

from app.connectors.files.connector import (
    FileConnector,
    canonical_frame,
    load_mapping,
    read_count,
    records_frame,
)
from app.connectors.files.errors import FileFormatError, MappingError

__all__ = ["FileConnector", "FileFormatError", "MappingError", "canonical_frame", "load_mapping",
           "read_count", "records_frame"]
