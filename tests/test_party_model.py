"""The learned party-role model: training on a tiny made-up set, and the shipped weights."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from xfnlp.extract import role_rules, roles
from xfnlp.extract.parties import find_parties
from xfnlp.extract.places import find_townships
from xfnlp.profile import load_profile

ROOT = Path(__file__).resolve().parents[1]


def _trainer():
    spec = importlib.util.spec_from_file_location("train_party_model", ROOT / "tools" / "train_party_model.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


TINY = [
    {"text": "我叫刘长福。村支书赵某私自把地卖给宏发建材有限公司。\n刘长福",
     "petitioners": ["刘长福"], "respondents": ["村支书赵某", "宏发建材有限公司"]},
    {"text": "来访人：许桂兰。反映组长丁某某私自出租机动地。",
     "petitioners": ["许桂兰"], "respondents": ["组长丁某某"]},
    {"text": "我叫孙秀英，邻居黄某强行在我家地里盖房。\n孙秀英",
     "petitioners": ["孙秀英"], "respondents": ["邻居黄某"]},
    {"text": "本人王德发，举报村主任钱某把集体土地租给顺达石料厂。",
     "petitioners": ["王德发"], "respondents": ["村主任钱某", "顺达石料厂"]},
]


def test_training_on_a_tiny_set_works_and_is_deterministic():
    t = _trainer()
    letters = t.build(TINY, None)
    quiet = lambda *a: None  # noqa: E731
    m1 = t.train(letters, letters, c_grid=(1.0,), thresholds=(0.3, 0.5), log=quiet)
    m2 = t.train(t.build(TINY, None), None, c_grid=(1.0,), thresholds=(0.3, 0.5), log=quiet)
    assert json.dumps(m1, sort_keys=True) == json.dumps(m2, sort_keys=True)
    model = roles.parse_model(json.loads(json.dumps(m1)))      # plain JSON round trip
    for role in roles.ROLES:
        assert all(isinstance(v, float) for v in model["roles"][role]["weights"].values())
    preds = t.predict_letters(model, letters)
    for role in roles.ROLES:
        assert t.exact_prf(letters, preds, role)[2] >= 0.8


def test_shipped_model_loads_as_plain_data():
    raw = (ROOT / "xfnlp" / "data" / "party_model.json").read_text("utf-8")
    data = json.loads(raw)
    assert data["format"] == roles.MODEL_FORMAT
    model = roles.load_party_model()
    assert model is roles.load_party_model()       # read once
    for role in roles.ROLES:
        r = model["roles"][role]
        assert r["weights"] and 0 < r["threshold"] < 1
        # Features are about roles and syntax: sources, contexts, cues, labels.
        assert all(":" in f or f.isidentifier() for f in r["weights"])


def test_rules_and_learned_methods():
    text = "我叫刘长福。村支书赵某私自把地卖给宏发建材有限公司。\n刘长福"
    for method in ("rules", "learned"):
        p, r, _ = find_parties(text, method=method)
        assert [s.text for s in p] == ["刘长福"]
        assert [s.text for s in r] == ["村支书赵某", "宏发建材有限公司"]
        assert all(text[s.start:s.end] == s.text for s in p + r)


def test_bad_model_format_is_refused():
    with pytest.raises(ValueError):
        roles.parse_model({"format": "pickle", "roles": {}})
    good = json.loads((ROOT / "xfnlp" / "data" / "party_model.json").read_text("utf-8"))
    good["prefilter"]["weights"] = {"src:name": "high"}
    with pytest.raises(ValueError):
        roles.parse_model(good)


PREFILTER_TEXTS = [
    "我叫刘长福。村支书赵某私自把地卖给宏发建材有限公司。\n刘长福",
    "来访人：车桥镇新庄村二组村民许桂兰等6人。反映组长丁某某将机动地约15亩私自出租给外地老板。",
    "标题：楼上住户装修把我家天花板弄漏了\n内容：物业说不归他们管，开发商也找不到人。王女士",
]


@pytest.mark.parametrize("text", PREFILTER_TEXTS)
def test_prefilter_drops_whole_strings_and_keeps_their_features(text):
    from xfnlp.extract.names import _merge
    from xfnlp.extract.petitioners import _collective, _petitioners
    from xfnlp.extract.respondents import _respondents

    model = roles.load_party_model()
    pets = _merge(_petitioners(text), set()) or _collective(text)
    resps = _respondents(text, {s.text for s in pets})
    cands = roles.candidates(text, pets, resps)
    full = roles.string_features(text, cands)
    kept = roles.string_features(text, cands, model["prefilter"])
    assert set(kept) <= set(full) and len(kept) < len(full)
    # A kept string has exactly the features it has without the prefilter (the model was
    # trained on those): the prefilter only saves the work on the strings it drops.
    assert all(kept[t] == full[t] for t in kept)
    # The hand rules' own choices are always weighed.
    assert {s.text for s in list(pets) + list(resps)} <= set(kept)
    # Strings the model decides on are not dropped.
    p, r = roles.decide_from_features(text, full, model)
    assert set(p) | set(r) <= set(kept)


def test_choosing_settings_by_leave_one_writer_out_is_deterministic():
    t = _trainer()
    recs = [dict(r, id=f"w{1 + k % 2}-{k:04d}") for k, r in enumerate(TINY)]
    letters = t.build(recs, None)
    writers = [t.writer_of(r) for r in recs]
    quiet = lambda *a: None  # noqa: E731
    c1 = t.select_by_writer_cv(letters, writers, c_grid=(1.0,), thresholds=(0.3, 0.5), log=quiet)
    c2 = t.select_by_writer_cv(t.build(recs, None), writers, c_grid=(1.0,), thresholds=(0.3, 0.5), log=quiet)
    assert c1 == c2 and set(c1) == set(roles.ROLES)
    model = t.fit_chosen(letters, c1)
    assert roles.parse_model(json.loads(json.dumps(model)))["prefilter"]["weights"]


@pytest.mark.parametrize("surname", list("裴糜訾蒯贲钮濮"))
def test_rare_surnames_are_names(surname):
    p, _, _ = find_parties(f"我叫{surname}德旺，家住东坝镇。")
    assert [s.text for s in p] == [surname + "德旺"]


@pytest.mark.parametrize("text, before, after", [
    # A title chosen alone when its bearer is named elsewhere: the named mention stands for it.
    ("三组组长去年把机动地包出去了，我们去问组长蒋某，他说不知道", ["三组组长"], ["组长蒋某"]),
    ("村支书蒋某某收了钱。蒋支书还说不服就去告", ["蒋支书"], ["村支书蒋某某"]),
    ("组长蒋某把路挖断了，组长还骂人", ["组长", "组长蒋某"], ["组长蒋某"]),
    # Two different bearers of the title: which one is meant is unknown, nothing changes.
    ("组长蒋某和组长邬某都来过，组长说要收钱", ["组长"], ["组长"]),
    # A body's title is not followed by a person's name (开发商和信置业 is a company).
    ("开发商和信置业不给办证，开发商跑了", ["开发商"], ["开发商"]),
    # The named mention is the petitioner: the title stays.
    ("组长蒋某来访，反映组长私自卖地", ["组长"], ["组长"]),
])
def test_title_alone_gives_way_to_its_named_mention(text, before, after):
    chosen = {"petitioner": {"蒋某": 0.9} if "来访" in text else {}, "respondent": {t: 0.5 for t in before}}
    probs = {"petitioner": {}, "respondent": dict(chosen["respondent"])}
    role_rules._prefer_named_mentions(text, chosen, probs)
    assert sorted(chosen["respondent"]) == sorted(after)


def _hand_model(floor=None):
    resp = {"bias": -1.0, "threshold": 0.5, "weights": {"src:org": 0.4, "src:head": -0.5}}
    if floor is not None:
        resp["floor"] = floor
    return {"format": roles.MODEL_FORMAT, "roles": {
        "petitioner": {"bias": -30.0, "threshold": 0.9, "weights": {}}, "respondent": resp}}


@pytest.mark.parametrize("floor, expected", [(None, []), (0.3, ["鸿运砂石厂"]), (0.4, [])])
def test_respondent_floor_takes_the_likeliest_string_of_a_letter_with_none(floor, expected):
    # p(鸿运砂石厂) = sigmoid(-0.6) ≈ 0.35, p(砂场) ≈ 0.18: both under the threshold 0.5.
    text = "河边的鸿运砂石厂天天抽沙，旁边还有个砂场"
    feats = {"鸿运砂石厂": {"src:org"}, "砂场": {"src:head"}}
    assert roles.decide_from_features(text, feats, _hand_model(floor))[1] == expected


def test_chosen_strings_carry_the_models_probability_and_others_none():
    # p(鸿运砂石厂) = sigmoid(-1.0 + 0.4 + 2.0) = sigmoid(1.4); 砂场 is not chosen.
    text = "鸿运砂石厂天天抽沙，旁边还有个砂场"
    feats = {"鸿运砂石厂": {"src:org", "src:org2"}, "砂场": {"src:head"}}
    model = _hand_model()
    model["roles"]["respondent"]["weights"]["src:org2"] = 2.0
    scores: dict = {}
    roles.decide_from_features(text, feats, model, scores)
    assert scores["petitioner"] == {}
    assert list(scores["respondent"]) == ["鸿运砂石厂"]
    assert scores["respondent"]["鸿运砂石厂"] == pytest.approx(1 / (1 + math.exp(-1.4)))
    _, resp = roles.spans_of(text, [], ["鸿运砂石厂"], scores=scores)
    assert resp[0].to_dict() == {"start": 0, "end": 5, "text": "鸿运砂石厂", "score": 0.8}


def test_a_settled_respondent_span_keeps_the_score_of_the_string_it_comes_from():
    # 镇政府 settles to the mention written in full (车桥镇政府); its score goes with it, and
    # a bare 开发商 beside a named developer is dropped with its score.
    text = "车桥镇政府去年征地，镇政府至今不给补偿。开发商宏业置业也不管"
    scores = {"petitioner": {}, "respondent": {"镇政府": 0.61, "开发商": 0.5, "宏业置业": 0.9}}
    towns = find_townships(text, load_profile())
    _, resp = roles.spans_of(text, [], ["镇政府", "开发商", "宏业置业"], towns, [], scores)
    assert [(s.text, s.score) for s in resp] == [("车桥镇政府", 0.61), ("宏业置业", 0.9)]


def test_party_spans_found_by_the_model_carry_a_score_and_the_hand_rules_none():
    text = "举报村支书赵某伙同宏发建材有限公司私自占用集体土地。\n刘长福"
    learned = find_parties(text)
    ruled = find_parties(text, method="rules")
    assert [s.text for s in learned[0] + learned[1]] == ["刘长福", "村支书赵某", "宏发建材有限公司"]
    assert ruled[0] and ruled[1]
    assert all(0.0 < s.score <= 1.0 for s in learned[0] + learned[1])
    assert all(s.score is None and "score" not in s.to_dict() for s in ruled[0] + ruled[1])


def test_respondent_floor_is_not_used_when_a_string_passes_the_threshold():
    text = "鸿运砂石厂天天抽沙，旁边还有个砂场"
    feats = {"鸿运砂石厂": {"src:org", "src:org2"}, "砂场": {"src:head"}}
    model = _hand_model(0.1)
    model["roles"]["respondent"]["weights"]["src:org2"] = 2.0
    assert roles.decide_from_features(text, feats, model)[1] == ["鸿运砂石厂"]


@pytest.mark.parametrize("text, party, handling_only", [
    # Written only where the bureau records how the matter is handled: an office that handles it.
    ("来访人：卞某\n反映：邻居占路。\n处理：已转青杠镇政府调查处理。", "青杠镇政府", True),
    ("来电人：宋女士\n内容：小区停车难。\n答复：已转街道办协调。", "街道办", True),
    ("交办意见：请红柳乡人民政府依法处理并回复。", "红柳乡人民政府", True),
    # Named in the address line that opens the letter: the office written to.
    ("区自然资源局、区征收办：\n我叫宣某，家里的房子被拆了，补偿款一直没给。", "区征收办", True),
    # Complained of in the body of the letter as well: a party, whatever the handling lines say.
    ("区征收办：\n我叫宣某，区征收办把我家的补偿款扣着不给。", "区征收办", False),
    ("反映：青杠镇政府强占耕地。\n处理：已转青杠镇政府。", "青杠镇政府", False),
])
def test_offices_written_only_where_the_matter_is_handled(text, party, handling_only):
    assert role_rules._only_handling(text, party) is handling_only


def test_an_office_that_only_handles_the_matter_is_not_a_respondent():
    text = "来访人：卞某\n反映：邻居占路。\n处理：已转青杠镇政府调查处理。"
    model = _hand_model()
    model["roles"]["respondent"]["weights"]["src:bare_place"] = 2.0
    assert roles.decide_from_features(text, {"青杠镇政府": {"src:bare_place"}}, model)[1] == []
    text2 = "来访人：卞某\n反映：青杠镇政府强占耕地。"
    assert roles.decide_from_features(text2, {"青杠镇政府": {"src:bare_place"}}, model)[1] == ["青杠镇政府"]


@pytest.mark.parametrize("text, decided, respondent", [
    # A relative named as what someone is (是/为 … 的亲戚): the beneficiary; the cadre is meant.
    ("鱼塘只有一个人来投标，就是组长的连襟，最后底价拿走了", "组长的连襟", "组长"),
    ("承包人宁某为村主任的外甥，合同也没公示", "村主任的外甥", "村主任"),
    # … with the cadre's title when the letter writes it with the name.
    ("村支书莫某某一手操办，实际买地的就是莫某某的女婿", "莫某某的女婿", "村支书莫某某"),
    # A relative who acts is the respondent.
    ("组长的连襟把我家的水渠填了", "组长的连襟", "组长的连襟"),
    ("把水渠填了的是组长的连襟", "组长的连襟", "组长的连襟"),
])
def test_a_relative_who_only_benefits_gives_way_to_the_cadre(text, decided, respondent):
    chosen = {"petitioner": {}, "respondent": {decided: 0.6}}
    role_rules._relatives_to_heads(text, chosen, {"petitioner": {}, "respondent": {}})
    assert list(chosen["respondent"]) == [respondent]


@pytest.mark.parametrize("text, respondent", [
    # GUIDE: 开发商 alone only when the developer is not named; the one property company named is it.
    ("我们买的是鑫瑞置业开发的房子，开发商一直拖着不办证", "鑫瑞置业"),
    ("开发商鑫瑞置业去年交房，开发商至今不给办证", "鑫瑞置业"),
    # Nobody named, or two companies: which one built the houses is not said.
    ("开发商一直拖着不办证，物业也不管", "开发商"),
    ("鑫瑞置业把楼盘卖给了瑞丰地产，开发商换了人也不给办证", "开发商"),
])
def test_a_bare_developer_takes_the_name_the_letter_gives(text, respondent):
    chosen = {"petitioner": {}, "respondent": {"开发商": 0.6}}
    role_rules._name_the_developer(text, chosen, {"petitioner": {}, "respondent": {}})
    assert list(chosen["respondent"]) == [respondent]


@pytest.mark.parametrize("string, pointer", [
    ("该公司", True), ("此厂", True), ("本单位", True), ("该村委会", True),
    ("鑫瑞置业", False), ("该死的老板", False), ("本村村民", False),
])
def test_pointers_back_to_a_party_are_not_names(string, pointer):
    assert role_rules._pointer_only(string) is pointer


def test_a_pointer_back_is_not_kept_as_a_respondent():
    model = _hand_model()
    model["roles"]["respondent"]["weights"]["src:org"] = 3.0
    feats = {"该公司": {"src:org"}}
    assert roles.decide_from_features("该公司把地围了", feats, model)[1] == []


@pytest.mark.parametrize("text, party, talks_only", [
    # Every mention speaks (and does nothing else in its sentence) or is asked.
    ("我去村里问，会计说没批过这块地", "会计", True),
    ("问了物业，物业称管不了，让我们找开发商", "物业", True),
    # Speaking, then refusing or keeping back in the same sentence: an act.
    ("找开发商，开发商说是测绘的事，不肯退钱", "开发商", False),
    ("老板说资金紧张，还欠我三万块", "老板", False),
    # 说要: what the party means to do. One mention that acts is enough.
    ("村委会说要收回我家的自留地", "村委会", False),
    ("组长说没这回事。后来组长私自把地包了出去", "组长", False),
])
def test_parties_that_only_speak_or_are_asked(text, party, talks_only):
    assert role_rules._only_speaks_or_asked(text, party) is talks_only


def test_a_party_that_only_speaks_gives_way_to_the_one_complained_of():
    model = _hand_model()
    model["roles"]["respondent"]["weights"].update({"src:org": 3.0, "src:bare": 3.0})
    feats = {"宏发砖厂": {"src:org"}, "会计": {"src:bare"}}
    text = "宏发砖厂在我家田里挖土，我去问，会计说他们有手续"
    assert roles.decide_from_features(text, feats, model)[1] == ["宏发砖厂"]
    # Nobody else to complain of: what the one who speaks says is the wrong.
    text2 = "组里分补偿款没有我，会计说外嫁女不算"
    assert roles.decide_from_features(text2, {"会计": {"src:bare"}}, model)[1] == ["会计"]


def test_cli_extract_prints_the_party_scores_the_library_gives(tmp_path):
    from click.testing import CliRunner

    from xfnlp.cli import main
    from xfnlp.extract import extract

    text = "举报村支书赵某伙同宏发建材有限公司私自占用集体土地。\n刘长福\n"
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(f)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.output.splitlines()[0])
    spans = extract(text)
    for field in ("petitioners", "respondents"):
        assert rec[field] == [s.to_dict() for s in spans[field]]
        assert rec[field] and all(set(d) == {"start", "end", "text", "score"} for d in rec[field])
