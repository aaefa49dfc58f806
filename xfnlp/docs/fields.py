"""The clerk's form fields of each notice kind: names, how values are read, what is missing.

Field names are the Chinese labels of the paper forms. *Required* fields only the clerk
knows; *optional* ones are filled from the letter record (信访人, 信访事项, 信访请求, 承办单位,
摘要), the office profile (联系电话) or a default (成文日期 = today, 受理日期 = 成文日期 …) —
a clerk's value always wins. An optional field the letter cannot fill (an anonymous letter
has no 信访人) is reported as missing like a required one.

>>> fields_for("accept")["required"]
['收到日期']
>>> parse_assignments(["信访人=张三", "收到日期=2023-12-28"])
{'信访人': '张三', '收到日期': '2023-12-28'}
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from ..deadlines import parse_date
from ..errors import FieldsError, InputError
from .kinds import KINDS

_COMMON_OPTIONAL = ("信访人", "信访事项", "成文日期", "序号", "发文字号", "联系人", "联系电话")

# kind -> (required, kind-specific optional)
SPECS = {
    "accept": (("收到日期",), ("受理日期",)),
    "reject": (("收到日期", "不予受理理由"), ("有权处理机关", "受理机关", "救济途径", "补充说明")),
    "opinion": (("收到日期", "受理日期", "调查情况", "处理意见", "法律依据"),
                ("信访请求", "处理说明", "抄送")),
    "assign": (("收到日期",), ("承办单位", "交办日期", "事项类别", "摘要", "办理要求", "抄送")),
    "extend": (("收到日期", "受理日期", "延期理由"), ("延长天数",)),
}

DATE_FIELDS = frozenset({"收到日期", "受理日期", "成文日期", "交办日期"})
INT_FIELDS = frozenset({"序号", "延长天数"})
# Written as whole paragraphs: a missing final 。 is added so the notice reads as sentences.
PARAGRAPH_FIELDS = frozenset({"调查情况", "信访请求", "处理说明", "摘要", "办理要求", "救济途径",
                              "补充说明"})

# Choice fields: canonical value -> accepted spellings (substring match, first wins).
CHOICES = {
    "处理意见": {"不予支持": ("不予支持", "不支持"), "解释说明": ("解释",), "支持": ("支持",)},
    "事项类别": {"重大": ("重大",), "一般": ("一般",)},
    # grounds on which a petition is not accepted (《信访工作条例》 and its practice)
    "不予受理理由": {
        "法定途径": ("诉讼", "仲裁", "复议", "法定途径"),
        "复核终结": ("复核", "终结", "同一事实"),
        "已受理": ("已经受理", "已受理", "正在办理", "重复"),
        "职责外": ("职责", "职权", "不属于"),
    },
}

ALL_FIELDS = frozenset(f for req, opt in SPECS.values() for f in (*req, *opt, *_COMMON_OPTIONAL))


def fields_for(kind: str) -> dict:
    """``{"required": [...], "optional": [...]}`` for one notice kind.

    >>> fields_for("extend")["required"]
    ['收到日期', '受理日期', '延期理由']
    """
    _check_kind(kind)
    required, optional = SPECS[kind]
    return {"required": list(required), "optional": [*optional, *_COMMON_OPTIONAL]}


def _check_kind(kind: str) -> None:
    if kind not in SPECS:
        raise FieldsError(f"unknown notice kind {kind!r}; choose one of {', '.join(KINDS)}")


def parse_assignments(items) -> dict:
    """``--set KEY=VALUE`` options → dict (the last of repeated keys wins)."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise FieldsError(f"--set {item!r}: write 字段=值, e.g. --set 信访人=张三")
        out[key] = value.strip()
    return out


def load_fields_file(path) -> dict:
    """Fields from a TOML or JSON file (a flat table of 字段 = 值)."""
    from .records import read_utf8

    p = Path(path)
    raw = read_utf8(p, "fields file")
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    else:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            # TOML 1.0 bare keys are ASCII: the usual slip is 收到日期 = … without quotes
            hint = ("; quote Chinese keys: \"收到日期\" = \"2023-12-28\""
                    if re.search(r"(?m)^\s*[^\x00-\x7f]", raw) else "")
            raise InputError(f"{path}: not valid TOML ({exc}{hint})") from None
    if not isinstance(data, dict) or any(isinstance(v, (dict, list)) for v in data.values()):
        raise InputError(f"{path}: expected a flat table of 字段 = 值")
    return {str(k).strip(): v for k, v in data.items()}


