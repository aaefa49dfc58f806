"""xfnlp — petition letters (信访件) of a county land-and-resources bureau.

Importing xfnlp is cheap: dictionaries, models and heavy libraries load on first use.

>>> import xfnlp
>>> xfnlp.__version__
'0.1.0'
"""

__version__ = "0.1.0"

__all__ = ["__version__", "Letter", "Span", "XfnlpError", "analyze", "load_model", "normalize"]


def __getattr__(name):
    # Lazy public names: `import xfnlp` must not pull in numpy, jieba or a model.
    if name in ("Letter", "Span"):
        from . import letter
        return getattr(letter, name)
    if name == "XfnlpError":
        from .errors import XfnlpError
        return XfnlpError
    if name == "normalize":
        from .text import normalize
        return normalize
    if name in ("analyze", "load_model"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'xfnlp' has no attribute {name!r}")
