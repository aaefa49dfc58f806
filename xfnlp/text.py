"""Normalization: pure ``str -> str`` steps, applied in this order by :func:`normalize`.

1. :func:`unify_whitespace` — CRLF/CR to LF, tabs, no-break and ideographic spaces to a space,
   zero-width characters and the BOM removed, runs of spaces folded, trailing spaces cut.
2. :func:`fullwidth_to_halfwidth` — full-width letters, digits and number symbols (１２．５％)
   become ASCII. Chinese punctuation (，。：；！？（）“”) is left alone: it is part of the text.
3. :func:`to_simplified` — traditional characters to simplified with OpenCC (t2s). Text that is
   already simplified is recognized cheaply and never sent through the converter.
4. :func:`strip_boilerplate` — whole lines of web clutter copied with a message ("…[详细]" link lists,
   "上一篇/下一篇", "分享到"). Only whole lines that are nothing but clutter are removed.

Nothing else is dropped: every character of content survives, possibly in another width or form.

>>> normalize("舉報１２畝地被佔，電話：１３９０５１７１２３４")
'举报12亩地被占，电话：13905171234'
"""

from __future__ import annotations

import re
import threading

from .regex_cache import rx

# Full-width forms that are not Chinese punctuation. ！（），：；？ and the quotes stay full width.
_KEEP_FULLWIDTH = set("！（），：；？＂＇")
_FW_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\t\u00a0\u3000\u2002\u2003\u2009\u202f\u205f\x0b\x0c"), " ")
_MULTI_SPACE = rx(r" {2,}")
_TRAILING_SPACE = rx(r" +\n")
# One C-speed scan tells whether a letter needs any of the work below: most letters need none,
# and str.translate with a dict costs ~0.1 µs per character of Chinese text even when it
# changes nothing.
_WS_WORK = rx("[\r" + "".join(map(chr, _ZERO_WIDTH)) + "".join(map(chr, _SPACES))
                      + "]| [ \n]| $")
_FW_ANY = rx("[" + "".join(re.escape(chr(cp)) for cp in _FW_TABLE) + "]")

_BOILERPLATE_LINE = rx(
    r"^.{0,200}?(?:…|\.\.\.)?\s*\[(?:详细|更多|全文|查看)\]\s*$"
    r"|^\s*(?:上一篇|下一篇|分享到|责任编辑|打印本页|关闭窗口|返回顶部)[:：]?.{0,60}$",
    re.M,
)

_converter = None
_converter_lock = threading.Lock()


def unify_whitespace(text: str) -> str:
    """Line ends to ``\\n``, exotic spaces to one space, invisible characters removed.

    >>> unify_whitespace("违法\\u200b占地\\u3000\\u3000车桥镇\\r\\n")
    '违法占地 车桥镇\\n'
    """
    if _WS_WORK.search(text) is None:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_ZERO_WIDTH).translate(_SPACES)
    text = _MULTI_SPACE.sub(" ", text)
    return _TRAILING_SPACE.sub("\n", text).rstrip(" ")


def fullwidth_to_halfwidth(text: str) -> str:
    """Full-width letters, digits and number symbols to ASCII; Chinese punctuation stays.

    >>> fullwidth_to_halfwidth("２．５亩，ＡＢＣ")
    '2.5亩，ABC'
    """
    return text.translate(_FW_TABLE) if _FW_ANY.search(text) else text


def _needs_t2s(text: str) -> bool:
    # GB2312 holds only simplified forms: text it can encode has no traditional character,
    # so the common case skips the converter without any hand-made character table.
    try:
        text.encode("gb2312")
        return False
    except UnicodeEncodeError:
        return True


def to_simplified(text: str) -> str:
    """Traditional to simplified Chinese with OpenCC's ``t2s`` dictionaries.

    >>> to_simplified("國土資源局")
    '国土资源局'
    """
    if not _needs_t2s(text):
        return text
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def strip_boilerplate(text: str) -> str:
    """Remove whole lines of web clutter ("领导讲话记录整理五步法 …[详细]").

    >>> strip_boilerplate("正文一段\\n相关文章标题 …[详细]\\n")
    '正文一段\\n'
    """
    if "[" not in text and "篇" not in text and "分享" not in text and "编辑" not in text \
            and "打印" not in text and "关闭" not in text and "返回" not in text:
        return text
    lines = text.split("\n")
    kept = [ln for ln in lines if not _BOILERPLATE_LINE.match(ln)]
    return text if len(kept) == len(lines) else "\n".join(kept)


def normalize(text: str) -> str:
    """All normalization steps in order (see the module docstring).

    >>> normalize("ＸＸ县　车桥镇　舉報")
    'XX县 车桥镇 举报'
    """
    text = unify_whitespace(text)
    text = fullwidth_to_halfwidth(text)
    text = to_simplified(text)
    text = strip_boilerplate(text)
    return text.strip("\n ")
