"""The faster party step gives exactly what it gave before (no timing here).

tests/party_reference.py keeps the party code as it was before it was made faster; this file
runs both on every corpus text (whole and cut to 300 characters, as the ledger benchmark does)
and on generated letters, and asks for the same spans, head counts, and the same candidates and
features the party model was trained on (tools/train_party_model.py calls roles.candidates,
roles.string_features and roles.occurrence_cheap_features).
"""

from __future__ import annotations

import json
import random

import pytest

import party_reference as ref
from conftest import REPO
from xfnlp.extract import roles
from xfnlp.extract.names import _merge
from xfnlp.extract.parties import find_parties
from xfnlp.extract.petitioners import _collective, _petitioners
from xfnlp.extract.places import find_townships, find_villages
from xfnlp.extract.respondents import _respondents
from xfnlp.profile import load_profile
from xfnlp.text import normalize


def corpus_texts() -> list[str]:
    out = []
    for split in ("train", "dev", "test"):
        f = REPO / "corpus" / f"{split}.jsonl"
        out += [json.loads(line)["text"] for line in f.read_text("utf-8").splitlines() if line.strip()]
    return out


# Pieces that the party finders react to, spliced into corpus text by generated().
_PIECES = ["我叫王长福，", "村支书赵某", "邻居黄某某", "欧阳明", "诸葛亮来访", "信访人：李桂兰、张三等5人\n",
           "被反映人：丁某某\n", "宏发建材有限公司", "开发商恒跃置业", "老王", "王老板", "姓丁的老板", "一伙外地人",
           "村主任的弟弟", "张某的儿子", "\n刘长福\n2023年5月1日", "，", "。", "\n", "接待人：周", "卖给了孙某",
           "王先生", "司马某", "“鸿业建设”的公司", "长冲村村民", "\n长冲村全体村民", "组长丁某私自出租",
           "我是桑园村一组邵德胜，", "群众王二等", "某物流公司", "镇政府", "村委会把地卖了", "做家具的老板",
           "举报我们组长龚正华", "同组柏金海家", "王家又", "标题：", "（", "）", " ", "A1", "😀", "^", "$", "^^", "$$"]


def generated(n: int, seed: int) -> list[str]:
    """Letters cut and spliced from corpus texts, with party pieces put in at random places."""
    rng = random.Random(seed)
    texts = corpus_texts()
    out = []
    for _ in range(n):
        t = rng.choice(texts)
        a = rng.randrange(len(t))
        t = t[a:a + rng.randrange(20, 400)]
        for _ in range(rng.randrange(0, 8)):
            k = rng.randrange(len(t) + 1)
            t = t[:k] + rng.choice(_PIECES) + t[k:]
        if rng.random() < 0.3:
            t += rng.choice(texts)[:rng.randrange(0, 60)]
        out.append(t)
    return out


def _spans(spans):
    return [(s.start, s.end, s.text, s.value) for s in spans]


def _check(raw: str, prof, model) -> None:
    text = normalize(raw)
    towns = find_townships(text, prof)
    villages = find_villages(text, prof, towns)
    p, r, n = find_parties(text, towns, villages)
    rp, rr, rn = ref.find_parties_reference(text, towns, villages)
    assert (_spans(p), _spans(r), n) == (_spans(rp), _spans(rr), rn), text
    # What training reads: the rule finders' choices, the candidates and their features.
    pets = _merge(_petitioners(text), set()) or _collective(text)
    ref_pets = ref._merge(ref._petitioners(text), set()) or ref._collective(text)
    assert _spans(pets) == _spans(ref_pets), text
    resps = _respondents(text, {s.text for s in pets}, towns, villages)
    cands = roles.candidates(text, pets, resps, towns, villages)
    assert cands == ref.candidates(text, pets, resps, towns, villages), text
    assert roles.string_features(text, cands) == ref.string_features(text, cands), text
    assert roles.string_features(text, cands, model["prefilter"]) == \
        ref.string_features(text, cands, model["prefilter"]), text
    for (s, e), srcs in cands.items():
        assert roles.occurrence_cheap_features(text, s, e, srcs) == ref.occurrence_cheap_features(text, s, e, srcs)
    assert roles.decide_parties(text, towns, villages) == ref.decide_parties_reference(text, towns, villages), text


@pytest.fixture(scope="module")
def setting():
    model = roles.load_party_model()
    if model is None:
        pytest.skip("no party model shipped")
    return load_profile(), model


@pytest.mark.parametrize("cut", [None, 300])
def test_corpus_letters_give_what_they_gave(setting, cut):
    """Every other corpus letter (all of them take ~25 s; the other half, by the other cut)."""
    prof, model = setting
    for raw in corpus_texts()[(cut is None)::2]:
        _check(raw[:cut], prof, model)


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_letters_give_what_they_gave(setting, seed):
    prof, model = setting
    for raw in generated(250, seed):
        _check(raw, prof, model)


def test_the_same_letter_twice_and_letters_in_turn(setting):
    """Per-letter memos never leak into the next letter, nor the next call on the same letter."""
    prof, model = setting
    texts = [normalize(t) for t in corpus_texts()[:40]]
    want = [ref.find_parties_reference(t) for t in texts]
    for _ in range(2):
        for t, w in zip(texts, want):
            got = find_parties(t)
            assert (_spans(got[0]), _spans(got[1]), got[2]) == (_spans(w[0]), _spans(w[1]), w[2])
            got = find_parties(t)
            assert (_spans(got[0]), _spans(got[1]), got[2]) == (_spans(w[0]), _spans(w[1]), w[2])


def test_read_name_regex_reads_what_the_spelled_out_rules_read():
    """names._read_name is one regex; names._read_name_py spells the rules out. Every position
    of every corpus letter, and of random strings of surnames, titles, 某 and stop characters."""
    from xfnlp.extract.names import _NAME_STOP, _read_name, _read_name_py

    texts = [normalize(t) for t in corpus_texts()]
    rng = random.Random(7)
    alphabet = "王李张欧阳司马诸葛上官某女士先生师傅大爷妈娘阿姨老汉太师村的了是，。 \nA1^$😀长福桂兰" \
        + "".join(sorted(_NAME_STOP))
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 20))) for _ in range(5000)]
    for t in texts:
        for i in range(len(t) + 1):
            assert _read_name(t, i) == _read_name_py(t, i), (t, i)
