"""A held-out set of phones and ID numbers, written without looking at the extractor.

Each line is (text as received, phones, ID numbers): the items a careful clerk would mark,
written exactly as they stand in the text. The extractor works on the normalized text, so the
expectation is normalized the same way before comparing (as in test_contacts_stress.py, whose
cases this set does not repeat). The same lines go through the redactor, which works on the
raw text: every expected phone and ID must be masked there, and nothing else.

Decisions (corpus/GUIDE.md: "phones: mobile or landline numbers as written. Not 12345/12336";
"id_numbers: 18-character ID numbers that pass the checksum"; and the existing tests):

- Hotlines and short service codes (12345, 12336, 0517-12345, 110, 12315, 10086, 95588, 114)
  are the channel a complaint came through or a public service, not anybody's number: never a
  phone, whatever word stands before them.
- 400/800 numbers (400-xxx-xxxx, 800-xxx-xxxx) are full ten-digit numbers that reach one company
  (a developer's sales office, a quarry's head office), just as an office landline reaches an
  office: they are phones, as written.
- A 小灵通 number is a landline: with its area code (0517-6012345) or, after a word that
  introduces a phone (小灵通, 电话, 传真 ...), without.
- A fax number (传真) is a landline number: a phone.
- A 15-digit first-generation ID (e.g. 320803620918133) is not an id_number (the GUIDE counts only
  18-character numbers with a check character) and not a phone either.
- An 18-digit number whose birth date is impossible, or which is labelled as something else
  (合同编号, 账号, 统一社会信用代码), is not an ID even when its check character happens to fit.
  A 社保卡号 / 社会保障号码 IS the holder's ID number, so it is an ID.
- A phone or an ID broken by a line break (a wrapped table cell, a hard-wrapped form) is one
  item; the span runs across the break as written.
- Digits written one by one with spaces (1 3 8 6 ...) are the number, spaces and all.
- 尾号7790 / 尾数 / 后四位 identify nobody: not a phone.
"""

from __future__ import annotations

import pytest

from xfnlp.corpus import id_number_valid
from xfnlp.extract import extract
from xfnlp.redact import ID_MASK, PHONE_MASK, redact_text
from xfnlp.text import normalize

# Valid IDs (check characters computed with the GUIDE's snippet) ...
ID_1 = "320803196209181338"
ID_2 = "320804197706253014"
ID_3 = "320830195808091486"
ID_X = "32080319480315224X"
ID_5 = "320804199108270534"
ID_6 = "320803197104221764"
ID_7 = "320804198501093728"
ID_8 = "320826199402180511"
# ... typo'd ones (check character wrong) ...
BAD_1 = "320803196209181335"
BAD_2 = "320804197706253015"
BAD_X = "32080319480315224Y"
# ... and 18-digit numbers that pass the checksum but are no one's ID.
CONTRACT = "320804202311180061"      # fits the check character, but a 合同编号
CARD = "622848040256489014"          # bank account: check fits, birth date 0402-56-48 impossible
CREDIT = "913208031390517129"        # 统一社会信用代码 made only of digits

