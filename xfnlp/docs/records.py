"""The letter side of a notice: load a tagged record, redact it, read defaults off it.

A record is the dict ``xfnlp tag`` writes as one JSONL line (id, text, category_zh,
townships, villages, petitioners, phones, id_numbers …, span lists of
``{"start", "end", "text", "value"?}``). A letter file that is not JSON is tagged on the fly
by ``xfnlp.pipeline.analyze_record``.

>>> r = {"text": "我叫张三，电话13812345678。", "phones": [{"start": 7, "end": 18, "text": "13812345678"}]}
>>> redacted_text(r)
'我叫张三，电话[电话]。'
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError

# The masks xfnlp.redact writes, so a notice reads the same whoever masked the number.
PHONE_MASK, ID_MASK = "[电话]", "[身份证号]"
# Safety net after span masking: numbers a tagger may have missed must not reach a township.
_SAFETY = (
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])"), ID_MASK),    # 居民身份证号
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), PHONE_MASK),                     # mobile
    (re.compile(r"(?<!\d)0\d{2,3}-\d{7,8}(?!\d)"), PHONE_MASK),                # landline
)
_CATEGORY_PHRASES = {      # category -> how a notice names the matter (…问题)
    "illegal_land_use": "违法占地", "违法占地": "违法占地",
    "land_transfer": "非法转让土地", "非法转让土地": "非法转让土地",
    "certificate": "不动产登记办证", "办证": "不动产登记办证",
    "mining": "涉矿", "涉矿": "涉矿",
    "dispute": "土地纠纷", "纠纷调处": "土地纠纷",
}
_REQUEST_WORDS = re.compile(r"要求|请求|恳请|希望|请.{0,4}(?:查处|处理|解决|核实|依法)")
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]?")


def load_record(path, record_id: str | None = None) -> dict:
    """A tagged record from .json / .jsonl (``record_id`` picks one of several), or a letter
    file (.txt, .docx, anything else read as text) tagged on the fly."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".json", ".jsonl"):
        records = _read_json_records(p)
        return _pick(records, record_id, p)
    text = _read_letter_text(p)
    try:
        from ..pipeline import analyze_record
    except ImportError as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name not in ("xfnlp.pipeline", None):
            raise
        raise InputError(f"{path}: tagging a letter on the fly needs xfnlp.pipeline.analyze_record,"
                         f" which this install lacks; pass a record from `xfnlp tag` (.jsonl)") from None
    record = analyze_record(text)
    return check_record(record, str(path))