def check_known(kind: str, fields: dict) -> None:
    """Names no notice knows are typos: say so instead of ignoring them.

    Fields of other kinds are accepted (one fields file may serve several notices).
    """
    unknown = [k for k in fields if k not in ALL_FIELDS]
    if unknown:
        raise FieldsError(f"unknown field(s): {', '.join(unknown)} "
                          f"(see: xfnlp reply {kind} --fields)")


def _choice(name: str, value: str) -> str:
    for canonical, spellings in CHOICES[name].items():
        if value == canonical or any(s in value for s in spellings):
            return canonical
    raise FieldsError(f"{name}: {value!r} is not one of {', '.join(CHOICES[name])}")


def normalize(name: str, value, *, max_extension: int = 30):
    """One field value as the templates need it: a date, an int, a choice or tidy text."""
    if isinstance(value, str):
        value = value.strip()
    if name in DATE_FIELDS:
        return parse_date(value, name)
    if name in INT_FIELDS:
        try:
            n = int(str(value).strip())
        except ValueError:
            raise FieldsError(f"{name}: {value!r} is not a whole number") from None
        if name == "延长天数" and not 1 <= n <= max_extension:
            raise FieldsError(f"延长天数: {n} — an extension is 1 to {max_extension} days")
        if name == "序号" and n < 1:
            raise FieldsError(f"序号: {n} must be 1 or more")
        return n
    text = str(value).strip()
    if name in CHOICES:
        return _choice(name, text)
    if name in PARAGRAPH_FIELDS:
        return text if text[-1:] in "。！？；…”）)" else text + "。"
    # inline fields stand inside a sentence of the template: no closing punctuation
    return text.rstrip("。，；,;：:")


def resolve(kind: str, clerk: dict, defaults: dict, *, max_extension: int = 30) -> dict:
    """Merge clerk's fields over letter/profile defaults, check completeness, normalize.

    Every missing field — required, letter-fillable but not in the letter, or required by
    another field's value — is named in ONE FieldsError line.
    """
    _check_kind(kind)
    check_known(kind, clerk)
    required, optional = SPECS[kind]
    wanted = (*required, *optional, *_COMMON_OPTIONAL)

    def present(v):
        return v is not None and not (isinstance(v, str) and not v.strip())

    merged = {k: defaults[k] for k in wanted if present(defaults.get(k))}
    merged.update({k: v for k, v in clerk.items() if k in wanted and present(v)})
    missing = [k for k in required if k not in merged]
    missing += [k for k in _letter_needed(kind) if k not in merged and k not in missing]
    missing += [k for k in _conditional(kind, merged) if k not in merged and k not in missing]
    if missing:
        raise FieldsError(f"missing field(s) for {kind}: {', '.join(missing)} "
                          f"(give them with --set 字段=值 or --fields-file)")
    return {k: normalize(k, v, max_extension=max_extension) for k, v in merged.items()}


def _letter_needed(kind: str) -> tuple:
    """Optional fields (filled from the letter) that the notice still cannot do without."""
    if kind == "assign":
        return ("信访事项", "承办单位", "摘要")
    if kind == "opinion":
        return ("信访人", "信访事项", "信访请求")
    return ("信访人", "信访事项")


def _conditional(kind: str, merged: dict) -> tuple:
    out = []
    if kind == "reject" and "不予受理理由" in merged:
        try:
            ground = _choice("不予受理理由", str(merged["不予受理理由"]).strip())
        except FieldsError:
            ground = None        # reported by normalize() once nothing is missing
        if ground == "职责外":
            out.append("有权处理机关")
    if kind == "opinion" and "处理意见" in merged:
        try:
            if _choice("处理意见", str(merged["处理意见"]).strip()) == "解释说明":
                out.append("处理说明")
        except FieldsError:
            pass
    return tuple(out)


def as_text(value) -> str:
    """How a normalized value reads in a notice (dates as 2023年12月28日)."""
    from .markup import format_cn_date

    return format_cn_date(value) if isinstance(value, date) else str(value)
