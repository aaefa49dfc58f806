"""Tagging a whole ledger: every original row and column kept, tagging columns added.

>>> ADDED_COLUMNS[:4]
('类别', '置信度', '需复核', '标签')
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..letter import Letter
from .repeats import detect_repeats, identity_keys
from .rows import LedgerRow, read_ledger

ADDED_COLUMNS = ("类别", "置信度", "需复核", "标签", "风险", "乡镇", "村", "信访人", "被反映人", "面积",
                 "金额", "受理告知期限", "办结期限", "是否超期", "重复访")
ERROR_SHEET = "行错误"
CHUNK = 500


@dataclass
class Case:
    """One ledger row with its tagging: what the report and the warnings are computed from."""

    row: LedgerRow
    record: dict | None                   # the `xfnlp tag` record (None when the row has no text)
    accept_notice_by: dt.date | None = None
    handle_by: dt.date | None = None
    overdue: str = ""                     # 超期 / 超期办结 / 未超期 / ""
    repeat_of: int | None = None          # row number of the earlier row
    similarity: float = 0.0

    @property
    def category(self) -> str | None:
        return self.record["category"] if self.record and not self.record["error"] else None

    @property
    def flag_names(self) -> set:
        names = {f["name"] for f in self.record["flags"]} if self.record else set()
        return names | ({"重复访"} if self.repeat_of else set())

    @property
    def township(self) -> str:
        if self.row.township:
            return self.row.township
        towns = (self.record or {}).get("townships") or []
        return (towns[0].get("value") or towns[0]["text"]) if towns else ""


@dataclass
class LedgerResult:
    path: str
    cases: list
    row_errors: list = field(default_factory=list)   # (row number, message)
    output: str | None = None
    headers: list = field(default_factory=list)
    header_row: int = 1


_worker_state: dict = {}
MIN_CHUNK = 50
# A letter with the usual parts (name, village, phone, area, a land matter): run through every
# step once, it makes a worker build the extractor's lazily made tables before real work comes.
WARM_UP = ("尊敬的领导：我叫刘长福，住林集镇前进村三组，电话13905171234。邻居王顺河在我家承包田里"
           "违法占地建房，占了三分多地，村支书不管，请国土所查处。")


def _init_worker(model, profile, model_dir=None):
    # Forked workers get the parent's model and profile with the process image (no pickling, no
    # reloading; the pages are shared copy-on-write). Spawned workers (Windows) load the model.
    from ..pipeline import analyze_letters, load_model

    _worker_state["model"] = model if model is not None else load_model(model_dir)
    _worker_state["profile"] = profile
    try:
        list(analyze_letters([Letter(text=WARM_UP)], _worker_state["model"], profile, None))
        # A batch above SMALL_BATCH is scored with numpy: its first use (and, in a spawned
        # worker, its import, ~0.25 s) here overlaps the parent's reading of the ledger instead
        # of delaying the first chunk. Forked workers got the module from the parent.
        from ..classify.model import SMALL_BATCH

        _worker_state["model"].predict([WARM_UP] * (SMALL_BATCH + 1))
    except Exception:  # only a warm-up: a real letter that fails is reported with its row
        pass


def _tag_chunk(args):
    texts, ids, sources, ref = args
    from ..pipeline import analyze_letters, to_record

    letters = [Letter(text=t, id=i, source=s) for t, i, s in zip(texts, ids, sources)]
    return [to_record(l) for l in analyze_letters(letters, _worker_state["model"],
                                                  _worker_state["profile"], ref)]


def _chunks(rows: int, jobs: int) -> list[tuple[int, int]]:
    """(start, end) of the tasks. One process: CHUNK rows at a time. Several: CHUNK rows while
    much is left, then ever smaller tasks (a quarter of what is left per worker pair, at least
    MIN_CHUNK), so that the workers run out of work together instead of one waiting for the
    other's last big task."""
    out, i = [], 0
    while i < rows:
        size = CHUNK if jobs <= 1 else max(MIN_CHUNK, min(CHUNK, -(-(rows - i) // (2 * jobs))))
        out.append((i, min(rows, i + size)))
        i += size
    return out


class _Tagger:
    """`xfnlp tag` records for ledger rows, the model loaded once, in this process.

    With ``jobs`` > 1 the workers are started as soon as the model is loaded (forked: they share
    it) and warm up while this process reads the ledger.
    """

    def __init__(self, model_dir, profile, jobs: int, before_fork=None):
        # before_fork: called (when not None) once the model is loaded, before workers fork;
        # it waits for the thread that reads the ledger (a fork keeps only the calling thread).
        from ..pipeline import load_model

        self.model, self.profile, self.jobs, self.pool = load_model(model_dir), profile, jobs, None
        if jobs > 1:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            fork = os.name != "nt"
            if fork:
                # Imported once here, numpy comes to the workers with the process image; each
                # worker would otherwise import it again (~0.25 s of CPU each), and this process
                # needs it anyway for the repeats. Frozen, the objects made so far (the models,
                # the lexicons) are never walked by a worker's garbage collector, which would
                # also copy their shared pages into each worker.
                import gc

                import numpy  # noqa: F401
                if before_fork is not None:
                    before_fork()
                gc.collect()
                gc.freeze()
            self.pool = ProcessPoolExecutor(
                jobs, mp_context=mp.get_context("fork" if fork else "spawn"),
                initializer=_init_worker,
                initargs=(self.model, profile) if fork else (None, profile, model_dir))
            self.pool.submit(int)        # a forking pool starts all its workers on the first task
            if fork:
                gc.unfreeze()            # the workers keep theirs; this process collects as before

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def tag(self, rows, ref, progress=None, on_record=None) -> dict:
        """Records for rows with text, by row number, in row order (the same for any jobs).

        ``on_record(row, record)`` is called for each row as its record comes in, in row order;
        ``progress(done, total)`` after each task."""
        todo = [r for r in rows if r.text and "内容 is not readable text" not in r.errors]
        args = [([r.text for r in c], [r.id for r in c], [f"row {r.row}" for r in c], ref)
                for c in (todo[a:b] for a, b in _chunks(len(todo), self.jobs))]
        if self.pool is not None:
            batches = self.pool.map(_tag_chunk, args)       # map keeps the input order
            # Repeat detection needs numpy afterwards: import it while the workers tag, not after
            # (already there when the workers were forked).
            import numpy  # noqa: F401
        else:
            _worker_state.update(model=self.model, profile=self.profile)
            batches = map(_tag_chunk, args)
        results = []
        for recs in batches:
            if on_record is not None:
                for r, rec in zip(todo[len(results):len(results) + len(recs)], recs):
                    on_record(r, rec)
            results.extend(recs)
            if progress is not None:
                progress(len(results), len(todo))
        return dict(zip((r.row for r in todo), results))


def _deadlines(case: Case, limits, as_of: dt.date, memo: dict | None = None):
    from ..deadlines import case_deadlines

    row = case.row
    if not row.date:
        return
    accepted = row.accepted if row.accepted and row.accepted >= row.date else None
    # A year's ledger has a few hundred distinct dates: each pair is worked out once.
    memo = {} if memo is None else memo
    d = memo.get((row.date, accepted))
    if d is None:
        try:
            d = case_deadlines(row.date, accepted, limits=limits)
        except Exception as exc:  # a holiday year the calendar package does not know, a bad date
            d = f"deadline: {str(exc).splitlines()[0]}"
        memo[(row.date, accepted)] = d
    if isinstance(d, str):
        row.errors.append(d)
        return
    case.accept_notice_by, case.handle_by = d.accept_notice_by, d.handle_by
    if row.status == "已办结":
        case.overdue = "超期办结" if row.closed and row.closed > d.handle_by else "未超期"
    else:
        case.overdue = "超期" if as_of > d.handle_by else "未超期"


def analyze_ledger(path, *, model_dir=None, profile=None, text_column=None, jobs: int = 1,
                   as_of: dt.date | None = None, progress=None,
                   repeat_threshold: float | None = None) -> LedgerResult:
    """Read and tag a ledger: categories, flags, fields, deadlines, overdue, repeats.

    ``progress``: None, or a callable ``progress(rows done, rows to tag)`` called as the tagged
    rows come in (the CLI draws a progress bar with it).
    """
    from ..profile import Limits, load_profile

    prof = load_profile(profile) if isinstance(profile, (str, type(None))) and profile else profile
    as_of = as_of or dt.date.today()
    limits, memo = (prof.limits if prof else Limits()), {}
    keys = {}                               # identity keys of the rows with a record
    by_row: dict[int, Case] = {}

    def settle(row, rec):
        # Each record is settled as it comes in: with workers, this runs while they tag the
        # rows after it, instead of after all of them.
        c = by_row[row.row]
        c.record = rec
        if rec["error"]:
            row.errors.append(rec["error"].split(": ", 1)[-1])
        own = identity_keys([row.petitioner])
        if own:
            # The ledger names the petitioner: the letter is not anonymous to this office.
            rec["flags"] = [f for f in rec["flags"] if f["name"] != "匿名"]
        keys[row.row] = own | identity_keys([p["text"] for p in rec.get("petitioners", [])],
                                            [row.phone, *(p["text"] for p in rec.get("phones", []))],
                                            [p["text"] for p in rec.get("id_numbers", [])])
        _deadlines(c, limits, as_of, memo)

    prefetched: dict | None = None
    wait = None
    if jobs > 1 and os.name != "nt" and Path(path).suffix.lower() in (".xlsx", ".xlsm") \
            and Path(path).is_file():
        # The workbook is read (in Rust, without the GIL) while this process loads the model and
        # imports numpy for the workers it is about to fork: ~0.2 s off the time before the
        # first rows go out.
        from ..io.tables import read_grid_in_thread

        wait = read_grid_in_thread(path)
    tagger = _Tagger(model_dir, prof, max(1, jobs), before_fork=wait)
    try:
        if wait is not None:
            prefetched = wait()
        table, rows = read_ledger(path, prof, text_column, prefetched)
        cases = [Case(row=r, record=None) for r in rows]
        by_row.update((c.row.row, c) for c in cases)
        tagger.tag(rows, None, progress, on_record=settle)
    finally:
        tagger.close()
    # Repeats: judged in registration order, so "earlier" means registered earlier.
    order = sorted(range(len(cases)), key=lambda i: (cases[i].row.date or dt.date.max, i))
    items = []
    for i in order:
        c = cases[i]
        items.append((keys[c.row.row], c.row.text, c.category) if c.record else (set(), "", None))
    kw = {} if repeat_threshold is None else {"threshold": repeat_threshold}
    for pos, (j, sim) in enumerate(detect_repeats(items, **kw)):
        c = cases[order[pos]]
        c.similarity = sim
        if j is not None:
            c.repeat_of = cases[order[j]].row.row
    errors = [(c.row.row, "; ".join(c.row.errors)) for c in cases if c.row.errors]
    return LedgerResult(path=str(path), cases=cases, row_errors=errors, headers=table.headers,
                        header_row=table.header_row)


def _join(spans) -> str:
    if len(spans) < 2:              # most fields of most rows: written 10,000 times a ledger
        return spans[0]["text"] if spans else ""
    return "、".join(dict.fromkeys(s["text"] for s in spans))


# A respondent the party model holds likelier wrong than right is written with a mark: on letters
# by writers it never read, respondents scored under 0.5 were right 0.29–0.41 of the time, those
# at 0.9 and over about 0.8 (README, "Extraction").
DOUBTFUL_SCORE = 0.5
DOUBTFUL_MARK = "（待核）"


def _join_respondents(spans) -> str:
    """The 被反映人 cell: respondents in order, a doubtful one marked.

    >>> _join_respondents([{"text": "村支书王某", "score": 0.97}, {"text": "村会计", "score": 0.31}])
    '村支书王某、村会计（待核）'
    """
    # As _join: each distinct text once, in order.
    return "、".join(dict.fromkeys(
        s["text"] + DOUBTFUL_MARK if s.get("score") is not None and s["score"] < DOUBTFUL_SCORE
        else s["text"] for s in spans))


def added_values(case: Case) -> list:
    """The values of ADDED_COLUMNS for one case (empty strings where nothing applies)."""
    rec = case.record
    date = lambda d: d.isoformat() if d else ""  # noqa: E731
    if not rec or rec["error"]:
        return [""] * (len(ADDED_COLUMNS) - 4) + [date(case.accept_notice_by), date(case.handle_by),
                                                  case.overdue, ""]
    return [
        rec["category_zh"], rec["confidence"], "是" if rec["needs_review"] else "否",
        "、".join(t["name"] for t in rec["tags"]),
        "、".join(f["name"] for f in rec["flags"] + ([{"name": "重复访"}] if case.repeat_of else [])),
        _join(rec["townships"]), _join(rec["villages"]), _join(rec["petitioners"]),
        _join_respondents(rec["respondents"]), _join(rec["areas"]), _join(rec["money"]),
        date(case.accept_notice_by), date(case.handle_by), case.overdue,
        f"是（第{case.repeat_of}行）" if case.repeat_of else "",
    ]


def _added_headers(original: list) -> list:
    return [h + "（识别）" if h in original else h for h in ADDED_COLUMNS]


def _atomic_target(output: Path):
    fd, tmp = tempfile.mkstemp(prefix=".xfnlp-", suffix=output.suffix, dir=output.parent)
    os.close(fd)
    return Path(tmp)


def _cell(v):
    if isinstance(v, str):
        # openpyxl refuses control characters; a junk row must not stop the file being written.
        return "".join(ch for ch in v if ch in "\n\t" or ord(ch) >= 32)
    return v


def write_tagged(result: LedgerResult, output, source_path) -> str:
    """Write the tagged ledger as .xlsx, .csv or .jsonl; never over the input; atomically."""
    out, src = Path(output), Path(source_path)
    if out.exists() and src.exists() and out.resolve() == src.resolve():
        raise InputError(f"{out}: refusing to overwrite the input ledger; choose another -o")
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".jsonl"):
        raise InputError(f"{out}: output must be .xlsx, .csv or .jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _atomic_target(out)
    try:
        if suffix == ".xlsx":
            _write_xlsx(result, tmp, src)
        elif suffix == ".csv":
            _write_csv(result, tmp)
        else:
            _write_jsonl(result, tmp)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    result.output = str(out)
    return str(out)


def _write_xlsx(result: LedgerResult, tmp: Path, src: Path):
    added = _added_headers(result.headers)
    errors = [["行号", "问题"]] + [[rowno, msg] for rowno, msg in result.row_errors]
    if src.suffix.lower() == ".xlsx":
        from .xlsx_out import Unsupported, write_tagged_xlsx

        try:
            # The clerk's workbook copied part by part, with the added cells put into its XML.
            write_tagged_xlsx(src, tmp, result.header_row, len(result.headers) + 1, added,
                              {c.row.row: c for c in result.cases}, added_values, ERROR_SHEET,
                              errors)
            return
        except Unsupported:
            pass   # a macro workbook or an unusual file: the openpyxl round trip below
    if src.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        # Work on the original workbook so titles, merged cells and formats stay as they were.
        wb = load_workbook(src)
        ws = wb.worksheets[0]
        first = len(result.headers) + 1
        for k, h in enumerate(added):
            ws.cell(row=result.header_row, column=first + k, value=h)
        for c in result.cases:
            for k, v in enumerate(added_values(c)):
                ws.cell(row=c.row.row, column=first + k, value=_cell(v))
        if ERROR_SHEET in wb.sheetnames:
            del wb[ERROR_SHEET]
        es = wb.create_sheet(ERROR_SHEET)
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)   # a .csv ledger: the workbook is new, written row by row
        ws = wb.create_sheet()
        ws.append(result.headers + added)
        for c in result.cases:
            ws.append([_cell(v) for v in c.row.values] + [_cell(v) for v in added_values(c)])
        es = wb.create_sheet(ERROR_SHEET)
    for row in errors:
        es.append([_cell(v) for v in row])
    wb.save(tmp)


def _write_csv(result: LedgerResult, tmp: Path):
    import csv

    with open(tmp, "w", encoding="utf-8-sig", newline="") as f:   # BOM: Excel opens it right
        w = csv.writer(f)
        w.writerow(["行号", *result.headers, *_added_headers(result.headers), "行错误"])
        errors = dict(result.row_errors)
        for c in result.cases:
            vals = ["" if v is None else v for v in c.row.values]
            w.writerow([c.row.row, *vals, *added_values(c), errors.get(c.row.row, "")])


def _write_jsonl(result: LedgerResult, tmp: Path):
    import json

    errors = dict(result.row_errors)
    with open(tmp, "w", encoding="utf-8") as f:
        for c in result.cases:
            rec = dict(c.record or {"id": c.row.id, "error": errors.get(c.row.row)})
            rec.update({"row": c.row.row,
                        "ledger": {h: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v)
                                   for h, v in zip(result.headers, c.row.values) if h},
                        "accept_notice_by": c.accept_notice_by.isoformat() if c.accept_notice_by else None,
                        "handle_by": c.handle_by.isoformat() if c.handle_by else None,
                        "overdue": c.overdue or None, "repeat_of_row": c.repeat_of,
                        "row_error": errors.get(c.row.row)})
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