def check_record(record, where: str = "record") -> dict:
    if isinstance(record, dict) and record.get("error"):
        raise InputError(f"{where}: the letter could not be analysed ({record['error']})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(f"{where}: not a tagged letter record (a JSON object with a \"text\")")
    return record


def read_utf8(p: Path, what: str) -> str:
    """The text of a UTF-8 file (BOM allowed); one-line InputError naming ``what`` otherwise."""
    try:
        return p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{p}: cannot read {what} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: {what} is not UTF-8") from None


def _read_json_records(p: Path) -> list:
    raw = read_utf8(p, "JSON")
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(raw)
            return data if isinstance(data, list) else [data]
        return [json.loads(line) for line in raw.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: not valid JSON ({exc.msg}, line {exc.lineno})") from None


def _pick(records: list, record_id, p: Path) -> dict:
    if record_id is not None:
        hits = [r for r in records if isinstance(r, dict) and str(r.get("id")) == str(record_id)]
        if not hits:
            raise InputError(f"{p}: no record with id {record_id!r}")
        return check_record(hits[0], f"{p} id {record_id}")
    if len(records) != 1:
        raise InputError(f"{p}: holds {len(records)} records; choose one with --id")
    return check_record(records[0], str(p))


def _read_letter_text(p: Path) -> str:
    if p.suffix.lower() == ".docx":
        import docx  # only for letters that arrive as Word files

        try:
            return "\n".join(par.text for par in docx.Document(str(p)).paragraphs)
        except Exception as exc:  # python-docx raises several types for a bad file
            raise InputError(f"{p}: not a readable .docx ({type(exc).__name__})") from None
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    for enc in ("utf-8-sig", "gb18030"):     # scanned-office letters are often GBK
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{p}: neither UTF-8 nor GB18030 text")


def _spans(record: dict, key: str) -> list:
    out = []
    for s in record.get(key) or []:
        if isinstance(s, dict) and isinstance(s.get("text"), str):
            out.append(s)
        elif isinstance(s, str):
            out.append({"text": s})
    return out


def redacted_text(record: dict) -> str:
    """The letter text with phone numbers → [电话] and ID numbers → [身份证号] (names kept).

    Spans are masked by start/end where they match the text, and every other occurrence of
    the same number too (offsets of an edited record may be stale); then
    ``xfnlp.redact.redact_text(text, names=False)`` runs if present, then a regex safety net
    for mobile, landline and ID numbers — a number that reaches a township cannot be recalled.
    """
    text = record["text"]
    cuts, numbers = [], {}
    for key, mask in (("phones", PHONE_MASK), ("id_numbers", ID_MASK)):
        for s in _spans(record, key):
            start, end = s.get("start"), s.get("end")
            if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                    and text[start:end] == s["text"]):
                cuts.append((start, end, mask))
            if s["text"].strip():
                numbers[s["text"]] = mask
    out, last = [], 0
    for start, end, mask in sorted(cuts):
        if start >= last:                  # overlapping spans: the first one masks
            out += [text[last:start], mask]
            last = end
    out = "".join(out) + text[last:]
    for number in sorted(numbers, key=len, reverse=True):   # stale offsets, repeats
        out = out.replace(number, numbers[number])
    out = _external_redact(out)
    for rx, mask in _SAFETY:
        out = rx.sub(mask, out)
    return out


def _external_redact(text: str) -> str:
    try:
        from ..redact import redact_text
    except ImportError:          # not written yet, or not installed: our masking stands
        return text
    result = redact_text(text, names=False)
    if isinstance(result, tuple):
        result = result[0]
    result = getattr(result, "text", result)
    return result if isinstance(result, str) else text


def summarize(text: str, limit: int = 600) -> str:
    """The letter as a 交办单 quotes it: whole up to ``limit`` characters, else cut after the
    first sentence end past half the limit, with ……"""
    text = re.sub(r"\s*\n\s*", "\n", text.strip())
    if len(text) <= limit:
        return text
    cut = max((m.end() for m in re.finditer(r"[。！？!?]", text[:limit]) if m.end() >= limit // 2),
              default=limit)
    return text[:cut].rstrip() + "……"


def _labels(items) -> list[str]:
    out = []
    for it in items or []:
        label = it if isinstance(it, str) else next(
            (it.get(k) for k in ("label", "name", "tag", "flag") if isinstance(it, dict) and it.get(k)),
            None)
        if label and label not in out:
            out.append(str(label))
    return out


def _first(record, key):
    for s in _spans(record, key):
        v = s.get("value")
        return s["text"], (v if isinstance(v, str) else None)
    return None, None


def letter_defaults(record: dict | None, profile) -> dict:
    """Field defaults a tagged letter provides, plus facts the notices mention.

    >>> from xfnlp.profile import load_profile
    >>> r = {"id": "7", "text": "车桥镇城南村王某未批先建。", "category": "illegal_land_use",
    ...      "townships": [{"start": 0, "end": 3, "text": "车桥镇"}],
    ...      "villages": [{"start": 3, "end": 6, "text": "城南村"}],
    ...      "petitioners": [{"start": 0, "end": 2, "text": "张三"}]}
    >>> d = letter_defaults(r, load_profile())
    >>> d["信访事项"], d["承办单位"], d["信访人"]
    ('车桥镇城南村违法占地问题', '车桥镇人民政府', '张三')
    """
    if record is None:
        return {"编号": "", "风险提示": [], "涉及干部": False, "需复核分类": False}
    text = redacted_text(record)
    d: dict = {"编号": str(record.get("id") or "")}
    names = []
    for s in _spans(record, "petitioners"):
        if s["text"] not in names:
            names.append(s["text"])
    if names:
        d["信访人"] = names[0] if len(names) == 1 else (
            "、".join(names) if len(names) <= 3 else f"{names[0]}等{len(names)}人")
    town_text, town_value = _first(record, "townships")
    town = (profile.canonical_township(town_text) if town_text else None) or town_value or town_text
    village, village_town = _first(record, "villages")
    if not town and village:
        town = village_town or profile.township_of(village)
    place = (town or "") + (village or "")
    phrase = _CATEGORY_PHRASES.get(record.get("category") or "") or \
        _CATEGORY_PHRASES.get(record.get("category_zh") or "")
    if phrase:
        d["信访事项"] = f"{place}{phrase}问题"
    elif place:
        d["信访事项"] = f"{place}有关问题"
    if town:
        d["承办单位"] = (f"{town}人民政府" if town.endswith(("镇", "乡")) else
                      f"{town}办事处" if town.endswith("街道") else town)
    requests = [m.group().strip() for m in _SENTENCE.finditer(text)
                if m.group().strip() and _REQUEST_WORDS.search(m.group())]
    if requests:
        d["信访请求"] = "".join(requests[:2])
    if text.strip():
        d["摘要"] = summarize(text)
    d["风险提示"] = [f for f in _labels(record.get("flags")) if f != "匿名"]
    d["涉及干部"] = "涉及干部" in _labels(record.get("tags"))
    d["需复核分类"] = bool(record.get("needs_review")) and "信访事项" in d
    return d
