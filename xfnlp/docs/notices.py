"""The five petition notices: tagged letter + clerk's fields + office profile → document.

=========  ==========================  ===================================================
kind       document                    what it says
=========  ==========================  ===================================================
accept     信访事项受理告知书          accepted; handled within 60 days; how to ask progress
reject     信访事项不予受理告知书      not accepted on a statutory ground; the right channel
opinion    信访事项处理意见书          request, facts, 支持/解释说明/不予支持, basis, 复查 rights
assign     信访事项交办单              to a township/section; local 5/20-day limit; redacted letter
extend     信访事项延期办理告知书      extended once (≤ 30 days): reason and new date
=========  ==========================  ===================================================

The wording is in the templates (``xfnlp/data/templates``); this module only computes the
values they use: dates in 2023年12月28日 form, deadlines from ``xfnlp.deadlines``, the
office's names from the profile.

>>> n = draft_notice("accept", {"text": "反映违法占地。", "category": "illegal_land_use",
...                  "petitioners": [{"start": 0, "end": 2, "text": "张三"}]},
...                  {"收到日期": "2023-12-28", "受理日期": "2024-01-02", "成文日期": "2024-01-02"})
>>> "2024年3月2日" in n.to_markdown()
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..deadlines import add_days
from ..errors import FieldsError, InputError
from . import fields as F
from .kinds import KIND_NAMES, KINDS
from .markup import blocks_to_document, blocks_to_markdown, format_cn_date, parse_markup
from .records import letter_defaults, load_record

__all__ = ["Notice", "build_context", "draft_notice", "reply"]


@dataclass
class Notice:
    """A drafted notice: its markup text, the values used and any warnings for the clerk."""

    kind: str
    markup: str
    context: dict
    warnings: list = field(default_factory=list)
    output: Path | None = None

    def blocks(self):
        return parse_markup(self.markup, source=f"{self.kind}.txt")

    def to_markdown(self) -> str:
        return blocks_to_markdown(self.blocks())

    def to_document(self):
        return blocks_to_document(self.blocks())

    def save(self, path) -> Path:
        self.output = self.to_document().save(path)
        return self.output


def _doc_number(profile, values: dict, year: int, kind: str) -> str | None:
    if values.get("发文字号"):
        return values["发文字号"]
    if values.get("序号"):
        prefix = profile.office.doc_prefixes.get(kind, profile.office.doc_prefix)
        return f"{prefix}〔{year}〕{values['序号']}号"
    return None


def build_context(kind: str, values: dict, letter: dict, profile, *,
                  working_days: bool | None = None, today: date | None = None):
    """Template variables for one notice, and the warnings the clerk should read."""
    office, limits = profile.office, profile.limits
    wd = limits.working_days if working_days is None else working_days
    signed = values.get("成文日期") or today or date.today()
    warnings: list[str] = []

    def due(start: date, days: int) -> date:
        return add_days(start, days, working_days=wd)

    received = values["收到日期"]
    for name in ("成文日期", "受理日期", "交办日期"):
        later = signed if name == "成文日期" else values.get(name)
        if later is not None and later < received:
            raise FieldsError(f"{name} {later.isoformat()} is before 收到日期 {received.isoformat()}")
    ctx = {name: None for name in F.ALL_FIELDS}
    ctx.update({k: F.as_text(v) for k, v in values.items()})
    ctx.update({
        "文种": KIND_NAMES[kind], "成文日期": format_cn_date(signed),
        "发文字号": _doc_number(profile, values, signed.year, kind),
        "机关": office.name, "机关简称": office.short_name, "上级机关": office.higher_authority,
        "复核机关": office.review_authority, "机关地址": office.address or None,
        "机关电话": office.phone or None, "邮编": office.postcode or None,
        "信访室": office.letters_office or "信访室",
        "联系电话": values.get("联系电话") or office.phone or None,
        "联系人": values.get("联系人") or office.contact or None,
        "计日单位": "个工作日" if wd else "日",
        "告知天数": limits.accept_notice_days, "办理天数": limits.handle_days,
        "延长上限": limits.extension_days, "复查请求天数": limits.review_request_days,
        "复查答复天数": limits.review_answer_days, "一般事项天数": limits.local_reply_days,
        "重大事项天数": limits.local_major_days,
        "编号": letter.get("编号") or None, "风险提示": letter.get("风险提示") or [],
        "涉及干部": bool(letter.get("涉及干部")),
    })
    ctx["告知期限"] = None
    if kind in ("accept", "reject"):      # only these are bound by the 15-day notice rule
        notice_by = due(received, limits.accept_notice_days)
        ctx["告知期限"] = format_cn_date(notice_by)
        if signed > notice_by:
            unit = "working-day" if wd else "day"
            warnings.append(f"the notice is dated {signed.isoformat()}, after the "
                            f"{limits.accept_notice_days}-{unit} limit from receipt "
                            f"({notice_by.isoformat()})")
    if kind == "accept":
        accepted = values.get("受理日期") or signed
        ctx["受理日期"] = format_cn_date(accepted)
        ctx["办结期限"] = format_cn_date(due(accepted, limits.handle_days))
    if kind == "extend":
        original = due(values["受理日期"], limits.handle_days)
        days = values.get("延长天数") or limits.extension_days
        ctx.update({"原办结期限": format_cn_date(original), "延长天数": days,
                    "新办结期限": format_cn_date(due(original, days))})
        if signed > original:
            warnings.append(f"the extension notice is dated {signed.isoformat()}, after the original "
                            f"deadline {original.isoformat()}: extensions must be notified in time")
    if kind == "assign":
        assigned = values.get("交办日期") or signed
        major = values.get("事项类别") == "重大"
        days = limits.local_major_days if major else limits.local_reply_days
        ctx.update({"交办日期": format_cn_date(assigned), "事项类别": "重大" if major else "一般",
                    "办理天数": days, "办理期限": format_cn_date(due(assigned, days)),
                    "信访人": values.get("信访人") or "未署名"})
        if ctx["涉及干部"]:
            warnings.append("the letter accuses an official (涉及干部): make sure the accused "
                            "does not receive it through 承办单位 " + values["承办单位"])
    if letter.get("需复核分类"):
        warnings.append("the letter's category is marked needs_review: check 信访事项")
    return ctx, warnings


def draft_notice(kind: str, record: dict | None, clerk_fields: dict | None = None, *,
                 profile=None, templates_dir=None, working_days: bool | None = None,
                 today: date | None = None) -> Notice:
    """Draft one notice from a tagged record (or None) and the clerk's fields.

    Raises ``FieldsError`` naming every missing field, ``TemplateError`` for a broken template.
    """
    from ..profile import load_profile

    if kind not in KINDS:
        raise InputError(f"unknown notice kind {kind!r}; choose one of {', '.join(KINDS)}")
    profile = profile or load_profile()
    clerk_fields = dict(clerk_fields or {})
    letter = letter_defaults(record, profile)
    defaults = {k: v for k, v in letter.items() if k in F.ALL_FIELDS}
    values = F.resolve(kind, clerk_fields, defaults, max_extension=profile.limits.extension_days)
    if today is not None and "成文日期" not in values:
        values["成文日期"] = today
    if "信访事项" in clerk_fields:
        letter = {**letter, "需复核分类": False}   # the clerk wrote it: nothing to check
    ctx, warnings = build_context(kind, values, letter, profile, working_days=working_days,
                                  today=today)
    from .templates import render

    markup = render(kind, ctx, templates_dir)
    return Notice(kind, markup, ctx, warnings)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def reply(kind: str, input_path=None, *, output=None, fmt: str = "docx", fields: dict | None = None,
          fields_file=None, profile_path=None, templates_dir=None, record_id=None,
          working_days: bool | None = None, today: date | None = None) -> Notice:
    """What ``xfnlp reply`` does: load everything, draft, write ``output`` (docx) or fill
    ``Notice.to_markdown()`` (md). Nothing is written when anything is missing or wrong."""
    from ..profile import load_profile

    if fmt not in ("docx", "md"):
        raise InputError(f"unknown format {fmt!r}; use docx or md")
    if fmt == "docx" and not output:
        raise InputError("a .docx needs an output file: -o FILE.docx (or --format md)")
    out = Path(output) if output else None
    if out is not None:
        if input_path is not None and (_same_file(out, Path(input_path))
                                       or out.resolve() == Path(input_path).resolve()):
            raise InputError(f"{output}: refusing to overwrite the input file")
        if not out.parent.is_dir():
            raise InputError(f"{output}: folder {out.parent} does not exist")
    clerk = {}
    if fields_file:
        clerk.update(F.load_fields_file(fields_file))
    clerk.update(fields or {})
    record = load_record(input_path, record_id) if input_path is not None else None
    profile = load_profile(str(profile_path) if profile_path else None)
    notice = draft_notice(kind, record, clerk, profile=profile, templates_dir=templates_dir,
                          working_days=working_days, today=today)
    if out is not None:
        if fmt == "docx":
            notice.save(out)
        else:
            from .output import atomic_write
            notice.output = atomic_write(out, notice.to_markdown().encode("utf-8"))
    return notice
