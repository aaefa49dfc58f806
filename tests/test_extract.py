"""Extraction: text in, spans out, on created letters (no corpus needed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from xfnlp.extract import extract, extract_letter, head_count
from xfnlp.letter import Letter
from xfnlp.profile import Profile, Township, load_profile
from xfnlp.text import normalize


def texts(text, field, **kw):
    return [s.text for s in extract(text, **kw)[field]]


@pytest.mark.parametrize("text, towns", [
    ("我是东坝镇柳湾村四组的村民", ["东坝镇"]),
    ("沙河镇跟白沙镇交界那段老河", ["沙河镇", "白沙镇"]),
    ("转区农业农村局、车桥镇政府调查处理", ["车桥镇"]),
    ("会同古城街道办事处依法核查", ["古城街道"]),
    ("在黑龙潭镇开了个砂场", ["黑龙潭镇"]),
    ("我去镇上问，镇里说这是组里的事，又转镇政府", []),          # no name: not a township
    ("嫁到宝应县那边去了，户口在淮安市", []),                     # counties and cities are not
    ("我叫王顺河，流均镇大沟村人", ["流均镇"]),                  # person containing 顺河
    ("我叫陈镇东，住宋集乡", ["宋集乡"]),                        # person containing 镇
    ("李桥生反映情况", []),
    ("白马湖里晚上有人偷挖砂子，白马湖街道说归水利管", ["白马湖街道"]),
    ("从施河往钦工去的那条路，在林集那边", ["施河", "钦工", "林集"]),   # profile, no suffix
    ("萍山县东城街道西关社区", ["东城街道"]),
    ("材料寄出后镇里一直没人来看", []),                           # "after mailing", then 镇里
    ("县里转办后乡政府只打了个电话", []),
    ("我们是从后湖镇搬过来的", ["后湖镇"]),                      # 后 starting a real name
    ("房子交付了，安置城南街道桃李小区", ["城南街道"]),            # a verb glued before the name
    ("我住建设路街道", ["建设路街道"]),                          # a name that begins with a verb
])
def test_townships(text, towns):
    assert texts(text, "townships") == towns


def test_township_values_from_profile():
    prof = Profile(townships=(Township("新安镇", aliases=("新安",), former_names=("旧安乡",),
                                        villages=("南河村",)),))
    spans = extract("旧安乡南河村和新安那边", profile=prof)
    assert [(s.text, s.value) for s in spans["townships"]] == [("旧安乡", "新安镇"), ("新安", "新安镇")]
    assert [(s.text, s.value) for s in spans["villages"]] == [("南河村", "新安镇")]


def test_village_value_without_township_in_text():
    spans = extract("南河村的地被占了", profile=load_profile())
    assert [(s.text, s.value) for s in spans["villages"]] == [("南河村", "流均镇")]


def test_no_profile_works_for_unknown_county():
    spans = extract("家住卧龙镇马岗村三组，卧龙那边的人都知道", profile=False)
    assert [s.text for s in spans["townships"]] == ["卧龙镇", "卧龙"]
    assert [s.text for s in spans["villages"]] == ["马岗村", "三组"]


@pytest.mark.parametrize("text, villages", [
    ("东坝镇柳湾村四组", ["柳湾村", "四组"]),
    ("三河口镇渡口村一组、二组村民", ["渡口村", "一组", "二组"]),
    ("淮城街道文庙社区", ["文庙社区"]),
    ("河东居委会门口", ["河东居委会"]),
    ("第二村民小组和3组、五队", ["第二村民小组", "3组", "五队"]),
    ("我们村里的村民反映村干部", []),
    ("全村都知道，本村和邻村", []),
    ("工作组组长来了", []),
    ("村支书没有开村民大会就签了", []),                        # 没有 runs into 有开村
    ("以村委会名义与村民签了合同", []),
    ("写信反映村后山那家砖厂，车辆堵塞村道", []),              # a verb before 村后, 村道
    ("前进村八组和花园村后山", ["前进村", "八组", "花园村"]),   # verb and noun names stay
    ("城中村改造，温泉度假村，隔壁村都发了", []),
])
def test_villages(text, villages):
    assert texts(text, "villages") == villages


@pytest.mark.parametrize("text, petitioners", [
    ("我叫刘长福，今年七十了", ["刘长福"]),
    ("信访人：蒋兰芳，女", ["蒋兰芳"]),
    ("来访人:钱宝华、钱宝林兄弟2人", ["钱宝华", "钱宝林"]),
    ("本人李桥生，退休教师", ["李桥生"]),
    ("我是流均镇大沟村六组的王顺河，替我闺女写信", ["王顺河"]),
    ("请领导做主。\n刘老根（按手印）\n2024年3月18日", ["刘老根"]),
    ("宅基地证丢了，想补办，去哪里办？桃源镇 张桂英", ["张桂英"]),
    ("来访人：车桥镇新庄村二组村民许桂兰等6人", ["许桂兰"]),
    ("来电人：钱女士 18961502389", ["钱女士"]),
    ("请上级查一查。\n长冲村村民", ["长冲村村民"]),
    ("一个住在河边的老百姓", []),
    ("接待人：李芳\n记录人：吴敏", []),
])
def test_petitioners(text, petitioners):
    assert texts(text, "petitioners") == petitioners


@pytest.mark.parametrize("text, petitioners", [
    # a commoner's word, a name, then 等 or the verb of petitioning
    ("转办事项：群众冯志刚反映，其承包的鱼塘被邻村填了。", ["冯志刚"]),
    ("交办内容：锦湖湾小区业主邵春华等反映小区绿地被围起来卖车位。", ["邵春华"]),
    # a forwarded item names its petitioner after 转来
    ("县自然资源局：\n省信访局转来何玉兰（女，61岁）来信，反映其宅基地被占。", ["何玉兰"]),
    # the name after the self-description's comma
    ("我是一个在工地上干活的外地人，叫包永胜。去年租了一块地。", ["包永胜"]),
    ("联名人：汪德海 史长青 程秀云", ["汪德海", "史长青", "程秀云"]),
    ("我是桥头村的老渔民严广福，今年六十八了，湖边的地被人占了。", ["严广福"]),
    ("这块地到底能不能盖房？麻烦回复。——韦晓东", ["韦晓东"]),
    ("我们几户人家向领导反映，村后的塘被填了。", []),               # 向领导 is no person
])
def test_petitioners_in_more_voices(text, petitioners):
    assert texts(text, "petitioners") == petitioners


@pytest.mark.parametrize("text, group", [
    ("我们是枫林苑小区业主，小区东门的绿地被物业围起来了。", "枫林苑小区业主"),
    ("我们是云水街道枫林苑小区业主，东门的绿地被围了。", "枫林苑小区业主"),   # township left out
    ("柳塘镇新桥村村民联名反映：村里的机动地被组长租出去了。", "新桥村村民"),
    ("今天上午，高桥村四组村民20余人到局集体上访。", "高桥村四组村民"),
    ("我们7号楼全体住户反映：楼下的车库被改成了门面。", "7号楼全体住户"),
])
def test_groups_that_name_themselves(text, group):
    # Nobody is named: the group the writers name themselves as petitions.
    assert texts(text, "petitioners") == [group]


@pytest.mark.parametrize("text", [
    "施河镇群众反映，镇东头的路一直没修。",          # a whole township is no signature
    "我们村的村民都知道这块地是集体的。",
    "我们是一个村民小组的，地被占了。",
])
def test_no_group_where_none_signs(text):
    assert texts(text, "petitioners") == []


@pytest.mark.parametrize("text, respondents", [
    ("举报村支书王某私自卖地", ["村支书王某"]),
    ("村主任陆某未经讨论将鱼塘租给外地老板", ["村主任陆某"]),
    ("后山的鑫磊石料厂常年放炮炸山", ["鑫磊石料厂"]),
    ("厂家是澄湖清泉饮品有限公司。", ["澄湖清泉饮品有限公司"]),
    ("开发商扣着两万定金不退", ["开发商"]),
    ("卖给了城里一个姓邹的", ["姓邹的"]),
    ("我向镇政府反映过", []),
])
def test_respondents(text, respondents):
    assert texts(text, "respondents") == respondents


@pytest.mark.parametrize("text, areas", [
    ("占了我家六分多地", [("六分", 0.6)]),
    ("鱼塘十五亩，另有2.5亩", [("十五亩", 15.0), ("2.5亩", 2.5)]),
    ("搭建300多平方米，约80平米", [("300多平方米", 0.45), ("80平米", 0.12)]),
    ("征收1.2公顷", [("1.2公顷", 18.0)]),
    ("10亩左右", [("10亩", 10.0)]),
    ("一年一亩1000块钱", []),
    ("我十分气愤，等了三分钟", []),
])
def test_areas(text, areas):
    assert [(s.text, s.value) for s in extract(text)["areas"]] == areas


@pytest.mark.parametrize("text, money", [
    ("每亩3万元", [("3万元", 30000)]),
    ("收了十二万块钱", [("十二万块钱", 120000)]),
    ("合同价6万8千元，尾款一万二千块", [("6万8千元", 68000), ("一万二千块", 12000)]),
    ("欠了二十七万元出头", [("二十七万元", 270000)]),
    ("拿了一百多万元", [("一百多万元", 1000000)]),
    ("２０２３年工钱共计６．８万元", [("6.8万元", 68000)]),
    ("一块地两块田", []),
])
def test_money(text, money):
    assert [(s.text, s.value) for s in extract(text)["money"]] == money


@pytest.mark.parametrize("text, dates", [
    ("2023年12月28日", [("2023年12月28日", "2023-12-28")]),
    ("2023.3.5和2023-03-05", [("2023.3.5", "2023-03-05"), ("2023-03-05", "2023-03-05")]),
    ("3月5日", [("3月5日", "2024-03-05")]),
    ("去年三月", [("去年三月", "2023-03")]),
    ("今年5月份", [("今年5月份", "2024-05")]),
    ("去年、前几天、三年了", []),
])
def test_dates(text, dates):
    got = extract(text, reference_date=dt.date(2024, 6, 1))["dates"]
    assert [(s.text, s.value) for s in got] == dates


def test_dates_without_reference_keep_text():
    assert [(s.text, s.value) for s in extract("去年三月")["dates"]] == [("去年三月", None)]


@pytest.mark.parametrize("text, phones", [
    ("电话13905171234", ["13905171234"]),
    ("电话139 0517 1234或139-0517-1234", ["139 0517 1234", "139-0517-1234"]),
    ("座机0517-85912345", ["0517-85912345"]),
    ("打了12345和12336", []),
    ("身份证320826197508160923", []),                  # digits inside an ID are not a phone
    # mobiles in groups, with the country code as written
    ("手机138 1234 5678，或138-1234-5678", ["138 1234 5678", "138-1234-5678"]),
    ("联系+86 138 1234 5678", ["+86 138 1234 5678"]),
    ("电话0086-13812345678", ["0086-13812345678"]),
    ("电话+8613812345678。", ["+8613812345678"]),
    # landlines: the area code with a dash, a space, ASCII or full-width brackets, or glued
    ("座机0517 1234567，", ["0517 1234567"]),
    ("电话(0517)12345678", ["(0517)12345678"]),
    ("电话（0517）12345678", ["（0517）12345678"]),
    ("电话025-8461 9372", ["025-8461 9372"]),
    ("座机051785912345", ["051785912345"]),
    ("电话：0517 8512 3456，手机13805171234", ["0517 8512 3456", "13805171234"]),
    ("账号0517 1234 5678 9012", []),                  # a longer run of groups is not a phone
    # extensions stay with the number
    ("办公室0517-85912345转123", ["0517-85912345转123"]),
    ("办公室0517-85912345-123", ["0517-85912345-123"]),
    # a local number only after a word that introduces a phone
    ("联系电话：8591234", ["8591234"]),
    ("座机85912345。", ["85912345"]),
    ("编号85912345", []),
    # hotlines, dates, masked numbers and IDs are not personal phones
    ("拨打12345热线，又打12336", []),
    ("2024-03-18到2024.3.20", []),
    ("电话:1895230xxxx(已隐去)", []),
    ("2023年3月5日13905171234", ["13905171234"]),
    ("身份证号320826197508160923，电话13905171234", ["13905171234"]),
    # mobiles grouped some other way than 3-4-4, by spaces or dashes of any width
    ("我手机1386 152 7790，晚上打", ["1386 152 7790"]),
    ("电话13861 527790找老周", ["13861 527790"]),
    ("联系：138—6152—7790", ["138—6152—7790"]),
    # … but not a stretch of a bank account or a case number written in groups
    ("补偿款打到6217 1386 1527 790这个卡上", []),
    ("卷宗编号2023 1386 1527 79", []),
    # a year after a mobile on the same line is a date, not more of the number
    ("联系人老吴 13861527790 2024年5月", ["13861527790"]),
    # the label Tel glued to the number
    ("Tel13861527790", ["13861527790"]),
    ("TEL:0518-83456721", ["0518-83456721"]),
    # landlines: brackets and a dash, a dash with spaces around it, an extension after a space
    ("办公室(0518)-83456721", ["(0518)-83456721"]),
    ("值班室0518 - 83456721 转 206", ["0518 - 83456721 转 206"]),
    # a local number after 是/为, after 固话/宅电/联系号码
    ("我家座机是83456721，白天没人", ["83456721"]),
    ("固话：83456721", ["83456721"]),
    ("宅电83456721", ["83456721"]),
    ("手机号码为13861527790。", ["13861527790"]),
    # two numbers joined by / 、 或: the second without area code is a phone too
    ("村部电话0518-83456721/83456722", ["0518-83456721", "83456722"]),
    ("电话：0518-83456721、83456722", ["0518-83456721", "83456722"]),
    ("13861527790或13952718804都行", ["13861527790", "13952718804"]),
    # … while other numbers joined that way stay out
    ("编号83456721/83456722", []),
    # a local number split by a dash, and a note in brackets between the word and the number
    ("村委会电话：8345-6721", ["8345-6721"]),
    ("电话（家）83456721，手机13861527790", ["83456721", "13861527790"]),
    ("档案号8345-6721", []),
    ("电话里说2024-0315开会", []),
    ("合同号码12345678", []),
])
def test_phones(text, phones):
    assert texts(text, "phones") == phones


def test_phone_values_are_the_number():
    got = extract("电话+86 138 1234 5678，座机(0517)85912345")["phones"]
    assert [s.value for s in got] == ["13812345678", "051785912345"]


@pytest.mark.parametrize("text, ids", [
    ("身份证号码320826197508160923", ["320826197508160923"]),
    ("身份证11010519491231002X", ["11010519491231002X"]),
    ("身份证320826197508160924", []),                  # checksum wrong: not an ID
])
def test_id_numbers(text, ids):
    assert texts(text, "id_numbers") == ids


@pytest.mark.parametrize("text, n", [
    ("30余名村民联名反映", 30),
    ("我们五户人家", None),
    ("全组村民", None),
    ("来访人数：6人（带头人：吴长山）", 6),
])
def test_head_count(text, n):
    assert head_count(text) == n


def test_empty_letter_gives_empty_lists():
    spans = extract("领导你好，我想问一下这个事情怎么办，谢谢。")
    assert all(spans[f] == [] for f in spans if f != "head_count")


def test_spans_point_into_normalized_text():
    raw = "舉報１２畝地被佔，東壩鎮柳灣村，電話：１３９０５１７１２３４\r\n"
    letter = extract_letter(Letter(text=raw))
    assert letter.normalized == normalize(raw)
    letter.check_spans()
    assert [s.text for s in letter.spans["areas"]] == ["12亩"]
    assert [s.text for s in letter.spans["townships"]] == ["东坝镇"]


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _dev_records():
    recs = []
    for split in ("train", "dev"):       # never the test split
        f = CORPUS / f"{split}.jsonl"
        if f.is_file():
            recs += [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
    return recs


@pytest.mark.skipif(not (CORPUS / "dev.jsonl").is_file(), reason="corpus/dev.jsonl is absent")
def test_dev_corpus_floor():
    from xfnlp.extract.evaluate import evaluate_extraction

    recs = _dev_records()
    if not recs:
        pytest.skip("dev corpus empty")
    r = evaluate_extraction(recs)
    assert r["phones"]["exact"]["f1"] >= 0.95
    assert r["townships"]["exact"]["f1"] >= 0.9
    assert r["areas"]["exact"]["f1"] >= 0.9
