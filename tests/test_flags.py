"""Topic tags and risk flags (xfnlp.flags): every rule, its guards, and exact evidence spans."""

import re

import pytest

from xfnlp.flags import find_flags, find_tags, head_counts, in_others_quote, is_negated
from xfnlp.letter import Span


def flag_labels(text, petitioners=None):
    return [s.label for s in find_flags(text, petitioners)]


def tag_labels(text):
    return [s.label for s in find_tags(text)]


def assert_exact(spans, text):
    for s in spans:
        if s.label == "匿名":
            continue
        assert text[s.start:s.end] == s.text, s
        assert s.text, s


def assert_flag(text, label, expected):
    """``label`` fires on ``text`` exactly when ``expected``, with exact evidence spans."""
    spans = [s for s in find_flags(text) if s.label == label]
    assert bool(spans) is expected, spans
    assert_exact(spans, text)


# ------------------------------------------------------------------ 越级访风险

@pytest.mark.parametrize("text, expected", [
    # threats
    ("三组30多名村民联名反映，扬言要到北京上访", True),
    ("再不解决，我们就去省里上访", True),
    ("如果区里不处理，我们只能向市里反映。", True),
    ("来访人情绪激动，称“再不给说法就去市里”。", True),      # the petitioner's own quoted words
    ("如果县里不查，我就拿着材料去市纪委。", True),
    ("信访人表示，如问题得不到解决将继续进京上访。", True),
    ("本地实在解决不了，我会把材料寄给省自然资源厅。", True),
    # history
    ("去年已到省里上访过，没有结果。", True),
    ("2019年我到市里信访局去过一回，市里转回来。", True),
    ("我写信给市长信箱，一直没有回音。", True),
    ("信访人曾于2024年5月向市信访局反映同一事项。", True),
    # negation
    ("我们不会去北京闹，只求领导来看一下。", False),
    ("本人不愿意走到市里、省里去，所以恳请贵局依法介入。", False),
    # another party's words, quoted or reported
    ("村干部说“你去北京告也没用”。", False),
    ("组长扬言“不服就去告到省里”。", False),
    ("韩支书放话谁再往上告就别想在村里混。", False),
    # a case forwarded by a higher office is not a threat
    ("淮安市人民政府办公室\n市长信箱来信转办单\n转办日期:2024年7月22日", False),
    ("请认真调查处理，并将结果报送市信访局。", False),
    # county level, or going to the city for something else
    ("来访人表示如月底前无答复，将组织村民到区政府上访。", False),
    ("我儿子在市里打工，一年回来一次。", False),
    ("他到南京看病去了，要下个月才能回来。", False),
    # writing to the leaders above the county
    ("我们准备联名写信给省委书记。", True),
    ("我给省长留过言，转下来还是没人管。", True),
    ("【领导留言板】车桥镇有人在基本农田上建厂", False),   # a channel's name, not a threat
])
def test_above_county(text, expected):
    assert_flag(text, "越级访风险", expected)


def test_above_county_evidence_is_the_going():
    text = "去年已到省里上访过一次"
    (s,) = [s for s in find_flags(text) if s.label == "越级访风险"]
    assert s.text == "到省里" and text[s.start:s.end] == "到省里"


# ------------------------------------------------------------------ 集体访

@pytest.mark.parametrize("text, expected, value", [
    ("三组30多名村民联名反映村里卖地的事", True, 30),
    ("来访人：双桥乡刘庄村七组村民8人，带头人谢金海", True, 8),
    ("来访人数：6人（带头人：吴长山）", True, 6),
    ("高店镇黄湾村村民朱德旺等12人来访反映", True, 12),
    ("我们是在砖瓦厂干活的工人，一共十一个人，工钱一直没给", True, 11),
    ("前营村村民 郝建民 庞秀英 郝立业 等16人", True, 16),
    ("松岗村六组 张满仓 熊玉莲 (代表全组28户)", True, 28),
    ("我们是石牛村四组的六户人家,写信反映组里调整承包地的事", True, 6),
    ("二十多户联名反映组长私卖鱼塘", True, None),
    ("全组村民联名反映：村后山林被卖", True, None),
    ("枫林村二组 彭德茂 彭细伢 刘运生 刘桂英 彭水莲 彭冬生 (签名)", True, 6),
    ("新民村村民 饶德林、饶小军、贝桂香、饶长寿、贝永和\n2024年10月", True, 5),
    # not people petitioning together
    ("这块宅基地是兄弟五人共有的，老大要卖", False, None),
    ("砖厂至今拖欠48名职工工资", False, None),
    ("地下室被隔成小间，住了四五十人，消防隐患大", False, None),
    ("刘老根（按手印）\n2024年3月18日", False, None),
    ("分家协议也写了按了手印", False, None),
    ("来访人:龙昌富、唐德贵,2人\n事由:二人5月13日随本村12人来访反映粉尘问题", False, None),
    ("我们村会计去年把我们十组七户人家的承包地转给了他小舅子", False, None),
    ("总不能让我们几十户人家天天闻臭气", False, None),
    ("小区的地是全体业主共有的，物业凭什么收费", False, None),
    ("周圩村老党员 周德明 周德昌 联名", False, None),
    ("存在集体上访苗头，请妥善处置", False, None),
    ("来访人:石永红等4人", False, None),
])
def test_collective(text, expected, value):
    spans = [s for s in find_flags(text) if s.label == "集体访"]
    assert bool(spans) is expected, spans
    assert_exact(spans, text)
    if expected and value is not None:
        assert spans[0].value == value


