"""An .xlsx file at the package level: its zip members, relationships and content types.

The tagged ledger is the clerk's own workbook plus columns, so it is written by copying every
zip member of the original byte for byte (compressed data included, nothing re-encoded) and
replacing only the few parts that change. A round trip through openpyxl re-creates the workbook
from its object model instead, which is slow and drops whatever openpyxl does not model.

Only what an .xlsx needs is handled: no ZIP64 (a ledger is far below 4 GB) and no encryption
(an encrypted .xlsx is not a zip file at all).
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass
from urllib.parse import unquote


class Unsupported(Exception):
    """A package this writer does not handle; the caller falls back to openpyxl."""


_U32 = 0xFFFFFFFF
_UTF8_NAME = 0x800


@dataclass
class Member:
    name: str
    method: int
    crc: int
    compress_size: int
    file_size: int
    date_time: tuple
    external_attr: int
    flags: int
    raw: bytes | None = None       # compressed bytes as stored, when copied unchanged
    chunks: list | None = None     # compressed pieces of new content


def _dos_time(date_time) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    if y < 1980:
        y, mo, d, h, mi, s = 1980, 1, 1, 0, 0, 0
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


class Package:
    """The members of an .xlsx, read once; parts can be replaced, added and removed."""

    def __init__(self, path):
        self.path = path
        try:
            zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise Unsupported(f"not a zip file ({type(exc).__name__})") from None
        with zf, open(path, "rb") as f:
            self.members: dict[str, Member] = {}
            for info in zf.infolist():
                if info.flag_bits & 1:
                    raise Unsupported("encrypted zip member")
                if info.file_size >= _U32 or info.compress_size >= _U32:
                    raise Unsupported("ZIP64 member")
                f.seek(info.header_offset)
                head = f.read(30)
                if len(head) < 30 or head[:4] != b"PK\x03\x04":
                    raise Unsupported("damaged zip member header")
                name_len, extra_len = struct.unpack("<HH", head[26:30])
                f.seek(info.header_offset + 30 + name_len + extra_len)
                raw = f.read(info.compress_size)
                if len(raw) != info.compress_size:
                    raise Unsupported("truncated zip member")
                self.members[info.filename] = Member(
                    info.filename, info.compress_type, info.CRC, info.compress_size, info.file_size,
                    info.date_time, info.external_attr, info.flag_bits & 0x806, raw=raw)

    # -- parts -------------------------------------------------------------------------------

    def name_of(self, part: str) -> str | None:
        """The zip member name of a part name ("/xl/workbook.xml"); OPC names ignore case."""
        key = part.lstrip("/").lower()
        for name in self.members:
            if name.lower() == key:
                return name
        return None

    def read(self, part: str) -> bytes:
        name = self.name_of(part)
        if name is None:
            raise Unsupported(f"missing part {part}")
        m = self.members[name]
        if m.raw is None:
            raise Unsupported(f"part {part} was replaced")
        if m.method == zipfile.ZIP_STORED:
            data = m.raw
        elif m.method == zipfile.ZIP_DEFLATED:
            data = zlib.decompress(m.raw, -15)
        else:
            raise Unsupported(f"compression method {m.method}")
        if zlib.crc32(data) != m.crc:
            raise Unsupported(f"part {part} fails its CRC check")
        return data

    def write(self, part: str, data: bytes, level: int = 6):
        """Replace (in place, keeping the member order) or add a part."""
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.put_compressed(part, [c.compress(data) + c.flush()], zlib.crc32(data), len(data))

    def put_compressed(self, part: str, chunks: list, crc: int, size: int):
        name = self.name_of(part) or part.lstrip("/")
        old = self.members.get(name)
        self.members[name] = Member(
            name, zipfile.ZIP_DEFLATED, crc, sum(len(c) for c in chunks), size,
            old.date_time if old else time.localtime()[:6], old.external_attr if old else 0o600 << 16,
            0, chunks=chunks)

    def remove(self, part: str):
        name = self.name_of(part)
        if name is not None:
            del self.members[name]

    def save(self, out_path):
        """Write the package as a zip file: local headers, data, central directory."""
        if len(self.members) >= 0xFFFF:
            raise Unsupported("too many zip members")
        central = []
        with open(out_path, "wb") as f:
            for m in self.members.values():
                try:
                    name = m.name.encode("ascii")
                    flags = m.flags & ~_UTF8_NAME
                except UnicodeEncodeError:
                    name = m.name.encode("utf-8")
                    flags = m.flags | _UTF8_NAME
                offset = f.tell()
                if offset >= _U32 or m.compress_size >= _U32 or m.file_size >= _U32:
                    raise Unsupported("package too large for a plain zip")
                dtime, ddate = _dos_time(m.date_time)
                f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, m.method, dtime, ddate,
                                    m.crc, m.compress_size, m.file_size, len(name), 0))
                f.write(name)
                if m.raw is not None:
                    f.write(m.raw)
                else:
                    for c in m.chunks:
                        f.write(c)
                central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags,
                                           m.method, dtime, ddate, m.crc, m.compress_size,
                                           m.file_size, len(name), 0, 0, 0, 0,
                                           m.external_attr & _U32, offset) + name)
            start = f.tell()
            for entry in central:
                f.write(entry)
            f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                                f.tell() - start, start, 0))


# -- relationships and content types --------------------------------------------------------

_ATTR = re.compile(r"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def attrs(tag: str) -> dict[str, str]:
    """The attributes of one start tag, unescaped (``name="&#34892;"`` -> 行)."""
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(tag)}


def local(attr_name: str) -> str:
    return attr_name.rsplit(":", 1)[-1]


def rels_part(part: str) -> str:
    """The relationships part of a part: /xl/workbook.xml -> /xl/_rels/workbook.xml.rels."""
    folder, name = posixpath.split("/" + part.lstrip("/"))
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source_part: str, target: str) -> str:
    """A relationship target as an absolute part name (targets are relative to the source)."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target)
    folder = posixpath.dirname("/" + source_part.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))


_REL = re.compile(r"<(?:[\w.-]+:)?Relationship\b[^>]*>")


def relationships(xml: str) -> list[dict]:
    """Each Relationship's Id, Type, Target (and TargetMode), in order."""
    return [{local(k): v for k, v in attrs(m.group(0)).items()} for m in _REL.finditer(xml)]


def insert_before_close(xml: str, element: str, text: str) -> str:
    """``text`` inserted before the closing tag of ``element`` (any prefix), or in a self-closing one."""
    m = None
    for m in re.finditer(rf"</((?:[\w.-]+:)?){element}\s*>", xml):
        pass
    if m is not None:
        return xml[:m.start()] + text + xml[m.start():]
    m = re.search(rf"<((?:[\w.-]+:)?){element}\b([^>]*?)/>", xml)
    if m is None:
        raise Unsupported(f"no <{element}> element")
    return (xml[:m.start()] + f"<{m.group(1)}{element}{m.group(2)}>" + text
            + f"</{m.group(1)}{element}>" + xml[m.end():])


def decode_xml(data: bytes, part: str) -> str:
    """Text of an XML part; only UTF-8 is handled (what Excel and every library write)."""
    head = data[:100]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unsupported(f"{part} is UTF-16")
    m = re.search(rb"""encoding\s*=\s*["']([\w.-]+)["']""", head)
    if m and m.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        raise Unsupported(f"{part} is {m.group(1).decode()}")
    return data.decode("utf-8-sig")
