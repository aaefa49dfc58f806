"""Segmentation speed: xfnlp's segmenter (rjieba engine, domain dictionary) vs plain jieba.lcut.

    python bench/bench_segment.py [N_LETTERS]
"""

from __future__ import annotations

import sys
from pathlib import Path

from common import PY, REPO, XFNLP, best_of, letters_of_length, machine, run_cmd, table


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    letters = letters_of_length(n, 400)
    mb = sum(len(t.encode("utf-8")) for t in letters) / 1e6

    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    from xfnlp.segment import Segmenter

    seg = Segmenter("rjieba")
    seg.cut("预热")
    ref = Segmenter("jieba")
    ref.cut("预热")
    t_naive = best_of(lambda: [jieba.lcut(t) for t in letters], 2)
    t_x = best_of(lambda: [seg.cut(t) for t in letters], 3)
    t_ref = best_of(lambda: [ref.cut(t) for t in letters], 2)
    t_pos_naive = best_of(lambda: [jieba.posseg.lcut(t) for t in letters[:2000]], 1)
    t_pos_x = best_of(lambda: [seg.tag(t) for t in letters[:2000]], 3)

    import tempfile

    one = Path(tempfile.mkdtemp(prefix="xfnlp-bench-")) / "one_letter.txt"
    one.write_text(letters[0], encoding="utf-8")
    cold_naive, _ = run_cmd([PY, "-c", f"import jieba; jieba.setLogLevel(60); "
                                       f"print(' '.join(jieba.lcut(open({str(one)!r}).read())))"])
    cold_x, _ = run_cmd([XFNLP, "seg", str(one)])
    rows = [
        ("letters/s (400 chars, cut)", f"{n / t_naive:,.0f}", f"{n / t_x:,.0f}", f"{t_naive / t_x:.1f}x"),
        ("MB/s (cut)", f"{mb / t_naive:.2f}", f"{mb / t_x:.2f}", f"{t_naive / t_x:.1f}x"),
        ("letters/s with POS", f"{2000 / t_pos_naive:,.0f}", f"{2000 / t_pos_x:,.0f}",
         f"{t_pos_naive / t_pos_x:.1f}x"),
        ("cold start, one letter (s)", f"{cold_naive:.2f}", f"{cold_x:.2f}", f"{cold_naive / cold_x:.1f}x"),
        ("xfnlp --engine jieba, letters/s", f"{n / t_naive:,.0f}", f"{n / t_ref:,.0f}",
         f"{t_naive / t_ref:.1f}x"),
    ]
    print(f"segmentation, {n} letters of 400 characters ({mb:.1f} MB), {machine()}")
    print(table(rows))


if __name__ == "__main__":
    main()
