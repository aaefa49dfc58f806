"""Topic tags and risk flags, each with the span of text that shows it.

Rules, not a model: a clerk must be able to see why a letter was flagged, and the evidence
span is that reason. Three guards keep the rules honest:

* negation — "我们不会去北京闹" does not fire 越级访风险: a negation cue right before the cue word
  in the same clause cancels it;
* quotation — words inside 《》 or put in another party's mouth (村干部说“你去北京告也没用”,
  组长扬言“不服就去告”) are not the petitioner's threat;
* role — a head count must count people who petition (来访人: …8人, 等12人联名), not people who
  are merely mentioned (兄弟五人共有, 拖欠48名职工工资); a cadre must be a person the letter
  complains about, not the writer himself, an addressee or an office that handles the case.

>>> [f.label for f in find_flags("三组30多名村民联名反映，扬言要到北京上访")]
['集体访', '越级访风险']
>>> find_flags("我们不会去北京闹事")
[]
>>> [f.label for f in find_flags("去年我们已到省里上访过一次")]
['越级访风险']
"""

from __future__ import annotations

import re
from functools import lru_cache

from .extract.numerals import parse_number
from .letter import Span
from .regex_cache import rx


_CLAUSE_END = "，,。！？；!?;\n"
_SENT_END = "。！？!?\n"
_NEGATION = rx(
    r"(?:不会|不想|不愿意?|不打算|不准备|不是要|没有|从没|从未|没|决不|绝不|不再|不要|不用|不必|不敢|别|"
    r"并非|并不|不至于|不可能|不得|不能|不肯)"
    r"[^，,。！？；;就便才再还要将会]{0,3}$")
_QUOTE_PAIRS = {"“": "”", "\"": "\"", "「": "」", "‘": "’", "《": "》", "『": "』"}
# Another party as speaker: a role, a pronoun or a masked name (曹某, 王某某) — letters mask
# the people they complain about, never the writer.
_SPEAKER = (r"(?:干部|书记|支书|主任|组长|村长|队长|镇长|乡长|所长|站长|局长|场长|会计|工作人员|领导|"
            r"开发商|老板|经理|负责人|对方|邻居|他们|他|她|人家|有人|别人|[\u4e00-\u9fff]某某?)")
_SPEAK = r"(?:说|讲|称|讲过|放话|扬言|回答|答复|表示|吼|骂|威胁|叫嚣|撂下话)"
_OTHER_SPEAKER = rx(_SPEAKER + r"[^，。！？；]{0,6}" + _SPEAK + r"[道过了着]?[:：,，]?$")
# Reported speech without quote marks, inside one clause: "韩支书放话谁再往上告就…".
_OTHER_SPEECH_IN_CLAUSE = rx(_SPEAKER + r"[^，,。！？；;“”\"]{0,6}(?:放话|扬言|叫嚣|威胁|说)")

# Common Chinese surnames: used to recognise a list of signatures (彭德茂 彭细伢 刘运生 …).
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
             "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
             "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
             "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
             "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
             "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
             "丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼"
             "盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容"
             "敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸吾蓟桓贝蒯"
             "符眭揭")
_SURNAME_SET = frozenset(_SURNAMES)


def _chinese_count(s: str) -> int | None:
    """'30' -> 30, '三十' -> 30, '十几' -> 10 (at least), '几' -> 3: the extractor's reading of
    numbers (one parser for the whole package), with 几/数 alone read as "a few"."""
    n = parse_number(s)
    if n is None:
        return 3 if s in ("几", "数") else None
    return int(n)