def test_collective_threshold_is_a_parameter():
    text = "来访人:石永红等4人"
    assert "集体访" not in flag_labels(text)
    assert [s.label for s in find_flags(text, collective_min=4)] == ["集体访"]


@pytest.mark.parametrize("text, values", [
    ("30多名村民来访", [30]),
    ("许有田等11人（联名）", [11]),
    ("兄弟五人共有", []),
    ("每户3人", []),
    ("一共来了五次，每次2人", []),
])
def test_head_counts(text, values):
    spans = head_counts(text)
    assert [s.value for s in spans] == values
    assert_exact(spans, text)


# ------------------------------------------------------------------ 极端言论

@pytest.mark.parametrize("text, expected", [
    ("领导要是再不管，我就带着汽油去县政府门口自焚", True),
    ("再没人管，逼急了我就跟他家拼命", True),
    ("多次说“再不给钱,我就拿瓶农药到镇政府门口喝了”", True),   # the petitioner quoted by the clerk
    ("杜文斌称“再不管我们就躺到挖掘机前面去,出了事你们负责”", True),
    ("我就只能从那栋烂尾楼上跳下去了", True),
    ("大不了死在你们政府门口", True),
    ("我已经买好了百草枯，大不了一死。", True),
    ("我把安眠药都准备好了。", True),
    ("再拖下去我就去县政府门口割腕。", True),
    ("哪天我忍不住了，就拿刀去找他算账。", True),
    ("逼我走绝路，我就放火把他的厂烧了。", True),
    ("要是房子被强拆，我就在屋里点把火，一家人烧死算了。", True),
    ("大不了鱼死网破。", True),
    # someone else's act told as news; crops, not people; a company's zeal
    ("听说隔壁县有人跳楼，我们可不想走那条路。", False),
    ("村里去年有人喝农药，被及时救了回来。", False),
    ("鸭粪倒在田头，秧苗都烧死了一块。", False),
    ("这家企业打着扶贫的旗号拼命圈地。", False),
    # negation, another party, non-violent protest, hard work
    ("我们不会做极端的事，也不会去跳楼", False),
    ("曹某扬言“谁敢动这块地我就跟他拼命”", False),
    ("村干部说“你们去跳河也没用”", False),
    ("我们打算到镇政府门口拉横幅、静坐", False),
    ("我拼命干活供两个孩子上学", False),
    ("小商户都活不下去了", False),
])
def test_extreme(text, expected):
    assert_flag(text, "极端言论", expected)


# ------------------------------------------------------------------ 匿名

def test_anonymous_depends_on_petitioners():
    text = "举报村里有人占地建房"
    assert "匿名" in flag_labels(text, [])
    assert "匿名" in flag_labels(text, [Span(0, 4, "petitioner", "前进村村民")])
    assert "匿名" not in flag_labels(text, [Span(0, 3, "petitioner", "刘长福")])
    assert "匿名" not in flag_labels(text)            # unknown petitioners: no judgement


# ------------------------------------------------------------------ guards

def test_negation_guard():
    t = "我们不会去北京闹"
    assert is_negated(t, t.index("北京"))
    t = "再不解决就去北京"
    assert not is_negated(t, t.index("北京"))


def test_quotation_guard():
    t = "村干部说“你去北京告也没用”"
    assert in_others_quote(t, t.index("北京"))
    t = "来访人称“再不解决就去北京”"
    assert not in_others_quote(t, t.index("北京"))
    t = "他们拿着《去北京的路》这本书"
    assert in_others_quote(t, t.index("北京"))


# ------------------------------------------------------------------ tags

