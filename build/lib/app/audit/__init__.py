"""The audit trail read back: verified (``log``), queried for the window (``query``) and
exported to CSV or XLSX (``export``). Rows are appended by :mod:`app.store.chain`, in the
transaction of the change they record."""

from app.audit.log import Anchor, VerifyResult, verify, verify_rows, verify_session

__all__ = ["Anchor", "VerifyResult", "verify", "verify_rows", "verify_session"]
