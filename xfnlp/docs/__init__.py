"""Official documents: the GB/T 9704 layout and the five petition notices.

Importing this package is cheap; python-docx and jinja2 load when a document is built.

* ``layout.OfficialDocument`` — a GB/T 9704-2012 .docx builder (title, doc_number, heading,
  paragraph, signature, banji, save), shared with the annual report;
* ``markup`` — the template markup: ``markup_to_document`` and ``markup_to_markdown``;
* ``notices`` — ``draft_notice`` / ``reply``: record + clerk's fields + profile → notice.

>>> from xfnlp.docs import KINDS
>>> KINDS
('accept', 'reject', 'opinion', 'assign', 'extend')
"""

from .kinds import KIND_NAMES, KINDS

__all__ = ["KINDS", "KIND_NAMES", "OfficialDocument", "draft_notice", "fields_for",
           "markup_to_document", "markup_to_markdown", "reply"]


def __getattr__(name):
    # Lazy: python-docx / jinja2 are imported by the submodules only when used.
    if name == "OfficialDocument":
        from .layout import OfficialDocument
        return OfficialDocument
    if name in ("markup_to_document", "markup_to_markdown"):
        from . import markup
        return getattr(markup, name)
    if name in ("draft_notice", "reply"):
        from . import notices
        return getattr(notices, name)
    if name == "fields_for":
        from .fields import fields_for
        return fields_for
    raise AttributeError(f"module 'xfnlp.docs' has no attribute {name!r}")
