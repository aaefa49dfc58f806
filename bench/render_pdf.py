"""Render every notice kind to PDF with LibreOffice and measure the page layout.

Run by hand (not by the test suite); needs ``soffice``, ``pdftotext`` and ``pdftoppm``:

    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
    /work/venv/bin/python bench/render_pdf.py [OUT_DIR]

For each kind it writes ``<kind>.docx`` (the real file, 22 × 28 character grid) and
``<kind>-lines.docx`` (``char_grid=False``: line grid + condensed characters, the layout
LibreOffice can show), converts both to PDF and reports, per page: text lines inside the
版心 (text block), their pitch, the widest line in characters, and where the page number is.
The opinion is long on purpose so that page 2 is full of body text: it must hold 22 lines.
PNG images of that page are written next to the PDFs for a look.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from xfnlp.docs.layout import (LINE_PITCH_PT, LINES_PER_PAGE, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM,
                               MARGIN_TOP_MM, OfficialDocument)
from xfnlp.docs.markup import blocks_to_document
from xfnlp.docs.notices import draft_notice

MM = 72 / 25.4
RECORD = {
    "id": "2023-0137", "text": ("我叫张三，是车桥镇城南村三组村民，电话13812345678。村里王某未经批准在基本农田上"
                               "建厂房，占地约5亩。要求依法查处，恢复耕地。"),
    "category": "illegal_land_use", "category_zh": "违法占地",
    "townships": [{"start": 9, "end": 12, "text": "车桥镇"}],
    "villages": [{"start": 12, "end": 15, "text": "城南村"}],
    "petitioners": [{"start": 2, "end": 4, "text": "张三"}],
    "phones": [{"start": 24, "end": 35, "text": "13812345678"}],
    "flags": [{"label": "越级访风险", "start": 0, "end": 0, "text": ""}],
}
_FACT = ("{n}、{date}，我局执法监察人员会同车桥镇人民政府、城南村村民委员会工作人员到现场进行了实地核查，"
         "调取了该地块的土地利用现状图、土地利用总体规划图和农用地转用审批资料，并对当事人王某及相关村民"
         "制作了询问笔录。经核实，王某在城南村三组未经批准占用耕地建设厂房及附属设施，占地面积约5亩，"
         "其中永久基本农田约3亩，未取得农用地转用和建设用地审批手续，违法事实清楚，证据确凿。")
COMMON = {"收到日期": "2023-12-28", "成文日期": "2024-02-20", "序号": "12"}
FIELDS = {
    "accept": {"受理日期": "2024-01-02"},
    "reject": {"不予受理理由": "应当通过诉讼、仲裁、行政复议等法定途径解决"},
    "opinion": {"受理日期": "2024-01-02", "处理意见": "支持", "抄送": "淮安区信访局，车桥镇人民政府",
                "法律依据": "《中华人民共和国土地管理法》第七十七条",
                "调查情况": "\n".join(_FACT.format(n=n, date=f"2024年1月{n + 4}日") for n in range(1, 8)),
                "处理说明": "我局已责令当事人退还非法占用的土地，限期拆除新建的建筑物和其他设施，恢复土地原状。"},
    "assign": {"抄送": "淮安区信访局"},
    "extend": {"受理日期": "2024-01-02", "延期理由": "该事项涉及土地权属历史资料调取，情况复杂"},
}


def lines_by_page(pdf: Path) -> list[dict]:
    """Per page: its size and its text lines (y, x range, text) from ``pdftotext -bbox-layout``."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(out).iter("{http://www.w3.org/1999/xhtml}page"):
        rows = []
        for line in page.iterfind(".//x:line", ns):
            words = [w.text or "" for w in line.iterfind("x:word", ns)]
            rows.append({"y": float(line.get("yMax")), "x0": float(line.get("xMin")),
                         "x1": float(line.get("xMax")), "text": "".join(words)})
        pages.append({"w": float(page.get("width")), "h": float(page.get("height")), "lines": rows})
    return pages


def measure(pdf: Path) -> list[dict]:
    report = []
    for i, page in enumerate(lines_by_page(pdf), 1):
        top, bottom = MARGIN_TOP_MM * MM, page["h"] - MARGIN_BOTTOM_MM * MM
        body = sorted((r for r in page["lines"] if top <= r["y"] <= bottom + 2), key=lambda r: r["y"])
        # one visual line may come out as several pdftotext lines: merge equal baselines
        merged: list[dict] = []
        for r in body:
            if merged and abs(merged[-1]["y"] - r["y"]) < 3:
                merged[-1]["text"] += r["text"]
            else:
                merged.append(dict(r))
        steps = [b["y"] - a["y"] for a, b in zip(merged, merged[1:])]
        feet = [r for r in page["lines"] if r["y"] > bottom + 2]
        number = feet[0] if feet else None
        side = None
        if number:
            mid = (number["x0"] + number["x1"]) / 2
            side = "right" if mid > page["w"] / 2 else "left"
        report.append({
            "page": i, "lines": len(merged),
            "pitch": round(min(steps), 2) if steps else None,
            "typical_pitch": round(statistics.median(steps), 2) if steps else None,
            "max_chars": max((len(r["text"].replace(" ", "")) for r in merged), default=0),
            "number": number["text"] if number else None, "number_side": side,
            "first_x_mm": round(min((r["x0"] for r in merged), default=0) / MM, 1),
        })
    return report


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = []
    for kind, extra in FIELDS.items():
        notice = draft_notice(kind, RECORD, {**COMMON, **extra}, today=date(2024, 2, 20))
        docs.append(notice.save(out_dir / f"{kind}.docx"))
        docs.append(blocks_to_document(notice.blocks(), OfficialDocument(char_grid=False))
                    .save(out_dir / f"{kind}-lines.docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir),
                    *map(str, docs)], check=True, capture_output=True)
    ok = True
    print(f"expected: {LINES_PER_PAGE} lines a full page, pitch {LINE_PITCH_PT} pt, text from "
          f"x = {MARGIN_LEFT_MM} mm; odd page numbers right, even left")
    for doc in docs:
        pdf = doc.with_suffix(".pdf")
        for row in measure(pdf):
            print(f"{pdf.name:20} p{row['page']}: {row['lines']:2} lines, pitch {row['pitch']}"
                  f"/{row['typical_pitch']} pt, widest {row['max_chars']:2} chars, "
                  f"x0 {row['first_x_mm']} mm, number {row['number']!r} {row['number_side']}")
            if doc.stem.startswith("opinion") and row["page"] == 2:
                ok &= row["lines"] == LINES_PER_PAGE
                ok &= row["pitch"] is not None and abs(row["typical_pitch"] - LINE_PITCH_PT) < 0.2
            if row["number_side"]:
                ok &= row["number_side"] == ("right" if row["page"] % 2 else "left")
    for stem in ("opinion", "opinion-lines"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2",
                        str(out_dir / f"{stem}.pdf"), str(out_dir / f"{stem}-p2")], check=True)
    print(f"PNG of the full page: {out_dir}/opinion-p2-2.png, {out_dir}/opinion-lines-p2-2.png")
    print("OK" if ok else "FAILED: a full page does not hold 22 lines at 28.95 pt, or a page number is misplaced")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="xfnlp-pdf-"))))
