"""Respondents and petitioners by the sentence's role structure: text in, spans out."""

from __future__ import annotations

import pytest

from xfnlp.extract import extract


def texts(text, field):
    return [s.text for s in extract(text)[field]]


@pytest.mark.parametrize("text, respondents", [
    # Title + name, with 原/兼 and a works word before 老板.
    ("反映三岔村原党支部书记冯某在任期间私卖集体土地", ["原党支部书记冯某"]),
    ("被举报人：柏林村现任党支部书记兼主任丁某\n内容：", ["党支部书记兼主任丁某"]),
    ("每车运费二百八十块，砖厂老板杨国庆一直拖着不给", ["砖厂老板杨国庆"]),
    # Field labels of a 交办单.
    ("被举报人：渔沟村四组组长何某、村委委员何某某\n我们四组", ["组长何某", "村委委员何某某"]),
    ("被投诉单位：区不动产登记中心\n投诉人：伏女士", ["区不动产登记中心"]),
    # Company names: the left edge stops at verbs and place words, 开发商 kept before a short name.
    ("信访人反映相邻的金石建材公司越过矿界开采", ["金石建材公司"]),
    ("来访人反映白石村后山的顺达采石场放炮震裂房屋", ["顺达采石场"]),
    ("去年开发商恒达置业说年底办证", ["恒达置业"]),           # GUIDE: no generic word before a name
    ("开发商振华房地产开发有限公司说定金不退", ["振华房地产开发有限公司"]),
    ("给一家叫“鼎力拆除工程”的公司干活，工钱至今没结", ["鼎力拆除工程"]),
    # A works named only by its trade is the respondent only when it acts.
    ("我弟弟在黑龙潭镇一个采石场打工", []),
    ("我们组后山那个采石场天天放炮", ["采石场"]),
    # Surname + short title, 老X家.
    ("把村东头机动地卖给外村丁老板的事", ["丁老板"]),
    ("有个叫谢老三的人一直在山上挖", ["谢老三"]),
    ("我家隔壁老秦家把院墙往外砌了一米", ["老秦家"]),
    # 姓X的 + head, free descriptions, gangs.
    ("拆迁办一个姓孙的副主任跟我说先签字", ["姓孙的副主任"]),
    ("里面一个戴眼镜的年轻干部头都不抬", ["戴眼镜的年轻干部"]),
    ("山沟里有一伙外地人在偷挖金矿", ["外地人"]),             # GUIDE: 一伙外地人 → 外地人
    # <cadre>的<relative>: the relative when acting, the cadre when a beneficiary.
    ("据来访人称，挖砂的是村主任的妻弟，没有任何手续", ["村主任的妻弟"]),
    ("评上低保的有村主任的亲戚", ["村主任"]),
    # Bare parties: acting, reported, or handed the matter.
    ("集体地去年被村委会卖给了一个驾校", ["村委会"]),
    ("要求开发商退还定金", ["开发商"]),
    ("要求城管依法拆除违建", []),
    ("我向镇政府反映过", []),
    # Attached group, village or township.
    ("听说是工程队干的，给了三组组长一点好处费", ["工程队", "三组组长"]),
    ("反映新桥村村委会占用耕地建市场", ["新桥村村委会"]),
    ("石桥镇政府至今未付剩余补偿款", ["石桥镇政府"]),
    # Close kin: the name alone, and only when acting.
    ("丈夫走后，他弟弟林长富说我种不了，先帮我种着", ["林长富"]),
    ("我弟弟房建业在外地工作", []),
    # Names by role: group-mates, buyers, the reported.
    ("我要反映的是我们组的周大军，他去年在我家田边盖房", ["周大军"]),
    # GUIDE ruling: a status word before a name is a role (外村人吴某, as 村民王某).
    ("将老宅以6.5万元私下卖给外村人吴某，吴某准备拆旧建新", ["外村人吴某"]),
    ("举报方式：电话", []),
])
def test_respondents_by_role(text, respondents):
    assert texts(text, "respondents") == respondents


@pytest.mark.parametrize("text, petitioners, respondents", [
    # 被反映人 is not a 反映人 label: the name after it is the respondent.
    ("反映人:韦某(实名)\n被反映人:上河镇青龙村党总支书记季某某\n主要内容", ["韦某"], ["党总支书记季某某"]),
])
def test_labels_split_roles(text, petitioners, respondents):
    spans = extract(text)
    assert [s.text for s in spans["petitioners"]] == petitioners
    assert [s.text for s in spans["respondents"]] == respondents


# -- span edges (xfnlp/extract/party_edges.py): the GUIDE's boundary conventions --------------

