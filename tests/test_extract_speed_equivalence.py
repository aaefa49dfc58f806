"""The extractor's output on tricky letters, pinned span for span (no timing here).

The finders were made several times faster (bench/bench_extract.py) without changing one span:
costly patterns run only where a match can start (xfnlp/extract/_scan.py), lexicon alternations
are grouped by first character, letters without a pattern's key words are not searched. The
expected spans below are what the extractor gave before that work, on texts written to hit the
edge cases of every finder. The second half checks the promises those shortcuts rest on (a gate
never hides a match), so that a later edit of a pattern that breaks one fails here.
"""

from __future__ import annotations

import datetime as dt
import inspect
import random
import re

import pytest

from xfnlp.extract import extract
from xfnlp.extract.parties import find_parties
from xfnlp.text import normalize

FIELDS = ("townships", "villages", "areas", "money", "dates", "phones", "id_numbers")

# text -> expected spans: (start, end, text[, value]) per field; fields left out find nothing.
# Parties are the hand rules' (find_parties(method="rules")), head_count is None when left out.
CASES = [
    ("我是东坝镇柳湾村四组的，去镇上问过，镇长说找村里", {
        "townships": [(2, 5, "东坝镇", "东坝镇")],
        "villages": [(5, 8, "柳湾村", "东坝镇"), (8, 10, "四组")],
        "respondents": [(18, 20, "镇长")],
    }),
    ("白马湖里有人挖砂，白马湖街道说不归它管，白马湖街道办事处也不管", {
        "townships": [(9, 14, "白马湖街道", "白马湖街道"), (20, 25, "白马湖街道", "白马湖街道")],
        # Changed on purpose (not by speed work): 街道办事处 became an office word, one that
        # does nothing about it (也不管) is complained of, with its township.
        "respondents": [(20, 28, "白马湖街道办事处")],
    }),
    ("家住卧龙镇马岗村三组，卧龙那边的人都知道，乡村道路被占", {
        "townships": [(2, 5, "卧龙镇", "卧龙镇"), (11, 13, "卧龙", "卧龙镇")],
        "villages": [(5, 8, "马岗村", "卧龙镇"), (8, 10, "三组")],
    }),
    ("流均镇南河村三组和5组、第十二组，同一组的人都去了，哪一组都不管", {
        "townships": [(0, 3, "流均镇", "流均镇")],
        "villages": [(3, 6, "南河村", "流均镇"), (6, 8, "三组"), (9, 11, "5组"), (12, 16, "第十二组")],
    }),
    ("我们在林集那边，旧安乡南河村的地，车桥镇新桥村村委会把地卖了", {
        "townships": [(3, 5, "林集", "林集镇"), (8, 11, "旧安乡", "旧安乡"), (17, 20, "车桥镇", "车桥镇")],
        "villages": [(11, 14, "南河村", "旧安乡"), (20, 23, "新桥村", "车桥镇")],
        "respondents": [(20, 26, "新桥村村委会")],
    }),
    ("反映村干部问题，多少村民不满，查处村干部，后来镇国土所来人", {
        "respondents": [(2, 5, "村干部"), (24, 27, "国土所")],
    }),
    ("占了我家六分多地，另有300多平方米，鱼塘80余亩，约1.2公顷，一亩三分，半亩菜地", {
        "areas": [(4, 6, "六分", 0.6), (11, 18, "300多平方米", 0.45), (21, 25, "80余亩", 80.0), (27, 32, "1.2公顷", 18.0), (33, 37, "一亩三分", 1.3), (38, 40, "半亩", 0.5)],
    }),
    ("每亩3万元，一亩1000块，欠了二十七万元出头，合同价6万8千元，尾款一万二千块，月租300块", {
        "money": [(2, 5, "3万元", 30000), (8, 13, "1000块", 1000), (16, 21, "二十七万元", 270000), (27, 32, "6万8千元", 68000), (35, 40, "一万二千块", 12000), (43, 47, "300块", 300)],
    }),
    ("我十分气愤，三块地被占，卖了12万，补偿款16.8万，12万人口，二三十亩地，七八亩", {
        "areas": [(33, 37, "二三十亩", 20.0), (39, 42, "七八亩", 7.0)],
        "money": [(14, 17, "12万", 120000), (21, 26, "16.8万", 168000)],
    }),
    ("2023年12月28日、2023.3.5、今年5月份，去年腊月，1998年底，二〇一九年三月初，2024-03-18，十二月中旬", {
        "dates": [(0, 11, "2023年12月28日", "2023-12-28"), (12, 20, "2023.3.5", "2023-03-05"), (21, 26, "今年5月份", "2024-05"), (27, 31, "去年腊月", "2023"), (32, 38, "1998年底", "1998"), (39, 47, "二〇一九年三月初", "2019-03"), (48, 58, "2024-03-18", "2024-03-18"), (59, 64, "十二月中旬", "2024-12")],
    }),
    ("第一次是3月，统一在5月份办，一个月后，10月多来了人", {
        "dates": [(4, 6, "3月", "2024-03"), (10, 13, "5月份", "2024-05")],
    }),
    ("电话：139 0517 1234，热线12345，联系0517-85912345或18961502389，座机(0517)85912345", {
        "phones": [(3, 16, "139 0517 1234", "13905171234"), (27, 40, "0517-85912345", "051785912345"), (41, 52, "18961502389", "18961502389"), (55, 69, "(0517)85912345", "051785912345")],
    }),
    ("身份证号11010519491231002X，另一个11010519491231002Y，香港+852 6123 4587，台湾+886-4-2251-3307", {
        "phones": [(47, 61, "+852 6123 4587", "85261234587"), (64, 80, "+886-4-2251-3307", "886422513307")],
        "id_numbers": [(4, 22, "11010519491231002X", "11010519491231002X")],
    }),
    ("账号6222021234567890123，号码13905171234567不是手机", {
    }),
    ("我叫刘长福。村支书赵某私自把地卖给宏发建材有限公司。\n刘长福", {
        "petitioners": [(2, 5, "刘长福")],
        "respondents": [(6, 11, "村支书赵某"), (17, 25, "宏发建材有限公司")],
    }),
    ("来访人：车桥镇新庄村二组村民许桂兰等6人。反映组长丁某某私自出租机动地", {
        "townships": [(4, 7, "车桥镇", "车桥镇")],
        "villages": [(7, 10, "新庄村", "车桥镇"), (10, 12, "二组")],
        "petitioners": [(14, 17, "许桂兰")],
        "respondents": [(23, 28, "组长丁某某")],
        "head_count": 6,
    }),
    ("被举报人：王某某、李某。举报我们组长龚正华私自把地卖给外村人杭某", {
        "respondents": [(5, 8, "王某某"), (9, 11, "李某"), (16, 21, "组长龚正华"), (27, 32, "外村人杭某")],
    }),
    ("一伙外地人在河边挖砂，姓丁的老板说是村主任的妻弟让干的，邻居万家又把路占了", {
        "respondents": [(0, 5, "一伙外地人"), (11, 16, "姓丁的老板"), (18, 24, "村主任的妻弟"), (28, 32, "邻居万家")],
    }),
    ("开发商恒跃置业扣着定金不退，有一家叫“鸿业建设”的公司在村里建房，石门村后山的鑫磊石料厂常年放炮", {
        "villages": [(33, 36, "石门村")],
        "respondents": [(0, 7, "开发商恒跃置业"), (19, 23, "鸿业建设"), (39, 44, "鑫磊石料厂")],
    }),
    ("我是桑园村一组邵德胜，同组柏金海家在我家田里盖房，村委会不管", {
        "villages": [(2, 5, "桑园村"), (5, 7, "一组")],
        "petitioners": [(7, 10, "邵德胜")],
        "respondents": [(13, 16, "柏金海"), (25, 28, "村委会")],
    }),
    ("城南村三组30余名村民联名反映，长冲村村民\n2024年3月5日", {
        "villages": [(0, 3, "城南村", "淮城街道"), (3, 5, "三组"), (16, 19, "长冲村")],
        "dates": [(22, 31, "2024年3月5日", "2024-03-05")],
        "petitioners": [(16, 21, "长冲村村民")],
        "head_count": 30,
    }),
    ("标题：举报砖厂老板杨国庆\n群众王大明等：村民代表李四来访，称镇政府把地征了", {
        "petitioners": [(15, 18, "王大明")],
        "respondents": [(6, 12, "厂老板杨国庆"), (30, 33, "镇政府")],
    }),
]