@lru_cache(maxsize=1)
def _patterns():
    c = rx
    num = r"(\d+|[〇零一二两三四五六七八九十百几数]+)"
    exact = r"(\d+|[一二两三四五六七八九十百]+)"
    person = r"(?:村民|群众|居民|业主|农户|户主|工人|职工|拆迁户|移民|代表|人|位|名)"
    return {
        "headcount": c(num + r"(?:余|多|来)?(?:名|个|位)?" + person + r"(?:次)?"),
        # N户 counts people only when the households are the writers or signers.
        "households": c(r"(?<![几数\d〇零一二两三四五六七八九十百])" + exact + r"(?:余|多)?户(?:村民|人家|农户|群众|居民|业主)?"),
        "collective": c(r"(?:全组|全村|全体|两个组|几个组)(?:村民|群众|居民|业主|户主)"
                        r"(?=联名|签名|集体|一起|共同|反映|来访|上访|写信|[（(：:]|$|\n)|"
                        r"村民(?:们)?集体(?:反映|来访|上访|写信)|联名信|"
                        r"联名(?:反映|举报|上访|信访|投诉|签字|写信|申请|来信|控告|请求|代表|\d+人)|[(（]联名|"
                        r"集体上访|集体来访|集体走访|集体访|群体上访|群访|集访|"
                        r"(?:村民|群众|业主)代表\d+人|签名(?:附后|见后)|名单附后"),
        # Going above the county: a higher office, reached by a verb of going/writing.
        "above_place": c(r"(?:北京|中央|国务院|国家信访局|国家(?:自然资源|国土资源)部|自然资源部|国土资源部|"
                         r"省(?:里|城|会|政府|委|纪委|信访局|自然资源厅|国土资源厅|国土厅|厅|领导|长)|南京|"
                         r"市(?:里|政府|委|纪委|信访局|信访办|长|领导|自然资源(?:和规划)?局|国土(?:资源)?局|"
                         r"中级人民法院|检察院)|省、市|市、省|县、市|区、市|省|市)"),
        "above_verb": c(r"(?:去|到|上|赴|进|跑|来|找|向|往|寄给|寄到|写给|写信给|告到|反映到|闹到|"
                        r"送到|递到|递给|打到|投到|发给|转寄|一直告到|坐车到|包车到)"
                        r"(?:了|过)?(?:一趟|几趟|两趟|一次|几次)?$"),
        "above_fixed": c(r"进京|赴京|上京|越级上访|越级信访|越级访|往上告|往上面告|上面告|告到上面|"
                         r"给(?:省长|省委书记|市长|市委书记)(?:写信|写过信|留言|留过言|打电话)|"
                         r"(?<=[给写投发在到打往向])(?:市长|省长|书记)(?:信箱|热线)"),
        "above_context": c(r"访|告|反映|讨说法|讨个说法|说法|喊冤|找领导|信访|申冤|投诉|举报|闹|拉横幅|写信|留言|"
                           r"问一问|问问|解决|材料|处理|管|不行|再不|如果|要是|如再|若|否则|曾|过|"
                           r"一趟|一回|一次|走访|上访|就|只能|没办法"),
        "extreme": c(r"自焚|跳楼|跳河|跳井|跳江|跳崖|跳下去|喝农药|喝药|服毒|吃药|上吊|卧轨|以死相逼|以死抗争|"
                     r"同归于尽|死给|一死了之|不想活|不活了|拼了这条老命|老命不要|豁出去|"
                     r"(?:跟|和|同)(?:他|他们|你们|她)拼了|拼个你死我活|拼命|一命抵一命|"
                     r"(?:背|拿|带|买)(?:着|上)?(?:一)?(?:瓶|桶|壶)?(?:农药|汽油|炸药)|抱着炸药|点火烧|"
                     r"浇汽油|泼汽油|出人命|流血事件|见血|砍死|弄死|杀了|捅了|"
                     r"死(?:也)?(?:要)?死在|死也要死个|死在(?:你们|他们|政府|镇政府|县政府|他家|厂|矿|你)|"
                     # poisons and blades named as the writer's means, and the set phrases of
                     # a last resort
                     r"(?:喝|吃|买|备|准备|带|拿)[^，。,；;]{0,4}(?:敌敌畏|百草枯|老鼠药|安眠药|毒药)|"
                     r"(?:敌敌畏|百草枯|老鼠药|安眠药|毒药)[^，。,；;]{0,3}(?:准备好|备好|买好|带在身上)|"
                     r"(?:拿|带|提|揣|操)(?:着|上|起)?(?:一把)?(?:刀|菜刀|砍刀|斧头|斧子)(?:去|来|找|砍|跟|和)|"
                     r"割腕|自残|自杀|(?:一家人|全家|自己|我)[^，。,；;]{0,3}烧死|放火|纵火|点把火|鱼死网破|走绝路|死路一条|以命相搏|以死明志|"
                     r"大不了一死|"
                     r"躺到[^，。,]{0,6}(?:挖掘机|推土机|铲车|车)(?:前面|前|底下|下面)|"
                     r"(?:吊死|撞死|饿死)在"),
        # Topic tags
        "征地补偿": c(r"征地|征收(?!契税|税|费|滞纳金)|征用|征迁|被征|征了|征走|征去|拆迁|失地农民|"
                      r"安置补助|安置费|安置房|安置补偿|安置面积|安置地|安置留用地|安置小区|安置点|"
                      r"青苗(?:补偿)?费|地上附着物|土地补偿|补偿安置|迁坟补偿|移民|货币补偿|拆旧补助|"
                      r"先用后征|迁移补偿|迁坟补偿|坟墓迁移|补偿款"),
        "征地_not": c(r"(?:未|没有|未经|尚未|没)(?:办理?|办过|经过?|完成)?[^，,。]{0,4}$|"
                     r"(?:以后|将来|万一|今后|如果|要是)[^，,。]{0,6}$|临时$"),
        "征地_not_after": c(r"(?:公司|工程队|队|工地|工人|契税|税)"),
        "宅基地": c(r"宅基地?|房基地|老宅|宅子|祖屋|祖宅|老屋|房地一体|集体土地(?:建设用地)?使用证|"
                      r"农村(?:住|私)?房(?:屋)?|建房(?:审批|批文|手续|申请)|自建房"),
        "fraud": c(r"冒充|假冒|诈骗|骗子|骗钱|旗号"),
        "farmland": c(r"永久基本农田|基本农田|耕地|良田|农田|承包田|承包地|责任田|口粮田|自留地|庄稼地|"
                      r"麦田|麦地|稻田|秧田|水田|旱田|旱地|冬田|冲田|田地|田块|好田|菜地|菜园|油菜地|"
                      r"玉米地|果园|耕作层|秧苗|禾苗|麦苗|青苗|田(?=里|头|边|块|中|上)|(?<=[的块片亩])田(?=[里头边块中上都现也已被和,，。埋插全种淹])|"
                      r"(?<=[亩分])(?:多)?地(?![方区块])|好好的地"),
        "damage": c(r"占用|占了|占去|侵占|霸占|乱占|被占|强占|圈占|占地|毁|挖|取土|堆|压|埋|倒(?:渣|土|垃圾|粪|了|进)|"
                    r"填|垫高|硬化|浇(?:了)?(?:水泥|混凝土|地坪)|水泥|地坪|地基|盖|建(?!设用地|设项目|议)|"
                    r"厂房|搭|围墙|围起|推平|平了|推了|铲|铺|光伏|猪场|养殖场|大棚房|修坟|坟|"
                    r"塌|陷|沉降|下沉|裂缝|淹|冲毁|冲垮|漏水|减产|绝收|种不了|种不成|不能种|没法种|无法耕种|"
                    r"栽不了|插不下|长不出|发黄|发白|板结|返碱|污染|排进|排到|荒了|撂荒|损|改变用途|非农|"
                    r"恢复耕地|复垦|复耕|烧死|停车场|场地|仓库|厂"),
        "farm_direct": c(r"恢复耕地|复耕|耕作层|占用耕地|占用基本农田|占用永久基本农田|乱占耕地|毁田|压田|"
                         r"毁坏耕地|破坏耕地|耕地(?:被|遭)|种不了粮食|无法耕种|不能耕种"),
        "farm_not": c(r"高标准农田(?:建设|项目)?|反租倒包|补贴|低保|工钱|工资|补偿款|冒领|地界|边界|田埂|界桩|互换|"
                      r"电线杆|收粮|化肥|复合肥|肥料|增减挂钩|指标|土地整理|整理出|复垦成|新增耕地|新耕地|调整|"
                      r"分配|安置地|移民|小区|绿化带|草坪|建设用地|厂址|复垦出|骂|调解|征收|被征|征用|征了|测量|测绘|航拍|确权|换回"),
        "cadre": c(r"村干部|村组干部|乡镇干部|镇村干部|镇干部|乡干部|村两委成员|"
                   r"(?:村|社区)?(?:党总支|党支部|党委|总支|支部)?(?:副)?书记|村支书|支书|村主任|社区主任|副主任|主任|村长|"
                   r"小组长|村民小组长|组长|队长|副镇长|镇长|副乡长|乡长|副所长|所长|副站长|站长|"
                   r"副局长|局长|副场长|场长|社长|工作人员|干部|村会计|会计|出纳|村委委员|网格员|"
                   r"管理员|城管队员|城管人员|城管的人|执法人员|执法队员|(?:征收|拆迁)(?:办|指挥部)的人|"
                   r"副科长|科长|股长"),
        # A cadre word that is the writer, an addressee, or a place name (炭窑乡长冲村).
        "cadre_not_before": c(r"(?:区委|县委|市委|省委|尊敬的|致|(?<!举)报|呈|分管|冒充|假冒|自称|"
                              r"我是|我叫|本人|现任|原任|我当过|当过|做过|退休)$"),
        "cadre_self": c(r"(?:我是|俺是|本人|我叫|现任|我当过|当过|做过|我们是)[^，,。！？；;\n]*$"),
        "cadre_not_after": c(r"(?:您好|你好|同志您好|信箱|热线|接待日|[冲湾坳岭庄村桥]|见证|作证|签字|盖章|"
                             r"证明|开的证明|主持|带队|陪同|接待)"),
        "cadre_named": c(r"(?:[\u4e00-\u9fff]{1,2}某某?|[\u4e00-\u9fff]{2,3}(?=[,，(（]?(?:私自|擅自|未经|利用|在任|"
                         r"以|把|将|于|\d)))"),
        "header_self": c(r"(?:来访人|信访人|来信人|反映人|举报人|来电人|投诉人|署名|落款|来访)[:：]"),
        "header_accused": c(r"(?:被反映人|被举报人|被投诉人|反映对象|举报对象)[:：]"),
        "handler_line": c(r"(?:处理|处理意见|处理情况|转办意见|交办意见|办理要求|办理意见|答复|接待|接待人|记录人|"
                          r"派单|承办|抄送)[:：]"),
        "accuse": c(r"私自|擅自|私下|偷偷|悄悄|背着|强行|非法|违法|违规|违纪|贪|侵吞|截留|挪用|克扣|霸占|包庇|"
                    r"不作为|不管|没人管|不查|知情|收受|收了|收钱|索要|要钱|好处|送钱|送礼|勾结|打人|威胁|"
                    r"倒卖|私分|冒领|优亲厚友|暗箱|徇私|滥用|吃拿卡要|推诿|拖着不办|不给办|刁难|卖了|卖给|"
                    r"卖地|出租|租给|转给|转让|抵押|入股|虚报|骗|欺压|作假|造假|代签|冒签|私刻|腐败|黑幕|"
                    r"不公|亲戚|亲属|侄子|外甥|妻弟|小舅子|亲家|连襟|妹夫|儿子|女婿|弟弟|堂哥|堂兄|"
                    r"态度|不耐烦|训|骂|玩手机|喝酒|酒|吃饭|点了头|同意|批给|批了|签了|签的|做主|"
                    r"说了算|拿走|拿去|分了|收回|调给|发包|承包给|没公布|不公布|不公开|说不清|去向|"
                    r"也是|参与|带头|强迫|逼|扣|不给|没给|拒|拖欠|欠|占|盖|建|挖|倒渣|让倒|应付|走了|"
                    r"拍了照片|一句话|说算|打招呼|有关系|撑腰|护着|偏向|偏袒|盘活|挪|平了|推了|追究|责任|查处|查清|"
                    r"查一查|处分|问责|违纪|纪委|私卖|私占|卖掉|谈妥|谈好|串通|的问题"),
    }


