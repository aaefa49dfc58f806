"""The annual report: one aggregation of the ledger, narrative text written from it, the checker."""