def _settled(text, start_word):
    from xfnlp.extract.party_edges import settle_respondent
    from xfnlp.extract.places import find_townships, find_villages
    from xfnlp.profile import load_profile

    prof = load_profile()
    towns = find_townships(text, prof)
    villages = find_villages(text, prof, towns)
    i = text.index(start_word)
    s, e = settle_respondent(text, i, i + len(start_word), towns, villages)
    return text[s:e]


@pytest.mark.parametrize("text, decided, span", [
    # A place written directly before a body stays, the whole chain of it.
    ("反映西郊镇柳湾村村委会私自出租机动地", "村委会", "西郊镇柳湾村村委会"),
    ("举报石桥镇政府强行征地", "镇政府", "石桥镇政府"),
    ("被投诉单位是区国土分局", "国土分局", "区国土分局"),
    ("萍山县宏发石料厂天天放炮", "宏发石料厂", "萍山县宏发石料厂"),
    ("找了林集镇国土所", "镇国土所", "林集镇国土所"),          # a span starting inside the place
    ("小区里的物业乱收费", "物业", "物业"),                    # no place before it
    # The estate a property company serves is part of its name, with the place before it.
    ("反映湖滨街道枫丹小区物业乱收停车费", "物业", "湖滨街道枫丹小区物业"),
    ("反映小区物业乱收停车费", "物业", "物业"),                # 反映 is no estate name
    # A kinship word before a name is not part of the span.
    ("他小叔子沈国强把路堵了", "小叔子沈国强", "沈国强"),
    # The works a 老板 runs belong to the title.
    ("村里的船老板梁某天天抽沙", "老板梁某", "船老板梁某"),
    # No generic word before a named company; the writer's 某 stays with the company.
    ("开发商恒达置业说年底办证", "开发商恒达置业", "恒达置业"),
    ("来了某物流公司的车", "物流公司", "某物流公司"),
    # Verbs and measure words of the sentence are not part of a name.
    ("他家在田里盖塑料厂", "盖塑料厂", "塑料厂"),
    ("山上有一伙外地人", "一伙外地人", "外地人"),
    # What follows 邻居 names the neighbour (GUIDE: 邻居王二).
    ("邻居尤家把水沟填了", "邻居", "邻居尤家"),
    ("邻居顾长喜把院墙往外砌", "邻居", "邻居顾长喜"),
    # … but not the sentence going on after 邻居 (扰|民: a word across the "name"'s end).
    ("投诉邻居养狗扰民", "邻居", "邻居"),
    # What only looks like a name after a title is the sentence going on: the title alone.
    ("挖土的说跟组长谈好了", "组长谈好", "组长"),              # 了 follows a verb
    ("那个老板赖着不走", "老板赖着", "老板"),                  # 着 is no given name
    ("柜台工作人员边玩手机边说话", "工作人员边玩手", "工作人员"),  # 手|机 is one word
    ("村主任和城里来的人签了合同", "村主任和城里", "村主任"),    # 和 joins the next party
    ("物业公示都没有", "物业公示", "物业"),                    # 公示 is a word, not a name
    ("组长邬明亮把地租了", "组长邬明亮", "组长邬明亮"),          # a real name stays
    ("这笔钱凭什么要业主来承担", "业主来承担", "业主"),            # 来 here is the verb
    ("老会计盖章的条子还在", "老会计盖章", "老会计"),
    ("他跟村干部谈妥了价钱", "村干部谈妥", "村干部"),
    ("小区物业经理态度差", "物业经理", "物业经理"),              # a title of its own stays
    # The span does not start inside the word before it (今年 | 章某…, 交办后 | 县政府).
    ("今年章某的儿子回来了", "年章某的儿子", "章某的儿子"),
    ("市里交办后县政府一直没答复", "办后县政府", "县政府"),
    ("小区东边在建的楼盘晚上施工", "在建的楼盘", "在建的楼盘"),  # a relative clause stays whole
    # A party word inside a longer one written there: the whole word (征收指挥部, 物业公司).
    ("征收指挥部天天派人来", "指挥部", "征收指挥部"),
    ("物业公司乱收停车费", "物业", "物业公司"),
    ("物业经理骂人", "物业", "物业经理"),
    ("物业把绿地圈了", "物业", "物业"),
    # A village the place finder missed (its name is also a word) still goes with its committee.
    ("向阳村村委会把机动地租出去了", "村委会", "向阳村村委会"),
    ("举报东风社区居委会乱收费", "居委会", "东风社区居委会"),
    ("我们村村委会把机动地租出去了", "村委会", "村委会"),      # 我们村 is no village's name
    ("邻村村委会不管", "村委会", "村委会"),
])
def test_respondent_span_edges(text, decided, span):
    assert _settled(text, decided) == span