_FINDERS: dict = {}


def _finditer(name: str, text: str):
    """``_patterns()[name].finditer(text)``, tried only where a match can start: most of these
    patterns begin with optional words or alternatives, which ``re`` tries at every character."""
    find = _FINDERS.get(name)
    if find is None:
        from .extract._scan import finditer_from, first_class, scanner

        pattern = _patterns()[name]
        if name in _FROM_FIRST:
            starts = first_class(pattern)
            find = _FINDERS[name] = lambda text: finditer_from(pattern, starts, text)
        else:
            find = _FINDERS[name] = scanner(pattern)
    return find(text)


# Patterns tried only where a match can start although their first characters (digits and
# numerals) are common: the head count begins with a group of alternatives, which re tries at
# every character of the letter (~650 instructions each); tried at the digits and numerals only
# it costs a quarter less on a summary row and a little less on a long letter.
_FROM_FIRST = frozenset(("headcount",))


def _bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The stretch around [start, end) up to the nearest ``stops`` character on each side."""
    a = start
    while a > 0 and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < len(text) and text[b] not in stops:
        b += 1
    return a, b


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(text, start, end, _CLAUSE_END)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return _bounds(text, start, end, _SENT_END)


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def is_negated(text: str, start: int) -> bool:
    """A negation cue right before ``start`` in the same clause ("不会去北京", "不愿意走到市里")."""
    a, _ = _clause_bounds(text, start, start)
    return bool(_NEGATION.search(text[max(a, start - 9):start]))


def in_others_quote(text: str, start: int) -> bool:
    """``start`` lies in a title (《…》) or in words attributed to another party.

    Quoted words count when the speaker before the opening quote is another party
    (村干部说“…”, 曹某扬言“…”); unquoted reported speech counts when the same clause starts
    with another party's speech verb (韩支书放话谁再往上告就…).
    """
    line_start = _line_start(text, start)
    depth_open = None
    for i in range(start - 1, line_start - 1, -1):
        ch = text[i]
        if ch in _QUOTE_PAIRS.values() and ch not in _QUOTE_PAIRS:
            depth_open = None
            break  # a quote closed before start: we are outside it
        if ch in _QUOTE_PAIRS:
            depth_open = i
            break
    if depth_open is not None:
        closer = _QUOTE_PAIRS[text[depth_open]]
        if closer in text[start:start + 200] or text[depth_open] == "\"":
            if text[depth_open] == "《":
                return True
            if _OTHER_SPEAKER.search(text[max(line_start, depth_open - 16):depth_open]):
                return True
            return False
    a, _ = _clause_bounds(text, start, start)
    return bool(_OTHER_SPEECH_IN_CLAUSE.search(text, a, start))


def _ok(text: str, m: re.Match) -> bool:
    return not is_negated(text, m.start()) and not in_others_quote(text, m.start())


# ---------------------------------------------------------------------------------- head counts

_HEADER_KEYS = rx(r"^(?:来访人|信访人|来信人|反映人|举报人|来电人|投诉人|联名人|署名|落款|"
                          r"来访人数|人数|上访人数|来访对象|代表)")
_COUNT_BEFORE_OK = rx(r"(?:等|共|我们|俺们|一共|总共|合计|代表|联名|签名|署名|人数|一行|与|同|随同|"
                              r"带领|组织|带着?)[^，,。！？；;]{0,12}$")
_COUNT_AFTER_OK = rx(r"^(?:次)?[)）]?(?:[,，、]?(?:来访|上访|走访|联名|签名|集体|来局|来县|来区|来市|"
                             r"来信|到[^，,。]{0,8}(?:上访|反映|走访|信访|讨说法)|反映|一起|一同|共同|去拦|"
                             r"拦|按|署名|写信|推选|代表|带头|均|来到|要求|称|$|\n|[（(]))")
_COUNT_BEFORE_NOT = rx(r"(?:兄弟|姐妹|兄妹|姊妹|弟兄|全家|一家|家里|家中|住了|住着|涉及|拖欠|"
                               r"随|其中|只有|仅|不足|不到|死了|伤了|外地)[^，,。]{0,4}$|每[^，,。\d]{0,2}$")


def _count_in_petition_role(text: str, m: re.Match) -> bool:
    """The number counts people who petition: a header line, 等N人, 我们N个人, N人联名/来访."""
    ls = _line_start(text, m.start())
    if _COUNT_BEFORE_NOT.search(text, max(ls, m.start() - 8), m.start()):
        return False
    if _HEADER_KEYS.match(text, ls):
        return True
    if re.search(r"(?:我们|俺们)[^，,。]{0,6}$", text[max(ls, m.start() - 8):m.start()]):
        return True
    a, _ = _clause_bounds(text, m.start(), m.end())
    if _COUNT_BEFORE_OK.search(text, max(a, m.start() - 14), m.start()):
        return True
    return bool(_COUNT_AFTER_OK.match(text[m.end():m.end() + 14]))


def head_counts(text: str) -> list[Span]:
    """Spans of head counts of people petitioning ("30多名村民", "等6人"), value = the number.

    People merely mentioned ("兄弟五人共有", "拖欠48名职工工资") are not counted.
    """
    return list(_head_counts(text))


def petition_head_count(text: str) -> int | None:
    """How many people petition together, by the largest head count in that role, or None.

    The extractor's ``head_count`` and the 集体访 flag read the same counts.

    >>> petition_head_count("来访人数：6人；反映拖欠48名职工工资"), petition_head_count("我们五户人家")
    (6, None)
    """
    best = max((s.value for s in _head_counts(text)), default=None)
    return int(best) if best is not None else None


@lru_cache(maxsize=8)
def _head_counts(text: str) -> tuple[Span, ...]:
    # Asked twice per letter (extraction, then the flags): found once.
    out = []
    for m in _finditer("headcount", text):
        n = _chinese_count(m.group(1))
        if n is None:
            continue
        tail = text[m.end():m.end() + 2]
        if tail.startswith(("次", "天", "年", "月", "亩", "元", "平", "岁", "分", "小时", "米")):
            continue
        if m.start() > 0 and text[m.start() - 1] in "第每":
            continue
        if not _count_in_petition_role(text, m):
            continue
        out.append(Span(m.start(), m.end(), "head_count", m.group(0), n))
    return tuple(out)


def _household_counts(text: str) -> list[Span]:
    """N户 that are writers or signers ("等17户", "我们是…七户人家", "代表全组28户")."""
    out = []
    for m in _finditer("households", text):
        n = _chinese_count(m.group(1))
        if n is None:
            continue
        a, b = _clause_bounds(text, m.start(), m.end())
        before = text[max(a, m.start() - 20):m.start()]
        after = text[m.end():m.end() + 6]
        signer_before = re.search(r"(?:等|共|代表|我们是|我们|俺们是|俺们|联名|签名|受)[^，,。]{0,16}$", before)
        if after.startswith("的") and not after.startswith("的委托"):
            continue
        signer_after = (re.match(r"(?:[)）]|\n|$|联名|签名|署名|的委托|共同|一起|集体|按手印|反映|写信|来访|上访)",
                                 after) or m.end() == len(text))
        if signer_before and (signer_after or m.group(0).endswith(("村民", "人家", "农户", "群众", "居民", "业主"))):
            out.append(Span(m.start(), m.end(), "head_count", m.group(0), n))
    return out


_SIG_RUN = rx(r"(?:[\u4e00-\u9fff]{2,3}(?:[（(][\u4e00-\u9fff]{1,4}[）)])?[ 、,，]+){3,}"
                      r"[\u4e00-\u9fff]{2,3}(?:[（(][\u4e00-\u9fff]{1,4}[）)])?(?=[ ]?(等)|[ ]?[（(]|[ ]*$|[ ]*\n)")


def _signature_list(text: str) -> Span | None:
    """A run of signed names ("彭德茂 彭细伢 刘运生 刘桂英 彭水莲", "…、贝永和\n"): ≥5 names,
    or ≥4 names followed by 等. Most of the names must start with a common surname."""
    for m in _SIG_RUN.finditer(text):
        names = [t for t in re.split(r"[ 、,，]+", m.group(0).strip(" 、,，")) if t]
        names = [re.sub(r"[（(].*$", "", t) for t in names]
        # Skip a leading place or role word glued to the run ("新民村村民 饶德林、…").
        while names and not (2 <= len(names[0]) <= 3 and names[0][0] in _SURNAME_SET):
            names.pop(0)
        if len(names) < 4:
            continue
        sur = sum(1 for t in names if t[0] in _SURNAME_SET)
        if sur < 0.6 * len(names):
            continue
        n = len(names) + (1 if m.group(1) else 0)
        if n >= 5:
            start = text.index(names[0], m.start())
            return Span(start, m.end(), "head_count", text[start:m.end()], n)
    return None


# ---------------------------------------------------------------------------------- tags

def _cadre_is_accused(text: str, m: re.Match) -> bool:
    """The cadre word names a person the letter complains about (not the writer, an addressee,
    an office handling the case, a witness, nor a place name)."""
    p = _patterns()
    ls = _line_start(text, m.start())
    a, b = _clause_bounds(text, m.start(), m.end())
    if p["cadre_not_before"].search(text, max(ls, m.start() - 4), m.start()):
        return False
    if p["cadre_self"].search(text, max(a, m.start() - 14), m.start()):
        return False
    if p["cadre_not_after"].match(text, m.end()):
        return False
    if p["header_self"].match(text, ls) or p["handler_line"].match(text, ls):
        return False
    if in_others_quote(text, m.start()):
        return False
    if p["header_accused"].match(text, ls):
        return True
    if p["cadre_named"].match(text, m.end()):
        return True
    # A cadre who is only asked or only answers (问组长, 村会计说没批过) is not accused.
    if re.match(r"[^，,。！？；;]{0,2}(?:说|称|讲|答复|回答|光笑|表示)", text[m.end():m.end() + 4]) or \
            re.search(r"(?:问|问了|去问|找|去找|找了)$", text[max(a, m.start() - 3):m.start()]):
        return False
    sa, sb = _sentence_bounds(text, m.start(), m.end())
    return bool(p["accuse"].search(text, sa, sb))


def find_tags(text: str) -> list[Span]:
    """Topic tags (征地补偿, 宅基地, 耕地保护, 涉及干部) with the first span that shows each."""
    p = _patterns()
    out = []
    for m in _finditer("征地补偿", text):
        a, _ = _clause_bounds(text, m.start(), m.end())
        if p["征地_not"].search(text, max(a, m.start() - 8), m.start()) or \
                p["征地_not_after"].match(text, m.end()):
            continue
        out.append(Span(m.start(), m.end(), "征地补偿", m.group(0)))
        break
    for m in _finditer("宅基地", text):
        sa, sb = _sentence_bounds(text, m.start(), m.end())
        if p["fraud"].search(text, sa, sb):
            continue
        out.append(Span(m.start(), m.end(), "宅基地", m.group(0)))
        break
    for m in _finditer("farmland", text):
        a, b = _clause_bounds(text, m.start(), m.end())
        if is_negated(text, m.start()):
            continue
        if p["farm_not"].search(text, max(a, m.start() - 10), min(b, m.end() + 10)):
            continue
        sa, sb = _sentence_bounds(text, m.start(), m.end())
        a2, b2 = max(sa, m.start() - 20), min(sb, m.end() + 20)
        if p["damage"].search(text, a2, b2) or p["farm_direct"].search(text, sa, sb):
            out.append(Span(m.start(), m.end(), "耕地保护", m.group(0)))
            break
    else:
        for m in _finditer("farm_direct", text):
            if not is_negated(text, m.start()) and not in_others_quote(text, m.start()):
                out.append(Span(m.start(), m.end(), "耕地保护", m.group(0)))
                break
    for m in _finditer("cadre", text):
        if _cadre_is_accused(text, m):
            out.append(Span(m.start(), m.end(), "涉及干部", m.group(0)))
            break
    return out


# ---------------------------------------------------------------------------------- flags

def _above(text: str) -> Span | None:
    """越级访风险: a threat or a history of going or writing above the county."""
    p = _patterns()
    for m in _finditer("above_fixed", text):
        if _ok(text, m) and not re.search(r"苗头|隐患|防止|谨防", text[m.end():m.end() + 4]):
            return Span(m.start(), m.end(), "越级访风险", m.group(0))
    for m in _finditer("above_place", text):
        ls = _line_start(text, m.start())
        a, b = _clause_bounds(text, m.start(), m.end())
        vm = p["above_verb"].search(text, max(a, m.start() - 8), m.start())
        if not vm:
            continue
        # A bare 市/省 must be followed by an office or an act of petitioning: "到市信访" …
        if m.group(0) in ("省", "市") and not re.match(r"(?:[、,，]?(?:进京|北京|省|市))|上访|信访|走访|集体|"
                                                        r"反映|纪委|政府|委|领导", text[m.end():m.end() + 4]):
            continue
        if not p["above_context"].search(text, a, b) and not p["above_context"].search(text, b, b + 12):
            continue
        if re.match(r"(?:办理要求|转办意见|交办意见|处理意见|承办|抄送|抄报|办理时限)", text[ls:ls + 6]):
            continue
        if re.search(r"(?:报送?|报告|上报|函复|抄送|抄报|督促|督办)[^，,。]{0,4}$", text[max(a, vm.start() - 6):vm.start()]):
            continue
        if re.search(r"(?:上班|打工|工作|读书|上学|看病|住院|买|卖|做生意|开会|学习|培训|来的|回来)",
                     text[m.end():b]):
            if not re.search(r"访|告|反映|信访局|纪委|政府", text[m.end():b]):
                continue
        if not _ok(text, vm):
            continue
        s = vm.start()
        return Span(s, m.end(), "越级访风险", text[s:m.end()])
    return None


_THIRD_PARTY = rx(r"(?:有人|别人|他人|人家|有个人|有一户|有户人家|隔壁县|外地)[^，,。！？；;]{0,6}$")


def find_flags(text: str, petitioners: list | None = None, collective_min: int = 5) -> list[Span]:
    """Risk flags (集体访, 越级访风险, 极端言论, and 匿名 when ``petitioners`` is given).

    ``petitioners`` are the extracted petitioner spans: 匿名 fires when none names a person.
    """
    out = []
    counts = head_counts(text) + _household_counts(text)
    big = [s for s in counts if s.value >= collective_min]
    if big:
        s = max(big, key=lambda s: s.value)
        out.append(Span(s.start, s.end, "集体访", s.text, s.value))
    else:
        hit = None
        for m in _finditer("collective", text):
            if _ok(text, m) and not re.match(r"苗头|隐患|风险|倾向", text[m.end():m.end() + 2]):
                hit = Span(m.start(), m.end(), "集体访", m.group(0))
                break
        if hit is None:
            sig = _signature_list(text)
            if sig is not None and sig.value >= collective_min:
                hit = Span(sig.start, sig.end, "集体访", sig.text, sig.value)
        if hit is not None:
            out.append(hit)
    above = _above(text)
    if above is not None:
        out.append(above)
    for m in _finditer("extreme", text):
        if m.group(0) == "拼命" and re.match(r"拼命(?:干|工作|挣|劳动|种|打工|做|跑|喊|拦|护|保|圈|占|抢|"
                                             r"建|盖|卖|捞|赚|扩)", text[m.start():]):
            continue
        # Someone else's act, told as news ("听说隔壁县有人跳楼"), is not the writer's threat.
        a, _ = _clause_bounds(text, m.start(), m.end())
        if _THIRD_PARTY.search(text, a, m.start()):
            continue
        if m.group(0) in ("豁出去", "死") and not _ok(text, m):
            continue
        if _ok(text, m):
            out.append(Span(m.start(), m.end(), "极端言论", m.group(0)))
            break
    if petitioners is not None and not any(_names_person(s.text) for s in petitioners):
        out.append(Span(0, 0, "匿名", ""))
    return out


def _names_person(s: str) -> bool:
    return not s.endswith(("村民", "群众", "居民", "业主", "农户", "住户", "知情人", "党员"))


def flag(letter, collective_min: int = 5):
    """Pipeline step: fill ``letter.tags`` and ``letter.flags`` from ``letter.normalized``."""
    text = letter.normalized
    letter.tags = find_tags(text)
    pets = letter.spans.get("petitioners") if letter.spans else None
    letter.flags = find_flags(text, pets, collective_min)
    return letter
