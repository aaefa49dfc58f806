"""Writing output files safely (no python-docx here: Markdown output uses it too).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "告知书.md"
>>> atomic_write(p, "# 标题\\n".encode()).read_text(encoding="utf-8")
'# 标题\\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path, data: bytes) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half.

    Why a temp file in the same folder: ``os.replace`` is atomic only within one filesystem.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path
