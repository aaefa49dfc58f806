"""The year's ledger (信访台帐): reading it, tagging it, repeat petitions and deadlines."""

from .rows import LedgerRow, read_ledger

__all__ = ["LedgerRow", "read_ledger"]
