"""The shipped models (package data: models/ is installed as xfnlp.models)."""
