r"""Compiled regular expressions kept across processes: a warm ``xfnlp tag`` compiles none.

Python compiles a pattern in Python code (parse, optimize the character sets, emit the engine's
program). The extractor's and the flags' ~170 patterns, with their large classes of Chinese
characters, took 0.15-0.3 s of every cold start: more than tagging the letter itself. The
program the compiler emits is a list of integers, so it is kept in the user cache folder
(``marshal``, one file per Python build, keyed by pattern and flags) and handed straight to the
regex engine the next time.

Safety: the engine (``_sre``) validates every program it is given and refuses a malformed one,
so a damaged or foreign cache file costs a recompile, never a wrong match; a Python whose
internal compiler API differs, or any failure at all, falls back to :func:`re.compile`. The
cache folder is the user's own, like jieba's dictionary cache.

>>> rx(r"(\d+(?:\.\d+)?)亩").search("占用耕地2.5亩").group(1)
'2.5'
"""

from __future__ import annotations

import os
import re
import sys
import threading
from array import array

try:  # Python 3.11+: the compiler's parts are private modules of the re package
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - older Pythons compile normally
    _compiler = None

_TAG = f"2-{sys.implementation.cache_tag}-{sys.hexversion:x}-{getattr(_sre, 'MAGIC', 0) if _compiler else 0}"
_lock = threading.Lock()
_store: dict | None = None
_added = 0
_used: set = set()
_compiled: dict = {}      # this process's patterns: asked again, the same object, as re.compile
# Patterns change between versions and old entries are never asked for again: past this many
# entries, a save keeps only the ones this process used (xfnlp has about 300).
MAX_ENTRIES = 2000
_enabled = (_compiler is not None and array("I").itemsize == 4
            and os.environ.get("XFNLP_REGEX_CACHE", "1") != "0")


def cache_path() -> str:
    from .segment import cache_dir

    return os.path.join(cache_dir(), f"regex-{_TAG}.marshal")


def _program(pattern: str, flags: int) -> tuple:
    """The arguments ``_sre.compile`` takes, computed as ``re._compiler.compile`` does."""
    p = _parser.parse(pattern, flags)
    # The program's words are 32-bit (SRE_CODE): kept as bytes, they load 4x faster than ints.
    code = array("I", _compiler._code(p, flags)).tobytes()
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup)


def _engine(pattern: str, args: tuple) -> re.Pattern:
    flags, code, groups, groupindex, indexgroup = args
    words = array("I")
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)


def _load() -> dict:
    global _store
    if _store is None:
        import atexit
        import marshal

        try:
            with open(cache_path(), "rb") as f:
                # loads(read()), not load(f): marshal reads a file object piece by piece
                data = marshal.loads(f.read())
            _store = data if isinstance(data, dict) else {}
        except Exception:       # missing, unreadable or foreign: start empty
            _store = {}
        atexit.register(save)
    return _store


def save() -> None:
    """Write the programs compiled in this process (atomically; a read-only folder is fine)."""
    global _added
    if not _added or _store is None:
        return
    import marshal

    tmp = None
    store = _store if len(_store) <= MAX_ENTRIES else {k: _store[k] for k in _used if k in _store}
    try:
        path = cache_path()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "wb") as f:
            marshal.dump(store, f)
        os.replace(tmp, path)
        _added = 0
    except Exception:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the cross-process cache when it holds the pattern."""
    global _added, _enabled
    flags = int(flags)
    if not _enabled or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    key = (pattern, flags)
    hit = _compiled.get(key)
    if hit is not None:
        return hit
    with _lock:
        store = _load()
        _used.add(key)
        args = store.get(key)
        if args is not None:
            try:
                compiled = _compiled[key] = _engine(pattern, args)
                return compiled
            except Exception:
                store.pop(key, None)     # stale or damaged entry: compile it afresh
        try:
            args = _program(pattern, flags)
            compiled = _engine(pattern, args)
        except re.error:
            raise
        except Exception:                # the private API moved: stop using it
            _enabled = False
            return re.compile(pattern, flags)
        store[key] = args
        _added += 1
        _compiled[key] = compiled
        return compiled
