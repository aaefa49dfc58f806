"""numpy's .npz weights read without numpy: numeric and fixed-width unicode arrays only.

The .npy format (``\\x93NUMPY``, a version, a header that is a small dict literal, the raw data)
is documented and stable; reading it here lets a cold ``xfnlp tag`` skip importing numpy. Object
arrays (pickles) are refused, as ``numpy.load(allow_pickle=False)`` refuses them.

>>> from xfnlp.classify.model import default_model_dir
>>> arrays = read_npz(default_model_dir() / "weights.npz")
>>> "违法" in arrays["vocab"].strings()
True
"""

from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass

_MAGIC = b"\x93NUMPY"
_DESCR = re.compile(r"'descr':\s*'([<>|=]?)([fiuU])(\d+)'")
_ORDER = re.compile(r"'fortran_order':\s*(True|False)")
_SHAPE = re.compile(r"'shape':\s*\(([\d,\s]*)\)")
_TYPECODES = {("f", 4): "f", ("f", 8): "d", ("i", 4): "i", ("i", 8): "q", ("u", 4): "I",
              ("u", 8): "Q"}


class NpyError(ValueError):
    """The bytes are not an .npy array this reader accepts."""


@dataclass
class NpyArray:
    kind: str          # f, i, u or U
    itemsize: int      # bytes per item (4 per character for U)
    swap: bool         # stored in the other byte order than this machine's
    shape: tuple
    data: bytes

    @property
    def size(self) -> int:
        n = 1
        for d in self.shape:
            n *= d
        return n

    def numbers(self) -> array:
        """The numbers as a flat ``array`` in C (row-major) order (float32 stays float32)."""
        code = _TYPECODES.get((self.kind, self.itemsize))
        if code is None:
            raise NpyError(f"not a numeric array ({self.kind}{self.itemsize})")
        a = array(code)
        a.frombytes(self.data)
        if self.swap:
            a.byteswap()
        return a if code in "fd" else array("d", a)

    def strings(self) -> list[str]:
        """The items of a fixed-width unicode array (numpy pads short items with NUL)."""
        if self.kind != "U":
            raise NpyError(f"not a unicode array ({self.kind}{self.itemsize})")
        s = self.data.decode("utf-32-be" if (sys.byteorder == "little") == self.swap
                             else "utf-32-le")
        w = self.itemsize // 4
        return [s[i:i + w].rstrip("\0") for i in range(0, len(s), w)]


def parse_npy(raw: bytes) -> NpyArray:
    """One .npy file's array; NpyError when it is not a plain C-ordered numeric/unicode array."""
    if raw[:6] != _MAGIC or len(raw) < 10:
        raise NpyError("not an .npy array")
    major = raw[6]
    if major == 1:
        hlen, start = int.from_bytes(raw[8:10], "little"), 10
    elif major in (2, 3):
        hlen, start = int.from_bytes(raw[8:12], "little"), 12
    else:
        raise NpyError(f"unknown .npy version {major}")
    header = raw[start:start + hlen].decode("latin-1")
    descr, order, shape = _DESCR.search(header), _ORDER.search(header), _SHAPE.search(header)
    if not (descr and order and shape):
        raise NpyError("unsupported .npy header (object or structured array?)")
    if order.group(1) == "True":
        raise NpyError("Fortran-ordered array")
    byteorder, kind, width = descr.groups()
    width = int(width)
    itemsize = width * 4 if kind == "U" else width
    native = "<" if sys.byteorder == "little" else ">"
    swap = byteorder not in ("", "|", "=", native) and itemsize > 1
    dims = tuple(int(d) for d in shape.group(1).replace(" ", "").split(",") if d)
    arr = NpyArray(kind, itemsize, swap, dims, raw[start + hlen:])
    if len(arr.data) != arr.size * itemsize:
        raise NpyError("array data is truncated")
    return arr


def read_npz(file) -> dict[str, NpyArray]:
    """Every array of an .npz archive (a path or a binary file object), by name."""
    import zipfile

    out = {}
    with zipfile.ZipFile(file) as z:
        for name in z.namelist():
            if name.endswith(".npy"):
                out[name[:-4]] = parse_npy(z.read(name))
    return out
