"""The report's text, written from one :class:`~xfnlp.report.aggregate.YearStats`.

The text is the light markup of :mod:`xfnlp.docs.markup`, so the same words become a GB/T 9704
.docx or Markdown. Every number is read from the aggregation; nothing is typed twice, so the
checker (:mod:`xfnlp.report.check`) finds nothing to object to in what this module writes.
"""

from __future__ import annotations

from ..pipeline import CATEGORY_ZH
from .aggregate import CATEGORIES, pct
from .wording import count_change, rate_change, with_previous

SOURCE_WORDS = {"省交办": "省信访局交办", "市交办": "市级交办", "县交办": "县级部门交办",
                "12336": "12336违法举报热线转办", "网络": "网络及12345热线", "本局": "本局直接受理"}
TAG_WORDS = {"征地补偿": "反映征地补偿问题", "宅基地": "涉及宅基地", "耕地保护": "涉及耕地保护",
             "涉及干部": "反映基层干部问题"}
PEOPLE_SECTIONS = (
    ("主要做法", "【待填写】概述本年度在信访责任落实、源头治理、初信初访、领导包案等方面的主要做法和成效。"),
    ("存在问题", "【待填写】如实写明工作中的困难和不足。"),
    ("下一步打算", "【待填写】写明下一年度的工作目标和具体措施。"),
)