@pytest.mark.parametrize("text, tag, expected", [
    # 征地补偿
    ("今年村里修路征了我家1.3亩地，补偿款只给了一半", "征地补偿", True),
    ("2021年整组拆迁，安置房到现在没分到", "征地补偿", True),
    ("通知上写每座坟迁移补偿1500元，太低了", "征地补偿", True),
    ("该地块至今未办理征收及出让手续，请核查", "征地补偿", False),
    ("请问办理继承登记是否征收契税？", "征地补偿", False),
    ("我们在拆迁公司干了半年活，工钱一分没拿到", "征地补偿", False),
    ("不换新证的话以后拆迁不认吗？", "征地补偿", False),
    # 宅基地
    ("邻居翻建房子占了我家宅基地一米多", "宅基地", True),
    ("现在搞房地一体确权，我家老宅能不能登记？", "宅基地", True),
    ("我家只有一个老的集体土地使用证，能办不动产证吗", "宅基地", True),
    ("有人冒充国土局打电话，说宅基地确权要交测绘费", "宅基地", False),
    ("小区地下车库渗水严重，申请维修基金太难", "宅基地", False),
    # 耕地保护
    ("组里的孙二在我家责任田里打地基盖房子，麦子全压在底下", "耕地保护", True),
    ("渣土车把建筑垃圾往我们的口粮田里倒，六七亩地给压住了", "耕地保护", True),
    ("有人在基本农田上盖猪场，请快来查", "耕地保护", True),
    ("诉求：清理堆放物，恢复耕地。", "耕地保护", True),
    ("砖厂把地挖成深坑，挖的地以后怎么复耕？", "耕地保护", True),
    ("我家承包地边上的电线杆歪了，请派人修", "耕地保护", False),
    ("2023年县里搞高标准农田建设，这片地要统一整理", "耕地保护", False),
    ("他家犁地往我家这边犁过来，把田埂铲了，地界挪了一尺", "耕地保护", False),
    ("邻居家的农家乐占了我家宅基地边上的路", "耕地保护", False),
    # 涉及干部: an accused person, not a body
    ("我要举报白沙镇河湾村村主任贾某某，他在基本农田上建大棚房出租", "涉及干部", True),
    ("村支书孟某把宅基地指标拿出来卖，钱都是现金交", "涉及干部", True),
    ("被反映人:上河镇青龙村党总支书记季某某", "涉及干部", True),
    ("镇国土所工作人员态度恶劣，边玩手机边答复", "涉及干部", True),
    ("组长私卖组里两亩坟地，要求追回。", "涉及干部", True),
    ("村委会将村西河滩集体土地约60亩租给外地人种植意杨", "涉及干部", False),
    ("镇政府未批先建，占了我们组的地", "涉及干部", False),
    ("我是钦工镇柳庄村三组组长伍成林，代表三组反映土地权属纠纷", "涉及干部", False),
    ("尊敬的区委书记：我们村后面的煤矿把田挖塌了", "涉及干部", False),
    ("我是炭窑乡长冲村的村民，反映煤矿塌陷的事", "涉及干部", False),
    ("处理：登记，报分管局长，执法大队安排夜间巡查。", "涉及干部", False),
    ("我去村里问，村会计说没批过。他家墙已经砌到一人多高，违法占地", "涉及干部", False),
    ("村主任说他管不了。我们只好问组长，组长私自收了倒渣的钱", "涉及干部", True),
])
def test_tags(text, tag, expected):
    spans = [s for s in find_tags(text) if s.label == tag]
    assert bool(spans) is expected, (tag, find_tags(text))
    assert_exact(spans, text)


def test_tag_evidence_is_exact_and_first():
    text = "村支书孟某把宅基地指标拿出来卖"
    spans = {s.label: s for s in find_tags(text)}
    assert spans["宅基地"].text == "宅基地" and text[spans["宅基地"].start:spans["宅基地"].end] == "宅基地"
    assert spans["涉及干部"].text == "村支书"


def test_several_flags_on_a_long_letter():
    text = ("尊敬的县国土局领导：\n我们是东坝镇杨庄村七组的村民。2022年村支书孟某某私自把组里一百二十多亩"
            "好田租给公司建厂，麦子全推了，青苗费一分没给。2023年冬天我们两个组去市里上访过一次。"
            "要是再没人管，我这把老骨头就喝农药死在厂门口。\n"
            "杨庄村七组村民 殷长贵、殷德华、孟凡友、孟小兵、殷春生\n2024年1月3日")
    flags = find_flags(text, [Span(0, 3, "petitioner", "殷长贵")])
    assert [s.label for s in flags] == ["集体访", "越级访风险", "极端言论"]
    assert_exact(flags, text)
    tags = find_tags(text)
    assert {s.label for s in tags} == {"征地补偿", "耕地保护", "涉及干部"}
    assert_exact(tags, text)


def test_empty_and_plain_text():
    assert find_flags("") == []
    assert find_tags("") == []
    assert find_flags("请问不动产登记中心几点上班？") == []
    assert find_tags("请问不动产登记中心几点上班？") == []


def test_docstring_examples_hold():
    assert flag_labels("三组30多名村民联名反映，扬言要到北京上访") == ["集体访", "越级访风险"]
    assert find_flags("我们不会去北京闹事") == []
    assert re.fullmatch(r"[到去]省里", [s for s in find_flags("去年我们已到省里上访过一次")][0].text)
