"""Letters from text files (any office encoding), .docx, .jsonl, .csv/.xlsx ledgers, folders, stdin.

Every reader yields :class:`~xfnlp.letter.Letter` objects in input order. A file or a row that
cannot be used yields a Letter whose ``error`` is one line naming it, so that a batch goes on
with the good ones.

>>> [l.text for l in iter_letters([], stdin=__import__("io").BytesIO("违法占地".encode("gbk")))]
['违法占地']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError
from ..letter import Letter
from .tables import read_table

TEXT_SUFFIXES = (".txt", ".text", ".md")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + (".docx", ".jsonl", ".csv", ".xlsx", ".xlsm")

# Headers offices use for the letter's text, most specific first.
TEXT_HEADERS = ("信访内容", "反映问题", "反映内容", "主要内容", "留言详情", "留言内容", "来信内容",
                "来访内容", "问题摘要", "内容摘要", "简要内容", "主要问题", "信访事项", "诉求内容",
                "事项内容", "投诉内容", "举报内容", "内容", "事由", "正文", "text", "content")
ID_HEADERS = ("信访编号", "编号", "件号", "登记号", "序号", "id")


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13, 12))
    return controls > max(2, len(sample) // 50)


def decode_text(data: bytes, name: str, binary_check: bool = True) -> str:
    """Decode a letter file saved as UTF-8 (with or without BOM), UTF-16 with BOM or GB18030/GBK.

    Raises InputError naming the file when the bytes are empty, binary or in no such encoding.

    >>> decode_text("举报".encode("utf-16"), "a.txt")
    '举报'
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: declares UTF-16 but is not valid UTF-16") from None
    if binary_check and _looks_binary(data):
        raise InputError(f"{name}: binary file, not a letter")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # GB18030 is a superset of GBK and GB2312: one decoder covers what offices save.
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{name}: not text in UTF-8, UTF-16 or GB18030/GBK") from None
    return text


def _docx_text(path: Path) -> str:
    import zipfile

    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path}: not a readable .docx ({type(exc).__name__})") from None
    except Exception as exc:  # python-docx/lxml raise several kinds on damaged parts
        raise InputError(f"{path}: not a readable .docx ({type(exc).__name__})") from None
    parts: list[str] = []
    # Walk the body in order so that paragraphs and tables interleave as the reader sees them.
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    if tc.find(qn("w:tcPr")) is not None:
                        vm = tc.find(qn("w:tcPr")).find(qn("w:vMerge"))
                        if vm is not None and vm.get(qn("w:val")) != "restart":
                            continue  # continuation of a vertically merged cell: said above
                    cell = "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                                     for p in tc.iter(qn("w:p")))
                    if cell.strip() and (not cells or cells[-1] != cell):
                        cells.append(cell)  # merged cells repeat their text: keep it once
                if cells:
                    parts.append("\t".join(cells))
    text = "\n".join(parts).strip()
    if not text:
        raise InputError(f"{path}: the .docx holds no text")
    return text