def _rules_parties(norm, towns, villages):
    if "method" in inspect.signature(find_parties).parameters:
        return find_parties(norm, towns, villages, method="rules")
    return find_parties(norm, towns, villages)


def _spans(spans, with_value=True):
    return [(s.start, s.end, s.text, s.value) if with_value and s.value is not None else (s.start, s.end, s.text)
            for s in spans]


@pytest.mark.parametrize("text,expected", CASES, ids=[t[:12] for t, _ in CASES])
def test_spans_as_before(text, expected):
    got = extract(text, reference_date=dt.date(2024, 6, 1))
    for field in FIELDS:
        assert _spans(got[field]) == expected.get(field, []), field
    pets, resps, count = _rules_parties(normalize(text), got["townships"], got["villages"])
    assert _spans(pets, False) == expected.get("petitioners", [])
    assert _spans(resps, False) == expected.get("respondents", [])
    assert count == expected.get("head_count")


# --- the promises behind the shortcuts -------------------------------------------------------

def _random_texts(alphabet, n=3000, seed=7, longest=40):
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _texts(alphabet):
    return [normalize(t) for t, _ in CASES] + _random_texts(alphabet)


NUMBERS = list("0123456789.,-/ 点几多余来零〇○一二两三四五六七八九十百千万亿半亩平方米公里顷㎡m²2分地田的，。"
               "元圆块钱美年月日号去今前明腊正上中下旬初底第统人名位户组队村民小镇乡我") + ["\n", "١"]