LINES = [
    # ---- villagers' letters: a mobile right after the name, in brackets, glued to words
    ("我是东坝镇柳湾村村民王桂兰（13861527790），反映邻居占我宅基地", ["13861527790"], []),
    ("反映人：汤长寿(13952718804)、汤学文(15250981137)", ["13952718804", "15250981137"], []),
    ("联系人王桂兰（电话：0517-83456721）", ["0517-83456721"], []),
    ("村民代表孙立华（手机：138 6152 7790）等十一户", ["138 6152 7790"], []),
    ("王桂兰13861527790住柳湾村三组", ["13861527790"], []),
    ("有事打13861527790找我", ["13861527790"], []),
    ("打我儿子手机13952718804他晓得", ["13952718804"], []),
    ("13861527790三组王桂兰", ["13861527790"], []),
    ("住8组，13861527790", ["13861527790"], []),
    ("住13号楼，电话13861527790", ["13861527790"], []),
    ("我电话是：13861527790，领导一定要回我电话", ["13861527790"], []),
    ("请打这个号码13861527790，别打老号码了", ["13861527790"], []),
    ("联系电话：\n13861527790\n", ["13861527790"], []),
    ("电话：138–6152–7790", ["138–6152–7790"], []),
    ("电话：138-615-27790", ["138-615-27790"], []),
    ("手机：１３８　６１５２　７７９０（本人）", ["１３８　６１５２　７７９０"], []),
    ("手机：1395 2718 804", ["1395 2718 804"], []),
    ("手机号：1 3 8 6 1 5 2 7 7 9 0", ["1 3 8 6 1 5 2 7 7 9 0"], []),
    ("电话1 3 9 5 2 7 1 8 8 0 4找老汤", ["1 3 9 5 2 7 1 8 8 0 4"], []),
    ("我的手机号码是一三八六一五二七七九〇，谢谢领导", ["一三八六一五二七七九〇"], []),
    # ---- two phones joined by 或 、 / ／ and spaces
    ("电话：13861527790或13952718804", ["13861527790", "13952718804"], []),
    ("电话：13861527790 或 13952718804", ["13861527790", "13952718804"], []),
    ("电话：13861527790／13952718804", ["13861527790", "13952718804"], []),
    ("手机138 6152 7790、139 5271 8804", ["138 6152 7790", "139 5271 8804"], []),
    ("电话：13861527790 13952718804", ["13861527790", "13952718804"], []),
    ("电话：13861527790。13952718804是他儿子的", ["13861527790", "13952718804"], []),
    ("电话：138-6152-7790（本人）/139-5271-8804（女儿）", ["138-6152-7790", "139-5271-8804"], []),
    ("座机0517-83456721或0517-83456722", ["0517-83456721", "0517-83456722"], []),
    ("村委会电话：83456721、83456722", ["83456721", "83456722"], []),
    ("联系电话：83456721（村部）、13861527790（村支书）", ["83456721", "13861527790"], []),
    ("手机号码：138-6152-7790/0517-83456721", ["138-6152-7790", "0517-83456721"], []),
    # ---- landlines: brackets, full width, no dash, 3-digit area codes
    ("座机（0517）83456721", ["（0517）83456721"], []),
    ("座机（0517）8345-6721", ["（0517）8345-6721"], []),
    ("电话：（０５１７）　８３４５　６７２１", ["（０５１７）　８３４５　６７２１"], []),
    ("宅电（0517）-83456721", ["（0517）-83456721"], []),
    ("电话：（025）84619372", ["（025）84619372"], []),
    ("电话：０５１７－８３４５６７２１", ["０５１７－８３４５６７２１"], []),
    ("村部05178345672，没人接", ["05178345672"], []),
    ("电话0517 8345672", ["0517 8345672"], []),
    ("南京的律师电话02584619372", ["02584619372"], []),
    ("家里座机是0517-8345672，早停了", ["0517-8345672"], []),
    ("回访号码：0517-83456721", ["0517-83456721"], []),
    ("主叫号码：051783456721", ["051783456721"], []),
    ("电话0517-83456721村委会的", ["0517-83456721"], []),
    # ---- 小灵通 and fax
    ("小灵通：0517-6012345", ["0517-6012345"], []),
    ("老号码是小灵通86012345，现在不用了", ["86012345"], []),
    ("传真：0517-83608822", ["0517-83608822"], []),
    ("电话：0517-83608821 传真：0517-83608822", ["0517-83608821", "0517-83608822"], []),
    ("传真83608822", ["83608822"], []),
    # ---- 400/800 numbers
    ("开发商售楼处电话400-826-5588，打了没人管", ["400-826-5588"], []),
    ("客服电话：4008265588", ["4008265588"], []),
    ("砂场总部电话400 826 5588", ["400 826 5588"], []),
    ("物业说打800-828-1234报修", ["800-828-1234"], []),
    ("售楼处400 826 5588 转 206，", ["400 826 5588 转 206"], []),
    ("补偿款8000000000", [], []),
    ("补偿款400万元一直没到位", [], []),
    ("合同编号4008265588", [], []),
    # ---- WeChat
    ("13861527790（微信同号）", ["13861527790"], []),
    ("电话13861527790微信同号", ["13861527790"], []),
    ("微信：13861527790", ["13861527790"], []),
    ("微信号wxid_138615，电话13952718804", ["13952718804"], []),
    # ---- tables: tab-separated rows, wrapped cells
    ("姓名\t电话\t住址\n王桂兰\t13861527790\t东坝镇柳湾村", ["13861527790"], []),
    ("来访人\t汤长寿\t电话\t0517-83456721\t人数\t3", ["0517-83456721"], []),
    ("| 王桂兰 | 13861527790 | 三组 |\n| 汤长寿 | 13952718804 | 五组 |",
     ["13861527790", "13952718804"], []),
    ("联系电话：13861\n527790\n反映事项：占地", ["13861\n527790"], []),
    ("联系电话：138 6152\n7790", ["138 6152\n7790"], []),
    # ---- masked and partial numbers
    ("手机尾号7790的那个人", [], []),
    ("尾号为7790的手机打来的", [], []),
    ("来电号码尾数7790", [], []),
    ("手机号后4位：7790", [], []),
    ("尾号7790的手机，全号是13861527790", ["13861527790"], []),
    ("电话：138-****-7790", [], []),
    ("手机：138 6152 ****", [], []),
    # (added after the first run: other ways a number is masked, and the XX of a place)
    ("电话1390517××××", [], []),
    ("来电号码：1390517●●●●", [], []),
    ("电话：1390517 ****", [], []),
    ("座机：0517-8591 ****", [], []),
    ("电话：1390517 xxxx", [], []),
    ("电话13861527790 XX镇XX村", ["13861527790"], []),
    # ---- hotlines and service codes are never phones
    ("打了12345和12336都没用", [], []),
    ("12345政务服务便民热线转来", [], []),
    ("拨打12345-1转人工", [], []),
    ("县12336举报电话打不通", [], []),
    ("举报电话：12336", [], []),
    ("热线电话0517-12345", [], []),
    ("电话：0517-12336", [], []),
    ("打10086查了号码，95588说卡冻结了，114查不到", [], []),
    ("我打了12345，接线员让我留电话13861527790", ["13861527790"], []),
    ("12345热线来电，来电号码：0517-83456721", ["0517-83456721"], []),
    ("12345热线回访电话13861527790", ["13861527790"], []),
    # ---- numbers that are neither
    ("合同编号：HT2024030513861", [], []),
    ("合同编号：20240305138", [], []),
    ("宗地号：320803102001GB00086", [], []),
    ("不动产单元号320803102001GB00086F00010001", [], []),
    ("苏（2023）淮安区不动产权第0013861号", [], []),
    ("淮国用（2005）第13861号土地证", [], []),
    ("户名王桂兰，卡号6228 4804 0256 4890 018", [], []),
    ("农行卡6228480402564890018", [], []),
    ("银行卡号：6222 0813 8615 2779", [], []),
    ("赔偿款共计1386152元", [], []),
    ("补偿款138615.27元", [], []),
    ("面积共13861.52平方米", [], []),
    ("2024年3月5日14时", [], []),
    ("2024年3月5日14时30分来电", [], []),
    ("来电时间：2024-03-05 14:30:21", [], []),
    ("来电时间：20240305143021", [], []),
    ("土地证号：05178345672", [], []),
    ("登记号：02584619372", [], []),
    ("车牌苏H13861", [], []),
    ("车牌号苏HD13861，拉土的车", [], []),
    ("邮编：223200", [], []),
    ("幸福路1386号", [], []),
    ("富康小区13幢8615室", [], []),
    ("工单号：2024030513861", [], []),
    ("工单号：HA2024030513861527790", [], []),
    ("营业执照注册号320803000012345", [], []),
    ("统一社会信用代码：91320803MA1MXJ7Q3K", [], []),
    (f"统一社会信用代码：{CREDIT}", [], []),
    ("档案号：1386-1527-790", [], []),
    # ---- (added after the first run) typed forms: spaced labels, a name before the number,
    # two numbers set side by side with a space
    ("电  话：83456721", ["83456721"], []),
    ("传　真：83608822", ["83608822"], []),
    ("联系人及电话：王桂兰 83456721", ["83456721"], []),
    ("电话：0517-83456721 83456722", ["0517-83456721", "83456722"], []),
    ("电话：83456721 83456722", ["83456721", "83456722"], []),
    ("来电号码：13861527790 20240305 14:30", ["13861527790"], []),
    ("电话：0517-83456721 83456722元", ["0517-83456721"], []),
    ("电话：打不通，20240305", [], []),
    # ---- hotline transcripts and forwarded forms, a few lines each
    ("来电号码：13861527790\n归属地：江苏淮安\n来电时间：2024-03-05 14:30:21\n工单号：HA2024030500123",
     ["13861527790"], []),
    ("交办编号：苏自然资12336-2024-1187\n信访人：王桂兰，联系电话：13861527790",
     ["13861527790"], []),
    ("交办单位：市自然资源和规划局 联系人：陈科长 电话：0517-83608821",
     ["0517-83608821"], []),
    ("来电时间：2024年3月5日14时30分\n来电人：汤先生\n联系方式：139 5271 8804",
     ["139 5271 8804"], []),
    ("2024年3月5日14时30分来电，电话13861527790", ["13861527790"], []),
    ("邮编223200电话13861527790", ["13861527790"], []),
    ("邮编：223200 电话：83456721", ["83456721"], []),
    ("来访登记\n来访人：王桂兰 联系电话：13861527790 来访人数：3人\n接待人：刘", ["13861527790"], []),
    ("交办日期：2024年03月05日 办理时限：2024年03月20日 联系电话：0517-83608821",
     ["0517-83608821"], []),
    # ---- ID numbers
    (f"反映人汤长寿（{ID_1}）", [], [ID_1]),
    (f"我叫汤长寿{ID_1}现住东坝镇", [], [ID_1]),
    (f"身份证{ID_2}电话13861527790", ["13861527790"], [ID_2]),
    (f"身份证号码为：{ID_3}", [], [ID_3]),
    (f"身份证号：{ID_X.lower()}，电话13952718804", ["13952718804"], [ID_X.lower()]),
    ("身份证号：３２０８０３１９４８０３１５２２４ｘ", [], ["３２０８０３１９４８０３１５２２４ｘ"]),
    ("身份证号：320803 1948 0315 224x", [], ["320803 1948 0315 224x"]),
    (f"身份证号：{ID_5}、{ID_6}", [], [ID_5, ID_6]),
    (f"身份证号：{ID_5}/{ID_6}", [], [ID_5, ID_6]),
    (f"社保卡号：{ID_7}", [], [ID_7]),
    (f"身份证：{ID_8}（复印件附后）", [], [ID_8]),
    (f"身份证号{ID_1} 手机13861527790 邮编223200", ["13861527790"], [ID_1]),
    (f"身份证号：{ID_2}\n联系电话：0517-83456721", ["0517-83456721"], [ID_2]),
    # an ID broken by a line break is one ID
    ("身份证号：32080319620918\n1338", [], ["32080319620918\n1338"]),
    ("身份证号：320803\n19620918\n1338", [], ["320803\n19620918\n1338"]),
    ("身份证号：320803196209181\n338", [], ["320803196209181\n338"]),
    ("电话13861527790\n320803196209181338", ["13861527790"], [ID_1]),
    ("身份证号码：320804197706\r\n253014\r\n电话：13861527790",
     ["13861527790"], ["320804197706\r\n253014"]),
    # typo'd IDs: neither an ID nor a phone, and no piece of them is a phone
    (f"身份证号：{BAD_1}", [], []),
    (f"身份证{BAD_2}，电话13861527790", ["13861527790"], []),
    (f"身份证号码：{BAD_X}", [], []),
    ("身份证号：3208 0319 6209 1813 35", [], []),
    # 15-digit first-generation IDs
    ("身份证号：320803620918133（老证）", [], []),
    ("老身份证320803620918133，电话13861527790", ["13861527790"], []),
    # 18 digits that fit the check character but are no one's ID
    (f"合同编号：{CONTRACT}", [], []),
    (f"开户账号{CARD}", [], []),
    ("身份证号码后六位181338", [], []),
]


