"""A fourth held-out set of phones and ID numbers, written blind: before reading the extractor
(xfnlp/extract/contacts.py), the redactor, or the lines of the three earlier contact sets.

Each line is (text as received, phones, ID numbers): the items a careful clerk would mark,
exactly as written. The shared checks (tests/contact_checks.py) normalize the expectation the
way the extractor normalizes the text, and run the raw line through the redactor: every
expected item is masked there, and nothing else. This set reaches for text typed up from
photos and faxes, Word and Excel tables, brackets after names, several people in one record,
numbers at the end of run-on handwriting, Chinese numerals, landlines in every style, short
service numbers and the long codes of a land bureau's paperwork (不动产单元号, 宗地代码, 信用代码,
账号, 车牌, 快递单号, 案件编号) that are neither phones nor IDs.

The rules settled in corpus/GUIDE.md and in the earlier sets hold here (hotlines such as 12345,
12336, 110, 95588 are never phones; 400/800 and fax numbers are phones; an extension belongs to
its landline; masked numbers identify nobody; 15-digit IDs and IDs with an impossible birth
date or another code's label are not IDs; a line break inside an item leaves it one item;
an area code in brackets is part of the span). New decisions, one line each with the reason:

- OCR: after a phone or ID word, O/o read for 0 and l/I read for 1 inside a number leave it the
  number, letters and all (l3905171234): a clerk reads it without a second thought, and redaction
  must hide it.
- OCR: any other letter in a number (1385231667B) is an unreadable digit, like □: nothing. Letters
  mixed with digits without a phone word before them are codes, not numbers.
- OCR and input methods type 一 for a dash: between an area code (0 + 2–3 digits) and a 7–8-digit
  number (0517一86012739) it is the dash, and the landline is one item.
- An area code and its number in adjacent table cells (0517<tab>85912345, 0517|83651208, a 区号 and a
  号码 column) are one landline, separator and all: the table split one number in two.
- 95xxx/96xxx short service numbers (95598, 96777, 0517-96345) are public service lines like 12345:
  never phones, whatever word stands before them.
- A 0 dialled before a mobile from a landline out of town (013905171234) is part of the number as
  written: a phone.
- A mobile used as the name of an e-mail address (13905171234@163.com) is the writer's phone as
  written: the mobile is the span, the mail domain is not.
- A number in capital numerals (壹叁玖…) after a phone word is a phone, as Chinese numerals are; an ID
  in Chinese numerals after an ID word is an ID (it passes the check once read).
- The same ID (or phone) printed twice in one record is an item at each place: the GUIDE's
  "distinct" rule is for gold lists of strings (the evaluation compares sets), but the extractor
  returns spans and the redactor must mask both occurrences.
- An ID written in any grouping of its 18 characters by single spaces or dashes (6-4-4-4, 6-8-4
  with dashes, a stray OCR space before the X) is the ID as written.
- An incomplete mobile (10 digits) or one with a digit too many (12 digits) cannot be dialled: not
  a phone.
- A phone and an ID side by side, separated only by a space, a comma or a slash, are two items; so
  are two mobiles joined by 或 or /.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from contact_checks import check_extracted, check_redacted, check_set

# Valid IDs, computed with the GUIDE's id_check (a scratch script, not committed).
ID_A = "320803196503170410"
ID_B = "320803197209081622"
ID_C = "320804195811220311"
ID_D = "320812198305062748"
ID_E = "320826199102140534"
ID_F = "320830194707010128"
ID_G = "320831196904251831"
ID_H = "320803200109302269"
ID_I = "321322197706123582"
ID_J = "320803195508180197"
ID_K = "320804198611034470"
ID_L = "320812196402290081"          # 1964 was a leap year: 2月29日 is a birth date
ID_M = "320826197812311351"
ID_N = "320803199401173200"
ID_O = "320830197308050660"
ID_P = "320803196001015138"
ID_Q = "320804198910092849"
ID_R = "320831195203160772"
ID_X1 = "32080319790815101X"
ID_X2 = "32082619660523108X"
ID_X3 = "32081219880707102X"
ID_X4 = "32080419571019103X"
VALID_IDS = [ID_A, ID_B, ID_C, ID_D, ID_E, ID_F, ID_G, ID_H, ID_I, ID_J, ID_K, ID_L, ID_M,
             ID_N, ID_O, ID_P, ID_Q, ID_R, ID_X1, ID_X2, ID_X3, ID_X4]

# The check character fits, but the birth date is impossible or the number is another code.
APRIL_31 = "320803199004311251"
MONTH_13 = "320804197613000368"
MONTH_00 = "320826198500002124"
FEB_30 = "320812198302300472"
CASE_NO = "320803202305120015"       # a 立案号 with an ID's shape
BAD_DATES = [APRIL_31, MONTH_13, MONTH_00, FEB_30]
FITS_BUT_NOT_IDS = BAD_DATES + [CASE_NO]

# Typo'd IDs: the check character is wrong.
BAD_A = "320803196503170411"
BAD_E = "320826199102140543"
BAD_B = "320803197209081262"
BAD_X1 = "32080319790815110X"
INVALID_IDS = [BAD_A, BAD_E, BAD_B, BAD_X1]

SECTIONS = {
    # Typed up from photos and faxes.
    "ocr": [
        ("传真件（字迹不清，照录）：反映人王德厚，联系电话l3905171234，前进村三组。",
         ["l3905171234"], []),
        ("照片转文字：我叫孙桂芳，手机号码139O5l7I234，住车桥镇新河村五组。",
         ["139O5l7I234"], []),
        ("村部电话：O517-83651208，白天有人。", ["O517-83651208"], []),
        ("身份证号码：32O8O3195508180197 联系电话：15961237788",
         ["15961237788"], ["32O8O3195508180197"]),
        ("联系电话：１３8５2３1６677（本人）", ["１３8５2３1６677"], []),
        ("身份证：３２０８０３19720908１６２２，户籍在前进村。", [], ["３２０８０３19720908１６２２"]),
        ("电话 1820 5176 630，晚上打。", ["1820 5176 630"], []),
        ("手机：1377042 1598", ["1377042 1598"], []),
        ("身份证号 3208311969 04251831 户主", [], ["3208311969 04251831"]),
        ("联系电话 0517 - 87720415", ["0517 - 87720415"], []),
        ("电话：0517一86012739（办公室）", ["0517一86012739"], []),
        ("传真：0517-8365l209", ["0517-8365l209"], []),
        ("TeI：15189560217", ["15189560217"], []),
        ("FROM：0517 85912345   2023-05-12 09:31   P.1/3\n关于前进村三组土地被占的情况反映",
         ["0517 85912345"], []),
        ("身份证：32080319790815101 X（复印件）", [], ["32080319790815101 X"]),
        ("电话1385231667B（看不清）", [], []),
    ],
    # Rows of Word and Excel tables pasted into the record.
    "table": [
        ("序号\t姓名\t身份证号\t联系电话\n1\t王建国\t" + ID_A + "\t13905171234\n2\t李桂兰\t"
         + ID_B + "\t13852316677", ["13905171234", "13852316677"], [ID_A, ID_B]),
        ("|序号|姓名|电话|\n|1|赵长林|15961237788|\n|2|钱玉梅|18205176630|",
         ["15961237788", "18205176630"], []),
        ("联系电话\t0517\t85912345", ["0517\t85912345"], []),
        ("区号|号码|联系人\n0517|83651208|张会计", ["0517|83651208"], []),
        ("户主 | 孙立新 | " + ID_C + " | 13770421598 | 前进村", ["13770421598"], [ID_C]),
        ("1\t13905171234\t王德厚\t3亩\t2023.5.12", ["13905171234"], []),
        ("姓名：周海 | 电话：15189560217 | 身份证：" + ID_X2 + " | 地址：城关镇",
         ["15189560217"], [ID_X2]),
        ("2\t刘秀英\t女\t63\t2.5\t12500\t17751783306", ["17751783306"], []),
        ("面积(㎡)\t补偿(元)\t电话\n139.05\t13905\t19951702846", ["19951702846"], []),
        ("编号\t不动产单元号\t权利人\t电话\nHA-017\t320803001001GB00012F00010001\t吴春华\t18762031145",
         ["18762031145"], []),
    ],
    # Numbers in brackets after a name.
    "bracket": [
        ("王某（13905171234）多次到村部吵闹，还把我家的界桩拔了。", ["13905171234"], []),
        ("反映人：吴春华(18762031145)、吴春林(13611540928)",
         ["18762031145", "13611540928"], []),
        ("组长朱大海【15050786613】说这事他不管。", ["15050786613"], []),
        ("联系人：陈女士[18936517720]", ["18936517720"], []),
        ("来访人周建（身份证" + ID_N + "，电话16651702238）", ["16651702238"], [ID_N]),
        ("村会计（0517-87720415）说账上没这笔钱。", ["0517-87720415"], []),
        ("开发商售楼处（400-828-6618）一直推说不知道。", ["400-828-6618"], []),
        ("王桂香（女，1965年3月17日生，" + ID_A + "）", [], [ID_A]),
        ("他儿子（小名二子，13196028847）在外打工。", ["13196028847"], []),
        ("请回电（139 0517 1234）谢谢", ["139 0517 1234"], []),
        ("联系方式「15252314460」", ["15252314460"], []),
    ],
    # Several people, each with a number, in one record.
    "many": [
        ("来访人员：王建国13905171234、李桂兰13852316677、赵长林15961237788，三人代表全组。",
         ["13905171234", "13852316677", "15961237788"], []),
        ("我们几户的电话：老孙家1377042159８，老钱家0517-86012739，老周家没有电话，找他儿子18205176630。",
         ["1377042159８", "0517-86012739", "18205176630"], []),
        ("来访登记：\n1.刘秀英，女，身份证" + ID_K + "，电话17751783306；\n2.刘秀华，男，身份证"
         + ID_X4 + "，电话15189560217；\n3.马玉兰，女，电话未留。",
         ["17751783306", "15189560217"], [ID_K, ID_X4]),
        ("联名人：吴春华 18762031145 吴春林 13611540928 吴春芳 13337957016",
         ["18762031145", "13611540928", "13337957016"], []),
        ("村支书电话是13905171234，村主任是13852316677，我们打了都不接。",
         ["13905171234", "13852316677"], []),
        ("反映人张秀兰电话19805177342，其丈夫李国华电话17312690581，其女儿李婷婷14751709932。",
         ["19805177342", "17312690581", "14751709932"], []),
        ("联系人：甲 王德厚 13905171234；乙 陈永福 0517-83651208转8012",
         ["13905171234", "0517-83651208转8012"], []),
    ],
    # A phone and an ID side by side, no label between them.
    "adjacent": [
        ("王建国 13905171234 " + ID_A + " 前进村三组", ["13905171234"], [ID_A]),
        ("李桂兰，13852316677，" + ID_B + "。", ["13852316677"], [ID_B]),
        ("联系方式及身份证：15961237788/" + ID_E, ["15961237788"], [ID_E]),
        ("身份证号" + ID_F + "电话18205176630", ["18205176630"], [ID_F]),
        ("身份证" + ID_G + " 13770421598", ["13770421598"], [ID_G]),
        ("赵长林15961237788身份证号码" + ID_D, ["15961237788"], [ID_D]),
        ("电话13905171234、0517-85912345，身份证" + ID_J,
         ["13905171234", "0517-85912345"], [ID_J]),
    ],
    # Numbers at the end of long run-on handwriting.
    "runon": [
        ("我们前进村三组的地从前年开始就被村里租给外地老板挖塘养鱼一亩地一年才给三百块钱到现在两年了"
         "钱也没给全组长说找村里村里说找镇里镇里说找老板老板电话打不通我们实在没办法了才写这封信请领导"
         "给我们做主我的电话13905171234", ["13905171234"], []),
        ("我是真没有办法了，家里老的老小的小，房子被拆了两年多还没安置，天天住在亲戚家里，求求领导了，"
         "王德厚，13852316677", ["13852316677"], []),
        ("以上情况句句属实，如有不实愿负法律责任，谢谢领导15961237788", ["15961237788"], []),
        ("他们把我家的地圈起来盖了厂房也不跟我们商量我去问村里村里说是上面批的反映人孙立新身份证号"
         + ID_C, [], [ID_C]),
        ("请有关部门尽快来人看看我家的墙都裂了住不了人了有事打我电话18205176630。",
         ["18205176630"], []),
        ("我年纪大了腿脚不好走不了远路来不了县里我家没有手机只有座机电话8591234", ["8591234"], []),
        ("求领导帮帮我们老百姓有事打我电话1390517123", [], []),
        ("俺是青石镇大坪村的俺家承包地被石料厂占了俺去找他们他们说给钱到现在也没给俺电话是15050786613"
         "俺儿子电话是18936517720俺不识字这信是俺孙子写的", ["15050786613", "18936517720"], []),
    ],
    # Chinese numerals, alone or mixed with digits.
    "numerals": [
        ("手机一三九0517一二三四，白天打不通就晚上打。", ["一三九0517一二三四"], []),
        ("电话：幺五九六幺二三七七八八", ["幺五九六幺二三七七八八"], []),
        ("家里座机八五九一二三四五", ["八五九一二三四五"], []),
        ("联系电话一八二 〇五一七 六六三〇", ["一八二 〇五一七 六六三〇"], []),
        ("身份证号码三二〇八〇三一九七二〇九〇八一六二二", [], ["三二〇八〇三一九七二〇九〇八一六二二"]),
        ("二〇二三年五月十二日，村里一共补了一万三千九百零五元，一三年的钱还没给。", [], []),
        ("电话：一三八五二三一六六七七（我儿子的）", ["一三八五二三一六六七七"], []),
        ("我的手机是139零517一二三四", ["139零517一二三四"], []),
        ("全组一百三十九户，五百一十七人，一千二百三十四亩地", [], []),
        ("打电话给我：壹叁玖零伍壹柒壹贰叁肆", ["壹叁玖零伍壹柒壹贰叁肆"], []),
    ],
    # Landlines, with and without area code.
    "landline": [
        ("有事打我家电话8591234，找老周。", ["8591234"], []),
        ("联系电话：0517—85912345", ["0517—85912345"], []),
        ("镇国土所电话(0517)83651208", ["(0517)83651208"], []),
        ("办公电话：0517 87720415", ["0517 87720415"], []),
        ("电话：（0517）-86012739", ["（0517）-86012739"], []),
        ("电话：051785912345", ["051785912345"], []),
        ("南京的女儿电话025-84561237", ["025-84561237"], []),
        ("电话：0517-8591234（老号码）", ["0517-8591234"], []),
        ("座机：0517–83651208", ["0517–83651208"], []),
        ("电话是83651208", ["83651208"], []),
        ("固话：86012739转分机203", ["86012739转分机203"], []),
        ("电话:0517-87720415-8012", ["0517-87720415-8012"], []),
        ("传真：0517－83651209", ["0517－83651209"], []),
        ("补偿款8591234元已经打到村账上了", [], []),
        ("编号8591234", [], []),
        ("电话：0517 8591 2345", ["0517 8591 2345"], []),
        ("电话：（０５１７）８５９１２３４５", ["（０５１７）８５９１２３４５"], []),
        ("家里电话：02584561237", ["02584561237"], []),
        ("小卖部电话8591234、8591235", ["8591234", "8591235"], []),
    ],
    # Short service numbers and hotlines.
    "service": [
        ("打了95598没人管，电力公司说不归他们管。", [], []),
        ("燃气公司热线96777说要等几天。", [], []),
        ("银行客服电话95566查了，钱没到账。", [], []),
        ("拨打0517-96345反映过，没有下文。", [], []),
        ("我打12345转1，接线员让我找国土局。", [], []),
        ("12336热线（0517-12336）受理后转到你局。", [], []),
        ("打110、120都来了，人还是被打伤了。", [], []),
        ("中国电信10000号说线路没问题。", [], []),
        ("我们打过市长热线12345和省12336，还打过镇上电话0517-86012739",
         ["0517-86012739"], []),
        ("邮政95580查了，材料早就寄到了。", [], []),
        ("物业报修电话：96889", [], []),
    ],
    # Long codes of the bureau's paperwork: neither phones nor IDs.
    "code": [
        ("12345工单号：2305120871，来电号码：13905171234", ["13905171234"], []),
        ("工单编号：20230512000871，来电人：王某，来电号码：138****6677", [], []),
        ("不动产单元号：320803001001GB00012F00010001", [], []),
        ("宗地代码320803101205JC00037，权利人赵长林，电话15961237788", ["15961237788"], []),
        ("统一社会信用代码：91320803MA1N5T6Q2K", [], []),
        ("开户银行：农行车桥支行 账号：10372101040012345", [], []),
        ("银行卡号6228480418001234567，户名王德厚", [], []),
        ("车牌号苏H13905的渣土车天天拉土。", [], []),
        ("那辆苏H·8F123的挖掘机半夜进地。", [], []),
        ("顺丰单号SF1402345678912，材料已寄出。", [], []),
        ("中通快递单号75412345678901", [], []),
        ("案件编号：淮国土监〔2023〕139号；（2023）苏0803民初1234号", [], []),
        ("不动产权证号：苏（2023）淮安区不动产权第0012345号", [], []),
        ("交办单编号：HA-2023-051200871", [], []),
        ("立案号：" + CASE_NO, [], []),
        ("邮编223200", [], []),
        ("发票代码032001900104，发票号码13905171", [], []),
        ("合同号HT20230512-139，电话13852316677", ["13852316677"], []),
        ("土地证号：淮集用（2005）第13905号", [], []),
        ("户口簿户号：139051712", [], []),
        ("订单号：13905171234567", [], []),
        ("档案号 1390517-1234", [], []),
    ],
    # Dates and sums written as digit strings.
    "number": [
        ("20230512那天挖掘机进了地，20230613又来了。", [], []),
        ("从2023.05.12到2023.06.13一直在挖。", [], []),
        ("补偿款共计1390517元，每亩28000元。", [], []),
        ("出生日期19650317，今年58岁。", [], []),
        ("时间：2023-05-12 13:05:17", [], []),
        ("身份证号码后六位170410", [], []),
        ("面积：1390.517平方米", [], []),
        ("补助：13905.17元", [], []),
        ("每户139元，共517户，合计71863元。", [], []),
        ("经纬度：119.1517,33.5012", [], []),
    ],
    # ID numbers.
    "id": [
        ("身份证号：" + ID_X1.lower(), [], [ID_X1.lower()]),
        ("公民身份号码 320826 19660523 108X", [], ["320826 19660523 108X"]),
        ("身份证：320803-19650317-0410", [], ["320803-19650317-0410"]),
        ("申请人王桂香，身份证号" + ID_A + "……附：身份证复印件（" + ID_A + "）", [], [ID_A, ID_A]),
        ("身份证号码：" + APRIL_31, [], []),
        ("身份证：" + MONTH_13, [], []),
        ("身份证：" + MONTH_00, [], []),
        ("身份证号" + FEB_30, [], []),
        ("身份证号：" + BAD_A + "（复印件模糊）", [], []),
        ("老身份证号320803650317041", [], []),
        ("身份证号32080319650317041，少写了一位", [], []),
        ("身份证：3208031965031704100", [], []),
        ("户主孙立新" + ID_C, [], [ID_C]),
        ("身份证" + ID_D + "手机13611540928", ["13611540928"], [ID_D]),
        ("身份证号：3208031972\n09081622", [], ["3208031972\n09081622"]),
        ("证件号码：" + ID_H + "（学生）", [], [ID_H]),
        ("身份证号码：" + ID_I + "，籍贯沭阳", [], [ID_I]),
        ("身份证" + ID_L, [], [ID_L]),
        ("社保卡号" + ID_J, [], [ID_J]),
        ("ID：" + ID_X3, [], [ID_X3]),
        ("身份证号码:320830 1947 0701 0128", [], ["320830 1947 0701 0128"]),
        ("身份证" + ID_N + "（即320803 19940117 3200）", [], [ID_N, "320803 19940117 3200"]),
        ("甲方身份证" + ID_M + "，乙方身份证" + ID_O + "，丙方" + BAD_E,
         [], [ID_M, ID_O]),
        ("权利人" + ID_P + "、" + ID_Q + "、" + ID_R, [], [ID_P, ID_Q, ID_R]),
        ("身份证号：" + BAD_B + "，电话：19805177342", ["19805177342"], []),
        ("身份证号：" + BAD_X1, [], []),
    ],
    # Mobiles in other shapes.
    "mobile": [
        ("手机：19951702846", ["19951702846"], []),
        ("电话16651702238", ["16651702238"], []),
        ("手机14751709932，平时不开机。", ["14751709932"], []),
        ("电话：139-0517-1234", ["139-0517-1234"], []),
        ("电话：139—0517—1234", ["139—0517—1234"], []),
        ("我电话013905171234（外地打要加0）", ["013905171234"], []),
        ("电话13905171234或15961237788", ["13905171234", "15961237788"], []),
        ("手机13905171234/13852316677（都是我的）", ["13905171234", "13852316677"], []),
        ("电话139051712345", [], []),
        ("Tel:18068975103 Fax:0517-83651209", ["18068975103", "0517-83651209"], []),
        ("邮箱13905171234@163.com", ["13905171234"], []),
        ("微信同号18762031145", ["18762031145"], []),
        ("电话13905171234（王），13905171234（微信）", ["13905171234", "13905171234"], []),
        ("电话：139-XXXX-1234", [], []),
        ("2023年5月12日13905171234来电反映", ["13905171234"], []),
        ("幸福小区13栋1305室，电话18205176630", ["18205176630"], []),
        ("电话：13905171234-王", ["13905171234"], []),
        ("手机号码为：159 6123 7788；", ["159 6123 7788"], []),
        ("联系电话“13337957016”", ["13337957016"], []),
        ("聯繫電話：１３９０５１７１２３４，身份證號碼：３２０８０３１９６５０３１７０４１０",
         ["１３９０５１７１２３４"], ["３２０８０３１９６５０３１７０４１０"]),
    ],
    # Online messages, forwarded items, visit forms, callbacks.
    "form": [
        ("【网上信访】标题：车桥镇违建无人管\n留言人：匿名\n联系电话：157****2290\n内容：村里有人在基本农田上盖房。",
         [], []),
        ("交办单 编号：淮信交〔2023〕0139号 交办日期：2023年5月12日 办理时限：60日 来信人：王德厚 "
         "电话：13905171234 身份证号：" + ID_A, ["13905171234"], [ID_A]),
        ("市民来电：我是王女士，号码就是来电号码（18936517720），反映小区绿地被占。工单号：HA23051200871",
         ["18936517720"], []),
        ("来访登记表\n来访人：吴春华 性别：女 身份证号码：" + ID_X2 + " 联系电话：18762031145 同来人数：3人",
         ["18762031145"], [ID_X2]),
        ("回访：2023年6月1日电话回访13852316677，本人表示满意。", ["13852316677"], []),
    ],
}

LINES = [line for lines in SECTIONS.values() for line in lines]
# Readable test ids: the section and the line's number in it (ocr-03).
LINE_IDS = [f"{tag}-{n:02d}" for tag, lines in SECTIONS.items() for n in range(1, len(lines) + 1)]


def _birth_date_possible(idn):
    try:
        _dt.date(int(idn[6:10]), int(idn[10:12]), int(idn[12:14]))
    except ValueError:
        return False
    return True


def test_set_is_well_formed():
    check_set(LINES, VALID_IDS + FITS_BUT_NOT_IDS, INVALID_IDS, at_least=130)
    assert all(_birth_date_possible(x) for x in VALID_IDS + [CASE_NO])
    assert not any(_birth_date_possible(x) for x in BAD_DATES)
    assert len(set(LINE_IDS)) == len(LINE_IDS)


@pytest.mark.parametrize("text, phones, ids", LINES, ids=LINE_IDS)
def test_extracted(text, phones, ids):
    check_extracted(text, phones, ids)


@pytest.mark.parametrize("text, phones, ids", LINES, ids=LINE_IDS)
def test_redacted(text, phones, ids):
    check_redacted(text, phones, ids)