def _md(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _local(s) -> str:
    m = s.local_method
    bits = []
    if m["来信"]:
        bits.append(f"来信{m['来信']}件")
    if m["来访"]:
        bits.append(f"来访{m['来访']}批{s.visit_people}人次")
    if m["来电"]:
        bits.append(f"来电{m['来电']}件")
    if m["网上"]:
        bits.append(f"网上{m['网上']}件")
    return f"（{'，'.join(bits)}）" if len(bits) > 1 else ""


def overall(s, p=None) -> list[str]:
    """一、总体情况."""
    lines = ["## 总体情况"]
    yoy = f"，比上年{count_change(s.total, p.total)}" if p else ""
    lines.append(f"{s.year}年，全年共受理各类信访{s.total}件（涉土{s.domain['涉土']}件，"
                 f"涉矿{s.domain['涉矿']}件，其它{s.domain['其它']}件）{yoy}。")
    cats = []
    for c in CATEGORIES:
        cats.append(f"{CATEGORY_ZH[c]}{s.category[c]}件"
                    + with_previous(s.category[c], p.category[c] if p else None))
    lines.append(f"按反映问题分，共{s.total}件，分为" + "，".join(cats) + "。")
    src = [f"{SOURCE_WORDS[k]}{v}件" + (_local(s) if k == "本局" else "")
           for k, v in s.source.items() if v]
    lines.append(f"按信访来源分，共{s.total}件，分为" + "，".join(src) + "。")
    if p:
        lines.append("与上年相比，" + "，".join(
            f"{SOURCE_WORDS[k]}{count_change(s.source[k], p.source[k])}" for k in s.source
            if s.source[k] or p.source[k]) + "。")
    close = (f"截至{_md(s.as_of)}，共受理{s.total}件，除正在调查办理中的{s.open}件外，其余{s.closed}件均已办结，"
             f"办结率{s.closed_rate}%")
    if p:
        close += f"（上年{p.closed_rate}%，{rate_change(s.closed_rate, p.closed_rate)}）"
    close += f"；已书面答复{s.replied}件，回复率{s.reply_rate}%"
    if p:
        close += f"（上年{p.reply_rate}%，{rate_change(s.reply_rate, p.reply_rate)}）"
    if s.rated:
        close += f"；回访评价{s.rated}件，其中满意{s.satisfied}件，满意率{s.satisfaction_rate}%"
    lines.append(close + "。")
    if s.overdue:
        lines.append(f"截至{_md(s.as_of)}，超过法定办理期限仍未办结的{len(s.overdue)}件，清单附后，请承办单位抓紧办理。")
    else:
        lines.append(f"截至{_md(s.as_of)}，没有超过法定办理期限仍未办结的信访事项。")
    return lines


def features(s, p=None) -> list[str]:
    """二、信访特点: townships, risks, hot topics."""
    lines = ["## 信访特点", "### 区域分布"]
    ranked = s.townships.most_common()
    if ranked:
        top = ranked[:5]
        lines.append("从乡镇分布看，信访量居前的依次为" +
                     "、".join(f"{t}（{n}件）" for t, n in top) + "。")
        per_month = []
        for month in sorted(s.monthly):
            first = s.monthly[month].most_common(3)
            per_month.append(f"{month}月" + "、".join(t for t, _ in first))
        lines.append("各月信访量排名居前的乡镇：" + "；".join(per_month) + "。")
        if s.key_townships:
            names = "、".join(t for t, _ in s.key_townships)
            lines.append(f"{names}连续3个月信访量排名后十位，按规定列为重点管理乡镇。")
        else:
            lines.append("没有连续3个月信访量排名后十位的乡镇。")
    else:
        lines.append("台帐未记载乡镇，无法按乡镇统计。")
    lines.append("### 重点信访")
    risk = []
    for f, word in (("集体访", "集体访"), ("越级访风险", "有越级上访倾向的"), ("重复访", "重复访")):
        risk.append(f"{word}{s.flags[f]}件" + with_previous(s.flags[f], p.flags[f] if p else None))
    lines.append("全年" + "，".join(risk) + "。")
    if s.flags["极端言论"]:
        lines.append(f"有{s.flags['极端言论']}件信访含有极端言论，已逐件落实稳控措施。")
    lines.append("### 热点问题")
    hot = sorted(((TAG_WORDS[t], n) for t, n in s.tags.items() if n), key=lambda x: -x[1])
    if hot:
        lines.append("群众反映较多的问题：" + "，".join(f"{w}{n}件" for w, n in hot) +
                     "（一件信访可涉及多个问题）。")
    else:
        lines.append("全年信访未集中反映某一类热点问题。")
    return lines


def _summary(case, limit: int = 90) -> str:
    from ..redact import redact_text

    text = redact_text(case.record["text"], names=True)
    text = " ".join(text.split())
    if len(text) > limit:
        cut = max(text.rfind(ch, 0, limit) for ch in "。！？；")
        text = text[:cut + 1] if cut > limit // 3 else text[:limit] + "……"
    return text


def examples(s, per_category: int = 2, categories: int = 3) -> list[str]:
    """三、典型案例: representative letters of the leading categories, redacted."""
    lines = ["## 典型案例"]
    leading = [c for c, n in sorted(s.category.items(), key=lambda x: -x[1]) if n][:categories]
    if not leading:
        return lines + ["本年度无可列举的案例。"]
    for cat in leading:
        pool = [c for c in s.cases if c.category == cat and c.record.get("text")]
        pool.sort(key=lambda c: (-c.record["confidence"], c.row.row))
        lines.append(f"### {CATEGORY_ZH[cat]}类")
        for k, c in enumerate(pool[:per_category], 1):
            where = c.township + "，" if c.township else ""
            state = "已办结" if c.row.status == "已办结" else "正在办理"
            lines.append(f"{k}. {where}{_md(c.row.date)}登记（{state}）：{_summary(c)}")
    return lines


def overdue_list(s) -> list[str]:
    if not s.overdue:
        return []
    lines = ["@noindent 附：超期未办结信访事项清单"]
    for k, c in enumerate(s.overdue, 1):
        days = (s.as_of - c.handle_by).days
        lines.append(f"@noindent {k}. 第{c.row.row}行 {c.row.id or ''} {_md(c.row.date)}登记，"
                     f"{c.township or '乡镇不详'}，{CATEGORY_ZH.get(c.category, '')}，承办单位"
                     f"{c.row.handler or '未填'}，办结期限{_md(c.handle_by)}，已超期{days}天。")
    return lines


def report_markup(s, p=None, office=None, issue_date=None) -> str:
    """The whole report as markup text (title, sections, signature)."""
    org = office.name if office else ""
    lines = [f"# {org}", f"# {s.year}年度信访工作总结"]
    lines += overall(s, p)
    lines += features(s, p)
    lines += examples(s)
    for title, prompt in PEOPLE_SECTIONS:
        lines += [f"## {title}", prompt]
    if org:
        lines.append(f"@sign {org}|{_md(issue_date or s.as_of)}")
    lines += overdue_list(s)
    return "\n".join(lines) + "\n"
