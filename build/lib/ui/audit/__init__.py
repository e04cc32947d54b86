"""Auditoría: the audit trail with filters, its verification and its export."""
