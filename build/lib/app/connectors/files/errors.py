"""What a file connector raises when a file, or the mapping given for it, cannot be used.

Both are ``ValueError`` with one Spanish sentence (or two) the command line prints as is.
Anything less serious — a cell, a row, a column nobody asked for — is a ``SourceIssue``.
"""

from __future__ import annotations

from app.connectors.base import SourceError


class FileFormatError(SourceError, ValueError):
    """The file cannot be read as the entity asked for: not a table, or a required column is
    missing. The message names the headers that would do."""


class MappingError(SourceError, ValueError):
    """The mapping names a canonical column that does not exist or a header the file lacks."""