def test_respondent_spans_prefer_the_full_mention_and_drop_a_bare_developer():
    from xfnlp.extract.party_edges import settle_respondents

    from xfnlp.extract.places import find_townships
    from xfnlp.profile import load_profile

    text = "车桥镇政府去年征地，镇政府至今不给补偿。开发商宏业置业也不管"
    got = settle_respondents(text, ["镇政府", "开发商", "宏业置业"], find_townships(text, load_profile()), [])
    assert [text[s:e] for s, e in got] == ["车桥镇政府", "宏业置业"]


@pytest.mark.parametrize("text, found", [
    # 姓 between a surname and who the person is: 吴姓老板, 一名刘姓村民.
    ("半夜挖土的是一个侯姓老板", "侯姓老板"),
    ("一名尚姓村民把排水沟填了", "尚姓村民"),
    # 姓X的 + a cadre word.
    ("那个姓季的干部收了两千块钱", "姓季的干部"),
    # Someone from outside, then the name: the status stays with it (as 村民王某).
    ("外来人员乔某租了三亩地开废品站", "外来人员乔某"),
    ("外地商人欧某在河滩上堆沙", "外地商人欧某"),
])
def test_rule_finder_reads_surname_descriptions_and_outsiders(text, found):
    from xfnlp.extract.respondents import _respondents

    assert found in [s.text for s in _respondents(text, set())]


def test_a_writer_giving_a_surname_is_not_a_respondent():
    from xfnlp.extract.respondents import _respondents

    assert _respondents("我姓乔，村民，家住河东", set()) == []


@pytest.mark.parametrize("text, orgs", [
    # 厂长 after a works' suffix is its director, 长期 an adverb: the works is named.
    ("反映村后山宏岩石料厂长期放炮开山，震裂房屋", ["宏岩石料厂"]),
    ("宏岩石料厂长年放炮", ["宏岩石料厂"]),
    ("找石料厂长王某说理", []),
    # A stop word cut in two by the walk to the left edge (村东 …): its second half stays out.
    ("反映村东御泉温泉酒店打深井抽地热水", ["御泉温泉酒店"]),
    ("反映村后山顺达采石场放炮", ["顺达采石场"]),
])
def test_company_edges(text, orgs):
    from xfnlp.extract.respondents import _orgs

    assert [o.text for o in _orgs(text)] == orgs


@pytest.mark.parametrize("text, span", [
    # The body's word starts with the township's suffix (杉木乡|政府 is read as 乡政府): the place
    # and the body together are a candidate, as the GUIDE writes it.
    ("爆破飞石砸坏房顶；杉木乡政府接到反映后未予制止", "杉木乡政府"),
    ("多次找望川街道办事处均未得到答复", "望川街道办事处"),
])
def test_body_with_its_township_is_a_candidate(text, span):
    from xfnlp.extract import roles
    from xfnlp.extract.places import find_townships, find_villages

    towns = find_townships(text)
    cands = roles.candidates(text, (), (), towns, find_villages(text, None, towns))
    i = text.index(span)
    assert "bare_place" in cands.get((i, i + len(span)), set())


@pytest.mark.parametrize("text, org, settled", [
    # A county before a company stays with it (GUIDE: 萍山县宏发石料厂), also right after a verb.
    ("事由：反映鹿鸣县永固石料有限公司在老鸦冲村后山开采石料", "永固石料有限公司", "鹿鸣县永固石料有限公司"),
    ("爆破飞石砸坏房顶，鹿鸣县金石采石场负责", "金石采石场", "鹿鸣县金石采石场"),
    # …but not the end of a word such as 小区 or 全县.
    ("我们小区物业公司不管事", "物业公司", "物业公司"),
])
def test_county_before_a_company(text, org, settled):
    from xfnlp.extract.party_edges import settle_respondent

    i = text.index(org)
    s, e = settle_respondent(text, i, i + len(org), [], [])
    assert text[s:e] == settled


@pytest.mark.parametrize("text, respondent", [
    ("今年春天社区书记汪某把健身器材拆了，盖了一排三间门面房", "社区书记汪某"),
    ("反映：湖嘴村渔场的承包人周某某在芦湖岸边用渣土填湖约15亩", "承包人周某某"),
])
def test_more_titles_before_a_name(text, respondent):
    from xfnlp.extract.respondents import _respondents

    assert respondent in [s.text for s in _respondents(text, set())]