def _names(items):
    return [normalize(x) for x in items]


@pytest.mark.parametrize("text, phones, ids", LINES)
def test_extracted(text, phones, ids):
    got = extract(text)
    norm = normalize(text)
    for s in got["phones"] + got["id_numbers"]:
        assert norm[s.start:s.end] == s.text
    assert [s.text for s in got["phones"]] == _names(phones)
    assert [s.text for s in got["id_numbers"]] == _names(ids)


@pytest.mark.parametrize("text, phones, ids", LINES)
def test_redacted(text, phones, ids):
    out = redact_text(text)
    assert out.count(PHONE_MASK) == len(phones)
    assert out.count(ID_MASK) == len(ids)
    for item in phones + ids:
        assert item not in out


def test_the_set_is_what_it_claims():
    assert len(LINES) >= 120
    assert all(id_number_valid(x) for x in (ID_1, ID_2, ID_3, ID_X, ID_5, ID_6, ID_7, ID_8))
    assert all(id_number_valid(x) for x in (CONTRACT, CARD, CREDIT))
    assert not any(id_number_valid(x) for x in (BAD_1, BAD_2, BAD_X))
    for text, phones, ids in LINES:
        for item in phones + ids:
            assert item in text, item


@pytest.mark.parametrize("text, values", [
    ("电话：1 3 8 6 1 5 2 7 7 9 0", ["13861527790"]),
    ("开发商售楼处电话400-826-5588", ["4008265588"]),
    ("联系电话：13861\n527790", ["13861527790"]),
    ("电话：（０５１７）　８３４５　６７２１", ["051783456721"]),
])
def test_phone_values(text, values):
    assert [s.value for s in extract(text)["phones"]] == values


@pytest.mark.parametrize("text, value", [
    ("身份证号：320803\n19620918\n1338", ID_1),
    ("身份证号：320803 1948 0315 224x", ID_X),
])
def test_id_values(text, value):
    assert [s.value for s in extract(text)["id_numbers"]] == [value]