def _jsonl_lines(data: bytes, name: str) -> Iterator[tuple[int, str | None]]:
    """(line number, text or None when undecodable). Decoded line by line: junk in one line
    must not cost the good ones."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield from enumerate(decode_text(data, name).splitlines(), 1)
        return
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for n, raw in enumerate(data.split(b"\n"), 1):
        try:
            yield n, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield n, raw.decode("gb18030")
            except UnicodeDecodeError:
                yield n, None


def _jsonl_letters(data: bytes, name: str, text_field: str | None) -> Iterator[Letter]:
    key = text_field or "text"
    seen = False
    for n, line in _jsonl_lines(data, name):
        src = f"{name}:{n}"
        if line is None:
            seen = True
            yield Letter(text="", source=src, error=f"{src}: line is not JSON (undecodable bytes)")
            continue
        if not line.strip():
            continue
        seen = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Letter(text="", source=src, error=f"{src}: line is not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Letter(text="", source=src, error=f"{src}: line is not a JSON object")
            continue
        rid = obj.get("id")
        rid = "" if rid is None else str(rid)
        body = obj.get(key)
        if not isinstance(body, str) or not body.strip():
            yield Letter(text="", id=rid, source=src, error=f"{src}: no '{key}' text")
            continue
        meta = {k: v for k, v in obj.items() if k not in (key, "id")}
        yield Letter(text=body, id=rid, source=src, meta=meta)
    if not seen:
        raise InputError(f"{name}: empty file")


def _text_header_finder(text_column: str | None):
    def is_header(names: list[str]) -> bool:
        if text_column:
            return text_column in names
        return any(h in names for h in TEXT_HEADERS)
    return is_header


def _ledger_letters(path: Path, text_column: str | None) -> Iterator[Letter]:
    try:
        table = read_table(path, _text_header_finder(text_column))
    except InputError as exc:
        if "no header row" in str(exc):
            looked = text_column or "、".join(TEXT_HEADERS[:8]) + " …"
            raise InputError(f"{path}: no text column (looked for {looked}); "
                             "name it with --text-column") from None
        raise
    col = table.column(text_column) if text_column else next(
        table.column(h) for h in TEXT_HEADERS if table.column(h) is not None)
    id_col = next((table.column(h) for h in ID_HEADERS if table.column(h) is not None), None)
    for rowno, row in table.rows:
        src = f"{path}:{rowno}"
        meta = {h: v for h, v in zip(table.headers, row) if h}
        rid = row[id_col] if id_col is not None else None
        rid = "" if rid is None else str(rid)
        body = row[col] if col < len(row) else None
        if not isinstance(body, str) or not body.strip():
            yield Letter(text="", id=rid, source=src, meta=meta,
                         error=f"{src}: row {rowno} has no text in column '{table.headers[col]}'")
            continue
        yield Letter(text=body, id=rid, source=src, meta=meta)


def read_letter_file(path: str | Path, text_column: str | None = None) -> Iterator[Letter]:
    """Letters of one file, by its suffix. Raises InputError when the file as a whole is unusable."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder")
    suffix = p.suffix.lower()
    if suffix in (".csv", ".xlsx", ".xlsm"):
        yield from _ledger_letters(p, text_column)
        return
    if suffix == ".docx":
        yield Letter(text=_docx_text(p), id=p.stem, source=str(p))
        return
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if suffix == ".jsonl":
        yield from _jsonl_letters(data, str(p), text_column)
        return
    yield Letter(text=decode_text(data, str(p)), id=p.stem, source=str(p))


def _expand(inputs: Iterable[str]) -> Iterator[str]:
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file()
                           and f.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") or part.startswith("~$")
                                       for part in f.relative_to(p).parts))
            yield from (str(f) for f in files)
        else:
            yield item


def _stdin_letters(stream: BinaryIO, text_column: str | None) -> Iterator[Letter]:
    data = stream.read()
    text = decode_text(data, "<stdin>")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    # A stream of JSON objects (e.g. piped from another xfnlp command) is JSONL; anything else
    # is one letter.
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        yield from _jsonl_letters(data, "<stdin>", text_column)
    else:
        yield Letter(text=text, id="stdin", source="<stdin>")


def iter_letters(inputs: Iterable[str], text_column: str | None = None,
                 stdin: BinaryIO | None = None) -> Iterator[Letter]:
    """Every letter of every input, in order; ``-`` or no input at all reads stdin.

    A file that cannot be read yields one Letter with ``error`` set and ``source`` = the file.
    """
    inputs = list(inputs)
    if not inputs:
        inputs = ["-"]
    for item in _expand(inputs):
        try:
            if item == "-":
                yield from _stdin_letters(stdin or sys.stdin.buffer, text_column)
            else:
                yield from read_letter_file(item, text_column)
        except InputError as exc:
            yield Letter(text="", source=item, error=str(exc))