@pytest.mark.parametrize("written, settled", [
    # GUIDE: a named company without the generic word before it (开发商恒达置业 → 恒达置业).
    ("小区物业嘉禾物业服务有限公司", "嘉禾物业服务有限公司"),
    ("物业嘉禾物业服务有限公司", "嘉禾物业服务有限公司"),
    ("物业公司", "物业公司"),
])
def test_generic_word_before_a_named_company(written, settled):
    from xfnlp.extract.party_edges import settle_respondent

    text = "反映" + written + "今年起对地面停车位收费"
    s, e = settle_respondent(text, 2, 2 + len(written), [], [])
    assert text[s:e] == settled


@pytest.mark.parametrize("text, respondent", [
    ("村民组长寇某某收了砖厂的钱，私下同意砖厂取土", "村民组长寇某某"),
    ("村委会说我家地已经统一流转给种粮大户孙某了", "种粮大户孙某"),
])
def test_compound_titles_before_a_name(text, respondent):
    from xfnlp.extract.respondents import _respondents

    assert respondent in [s.text for s in _respondents(text, set())]


@pytest.mark.parametrize("text, name", [
    # 家 starts a three-character given name (a generation name: 熊家旺, 彭家福) …
    ("熊家旺等4人联名反映", "熊家旺"),
    ("彭家福私自把老宅卖了", "彭家福"),
    # … but 王家 alone is the family, 家里 a word, 李家庄 a village.
    ("王家又把地占了", None),
    ("王家里没人", None),
    ("李家庄村的地", None),
    # 年 may end a name, not when it makes a word with the character before it (明年).
    ("李明年底回来", "李明"),
    # Nobody masks half a given name: at 年 of 今年邹某 no name starts (邹某 is the name).
    ("年邹某又在塘边盖房", None),
    ("邹某又在塘边盖房", "邹某"),
])
def test_names_with_jia_and_nian(text, name):
    from xfnlp.extract.names import _read_name_py, read_name

    e = read_name(text, 0)
    assert (text[:e] if e is not None else None) == name
    assert _read_name_py(text, 0) == e


def test_a_petitioner_named_with_jia_is_redacted():
    from xfnlp.redact import redact_text

    out = redact_text("我叫彭家福，是柳湾村四组的。\n彭家福", names=True)
    assert "彭家福" not in out and out.count("彭某") == 2


@pytest.mark.parametrize("text, respondents", [
    # A year's 年 and a joining 和 are no surnames before a title (2022年|组长, …和|会计).
    ("2022年组长廖某和村会计黎某没开会，把鱼塘包给了别人。", ["组长廖某", "村会计黎某"]),
    # A name followed by 家 is that person's home, not a noun the name runs into.
    ("我家的自留地和邻居罗德富家挨着，他把界桩往我这边挪了两米。", ["邻居罗德富"]),
])
def test_title_names_next_to_dates_and_homes(text, respondents):
    assert [s.text for s in extract(text)["respondents"]] == respondents


def test_that_boss_is_the_one_described_before():
    # 那老板 points back to the boss described before: the description is the party.
    text = ("村里把后山卖给了一个开茶楼的老板，写了个字据，收了十二万。"
            "那老板现在在上面修别墅，还把路往我家地里拓。")
    assert [s.text for s in extract(text)["respondents"]] == ["开茶楼的老板"]


def test_a_named_property_company_stands_for_the_bare_word():
    # GUIDE: a generic word only when the party is not named (开发商 → 恒达置业; 物业 → its name).
    text = ("来电人系城东小区业主，反映小区物业安泰物业服务有限公司今年起对小区内地面车位"
            "收停车费，物业公司说这是开发商交给他们经营的。")
    assert [s.text for s in extract(text)["respondents"]] == ["安泰物业服务有限公司"]


@pytest.mark.parametrize("text, orgs", [
    # 城市, 城乡 end in an edge character (市, 乡) but belong to the company's name (城投).
    ("土地被征收，由芦湾县城市建设投资有限公司负责实施。", ["城市建设投资有限公司"]),
    ("举报县城乡建设投资公司违规占地", ["城乡建设投资公司"]),
    ("在县城开了个饭店", []),
])
def test_company_names_holding_city_words(text, orgs):
    from xfnlp.extract.respondents import _orgs

    assert [o.text for o in _orgs(text)] == orgs


@pytest.mark.parametrize("text, respondent", [
    ("反映：青澜高新园区管委会征用黄泥湾村耕地约380亩，补偿太低。", "青澜高新园区管委会"),
    ("去年开始沙场老板曹某租了十几户的地堆河沙。", "沙场老板曹某"),
])
def test_zone_bodies_and_works_bosses_take_their_names(text, respondent):
    assert [s.text for s in extract(text)["respondents"]] == [respondent]
