"""The append-only, hash-chained audit trail: append, verify, export."""

from app.audit.log import Anchor, VerifyResult, append, row_hash, verify, verify_rows, verify_session

__all__ = ["Anchor", "VerifyResult", "append", "row_hash", "verify", "verify_rows",
           "verify_session"]
