"""The light markup notice templates are written in, and its two renderings (docx, Markdown).

One line = one element; blank lines are ignored (GB/T 9704 separates paragraphs by indent,
not by empty lines — use ``@blank`` for an intended empty line):

==============================  ===========================================================
``# 标题``                      title, 2号方正小标宋简体, centred (repeat for a second line)
``## 基本情况``                 level-1 heading, 黑体, numbered 一、二、… (kept if already numbered)
``### 调查经过``                level-2 heading, 楷体_GB2312, numbered （一）（二）… under each ``##``
``@number 淮安自然资规信〔2023〕5号``  发文字号, centred under the title
``@to 张三：``                  主送 / addressee, flush left
``@sign 机关|2023年12月28日``   发文机关署名 and 成文日期
``@banji 抄送|印发机关|印发日期``  版记 (抄送 may be empty)
``@right 文字`` / ``@center 文字`` / ``@noindent 文字``   a body line aligned that way
``@blank``                      one empty line
``\\任意文字``                  a body paragraph that starts with ``#``, ``@`` or ``\\``
any other line                  a body paragraph, first line indented two characters
==============================  ===========================================================

Values a template inserts (``{{ 信访人 }}``) arrive wrapped in two private-use characters
(``OPEN`` … ``CLOSE``): they never turn into markup, a ``|`` inside them does not split a
directive, and a newline inside a paragraph-type value starts a new paragraph.

>>> blocks = parse_markup("# 受理告知书\\n## 基本情况\\n您反映的问题收悉。")
>>> [(b.kind, b.text) for b in blocks]
[('title', '受理告知书'), ('heading1', '一、基本情况'), ('para', '您反映的问题收悉。')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import TemplateError

OPEN, CLOSE = "\ue000", "\ue001"     # private-use marks around inserted values

# XML 1.0 forbids C0 controls except \t \n \r, lone surrogates and U+FFFE/U+FFFF; our own
# markers must never reach a document either.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\ue000\ue001]")
_CN_DIGITS = "零一二三四五六七八九"
_NUMBERED1 = re.compile(r"^[一二三四五六七八九十百]+、")
_NUMBERED2 = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")
_DIRECTIVES = {"number": 1, "to": 1, "sign": 2, "banji": 3, "right": 1, "center": 1,
               "noindent": 1, "blank": 0}


def clean_text(text: str) -> str:
    """Drop characters an XML document cannot hold (``\\x00``–``\\x1f`` except tab/newline/CR).

    >>> clean_text("A&B<C>\\x07D\\x0c")
    'A&B<C>D'
    """
    return _ILLEGAL.sub("", text)


def format_cn_date(d: date) -> str:
    """成文日期 in Arabic numerals, no leading zeros (GB/T 9704-2012 7.3.5).

    >>> from datetime import date
    >>> format_cn_date(date(2024, 1, 5))
    '2024年1月5日'
    """
    return f"{d.year}年{d.month}月{d.day}日"


def cn_number(n: int) -> str:
    """一 … 九十九 for heading numbers.

    >>> cn_number(12), cn_number(20)
    ('十二', '二十')
    """
    if not 0 < n < 100:
        raise ValueError("heading numbers run from 1 to 99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Block:
    """One element of a notice: ``kind`` is title, number, to, heading1, heading2, para,
    right, center, noindent, blank, sign (``parts`` = org, date) or banji (cc, issuer, date)."""

    kind: str
    text: str = ""
    parts: tuple = ()


def _split_outside(text: str, sep: str) -> list[str]:
    """Split on ``sep`` except inside OPEN…CLOSE (inserted values)."""
    out, buf, depth = [], [], 0
    for ch in text:
        if ch == OPEN:
            depth += 1
        elif ch == CLOSE:
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return out


def _inline(text: str) -> str:
    """A one-line element: newlines from inserted values are dropped (CJK needs no space)."""
    return clean_text(text.replace("\r", "").replace("\n", "")).strip()


def parse_markup(text: str, *, source: str = "template") -> list[Block]:
    """Turn rendered template text into blocks; an unknown ``@directive`` is a TemplateError."""
    blocks: list[Block] = []
    n1 = n2 = 0
    for lineno, raw in enumerate(_split_outside(text.replace("\r\n", "\n"), "\n"), 1):
        line = raw.strip(" \t\r\u3000")
        if not line.replace(OPEN, "").replace(CLOSE, "").strip():
            continue
        if line.startswith(OPEN):               # starts with an inserted value: plain text
            kind, body = "para", line
        elif line.startswith("\\"):
            kind, body = "para", line[1:]
        elif line.startswith("### "):
            kind, body = "heading2", line[4:]
        elif line.startswith("## "):
            kind, body = "heading1", line[3:]
        elif line.startswith("# "):
            kind, body = "title", line[2:]
        elif line.startswith("@"):
            name, _, body = line[1:].partition(" ")
            if name not in _DIRECTIVES:
                raise TemplateError(f"{source}: line {lineno}: unknown directive @{name} "
                                    f"(known: {', '.join('@' + d for d in _DIRECTIVES)})")
            kind = name
        else:
            kind, body = "para", line
        if kind == "para":
            # a multi-line value inside a paragraph: each of its lines is a paragraph
            for piece in _split_pieces(body):
                blocks.append(Block("para", piece))
        elif kind in ("sign", "banji"):
            parts = [_inline(p) for p in _split_outside(body, "|")]
            want = _DIRECTIVES[kind]
            if len(parts) != want:
                raise TemplateError(f"{source}: line {lineno}: @{kind} needs {want} parts "
                                    f"separated by '|', got {len(parts)}")
            blocks.append(Block(kind, "", tuple(parts)))
        elif kind == "blank":
            blocks.append(Block("blank"))
        else:
            body = _inline(body)
            if kind == "heading1":
                n1, n2 = n1 + 1, 0
                if not _NUMBERED1.match(body):
                    body = f"{cn_number(n1)}、{body}"
            elif kind == "heading2":
                n2 += 1
                if not _NUMBERED2.match(body):
                    body = f"（{cn_number(n2)}）{body}"
            if body:
                blocks.append(Block(kind, body))
    return blocks


def _split_pieces(body: str) -> list[str]:
    pieces = [clean_text(p).strip(" \t\r\u3000") for p in body.split("\n")]
    return [p for p in pieces if p]


def blocks_to_document(blocks, doc=None):
    """Lay the blocks out on an ``OfficialDocument`` (a new one unless ``doc`` is given)."""
    from .layout import OfficialDocument   # python-docx only when a .docx is wanted

    doc = doc or OfficialDocument()
    for b in blocks:
        if b.kind == "title":
            doc.title(b.text)
        elif b.kind == "number":
            doc.doc_number(b.text)
        elif b.kind == "to":
            doc.addressee(b.text)
        elif b.kind in ("heading1", "heading2"):
            doc.heading(1 if b.kind == "heading1" else 2, b.text)
        elif b.kind == "para":
            doc.paragraph(b.text)
        elif b.kind == "noindent":
            doc.paragraph(b.text, indent=False)
        elif b.kind in ("right", "center"):
            doc.paragraph(b.text, indent=False, align=b.kind)
        elif b.kind == "blank":
            doc.blank()
        elif b.kind == "sign":
            doc.signature(*b.parts)
        elif b.kind == "banji":
            doc.banji(b.parts[0] or None, b.parts[1], b.parts[2])
    return doc


def markup_to_document(text: str, *, source: str = "template"):
    """Template markup → ``OfficialDocument`` (call ``.save(path)`` on it).

    >>> d = markup_to_document("# 延期办理告知书\\n@to 张三：\\n因情况复杂，需延期办理。")
    >>> [p.text for p in d.docx.paragraphs][-1]
    '因情况复杂，需延期办理。'
    """
    return blocks_to_document(parse_markup(text, source=source))


_MD_LEADING = re.compile(r"^([#>+\-*=|`]|\d+[.)]\s)")


def _md_escape(text: str) -> str:
    # Only what would change the block type in Markdown; the words stay as they are.
    return "\\" + text if _MD_LEADING.match(text) else text


def blocks_to_markdown(blocks) -> str:
    out: list[str] = []
    for b in blocks:
        if b.kind == "title":
            out.append(f"# {b.text}")
        elif b.kind == "heading1":
            out.append(f"## {b.text}")
        elif b.kind == "heading2":
            out.append(f"### {b.text}")
        elif b.kind == "sign":
            out.append(f"{b.parts[0]}  \n{b.parts[1]}")
        elif b.kind == "banji":
            cc, issuer, when = b.parts
            lines = [f"{cc if cc.startswith('抄送') else '抄送：' + cc}  " if cc else None,
                     f"{issuer}　{when}印发"]
            out.append("---\n\n" + "\n".join(x for x in lines if x) + "\n\n---")
        elif b.kind == "blank":
            continue
        else:
            out.append(_md_escape(b.text))
    return "\n\n".join(out) + "\n"


def markup_to_markdown(text: str, *, source: str = "template") -> str:
    """Template markup → Markdown with the same words as the .docx.

    >>> print(markup_to_markdown("# 受理告知书\\n@to 张三：\\n## 办理期限"), end="")
    # 受理告知书
    <BLANKLINE>
    张三：
    <BLANKLINE>
    ## 一、办理期限
    """
    return blocks_to_markdown(parse_markup(text, source=source))