def test_anchored_patterns_find_what_finditer_finds():
    from xfnlp.extract import places, quantities
    from xfnlp.extract._scan import finditer_anchored

    gated = [*quantities._patterns(),
             (places._GROUP, places._group_gate(), places._GROUP_RUN)]
    for text in _texts(NUMBERS):
        for pattern, gate, run in gated:
            assert [m.span() for m in finditer_anchored(pattern, gate, run, text)] == \
                [m.span() for m in pattern.finditer(text)], (pattern.pattern[:40], text)


def test_phone_patterns_tried_at_their_first_characters():
    from xfnlp.extract import contacts, id_numbers
    from xfnlp.extract._scan import finditer_from

    pats = contacts._patterns()
    id_pats = id_numbers._patterns()
    alphabet = list("0123456789" * 4) + list(" -+()（）－—Xx号电话，【】.\n一三九〇幺十*Tel座机")
    # a denser alphabet too, so that IDs and numbers in Chinese numerals come up
    dense = list("0123456789" * 3) + list("一三九〇幺壹叁 -X话|")
    # and the labels whose first character opens many other words (小, 主, 回, 传), spaced too
    labels = list("0123456789" * 3) + list("传真小灵通主叫回访号码电话Fax 　：-") + [
        "传真", "传 真", "小灵通", "主叫号码", "回访号码", "电  话", "Fax", "手　机"]
    for text in _texts(alphabet) + _random_texts(dense, seed=11) + _random_texts(labels, seed=13):
        runs = [m.span() for m in pats["any_number"].finditer(text)]
        # the gates looked up inside the runs see what they would see in the whole text
        for key in ("long_number", "local_gate"):
            assert any(pats[key].search(text, a, b) for a, b in runs) == bool(pats[key].search(text)), (key, text)
        for key in ("mobile", "landline", "local"):
            pattern, starts = pats[key]
            spans = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in finditer_from(pattern, starts, text)] == spans, (key, text)
            if key == "mobile" and "86" not in text:
                narrow = pats["mobile_starts_without_86"]
                assert [m.span() for m in finditer_from(pattern, narrow, text)] == spans, text
            if spans and key != "local":
                assert pats["long_number"].search(text), text
            if key == "local" and any(m.group(1)[0].isdigit() for m in pattern.finditer(text)):
                assert pats["local_gate"].search(text), text
        # a phone with Chinese numerals in it lies in a run that holds one
        if any(not contacts._CN_SET.isdisjoint(m.group()) for m in pats["cn_mobile"].finditer(text)) \
                or any(not m.group(1)[0].isdigit() for m in pats["local"][0].finditer(text)):
            assert any(pats["cn_char"].search(text, a, b) for a, b in runs), text
        if id_pats["id_number"].search(text) or id_pats["id_grouped"].search(text):
            assert id_pats["id_run"].search(text), text
        if any(id_pats["cn_char"].search(m.group()) for m in id_pats["id_chinese"].finditer(text)):
            assert id_pats["id_chinese_gate"].search(text), text


def test_key_words_of_respondent_patterns():
    from xfnlp.extract import respondents

    rp = respondents._rpatterns()
    alphabet = list("被举报反映投诉申请人单位对象方：: 一伙帮群外地村叫名为自称挂着的是了个家公司“”\"「」『』鸿业建设企牌子章王某")
    for text in _texts(alphabet):
        for key in respondents._NEEDS:
            if rp[key].search(text):
                assert respondents._may_match(key, text), (key, text)


def test_collective_search_starts_late_enough():
    from xfnlp.extract import petitioners

    alphabet = list("村组队社区小花园苑街道镇乡部分全体民群众业主居农户、，一个王我们的")
    for seg in _texts(alphabet) + _random_texts(alphabet, seed=8, longest=90):
        whole = petitioners._COLLECTIVE.search(seg)
        ends = [i for i in (seg.find(w) for w in petitioners._COLLECTIVE_ENDS) if i >= 0]
        late = petitioners._COLLECTIVE.search(seg, max(0, min(ends) - petitioners._COLLECTIVE_REACH)) if ends else None
        assert (whole and whole.span()) == (late and late.span()), seg


def test_lexicon_alternations_match_like_longest_first():
    from xfnlp.extract.lexicons import alternation, lexicon

    for name in ("person_titles", "org_suffixes", "bare_respondents", "complaint_verbs", "kin_titles",
                 "kin_after_de", "org_left_stops", "party_heads", "staff_cues", "petitioner_cues"):
        words = lexicon(name)
        plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
        grouped = re.compile(alternation(words))
        text = "，".join(sorted(words)) + "".join(sorted(words, key=len))
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)], name
