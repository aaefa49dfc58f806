"""Domain segmentation: dictionary terms stay whole, engines agree, batch = single."""

import pytest

from xfnlp.segment import Segmenter, domain_entries, get_segmenter

TEXT = "我们举报东坝镇前进村违法占地，征地补偿款没有到位，不动产权证至今办不下来，还有人非法转让宅基地。"


def test_dictionary_is_large_and_well_formed():
    entries = domain_entries()
    assert len(entries) >= 400
    words = [w for w, _, _ in entries]
    assert len(words) == len(set(words))
    for must in ("违法占地", "非法转让", "宅基地", "不动产权证", "征地补偿", "采矿权", "越级访",
                 "集体访", "包案", "交办", "12336"):
        assert must in words
    assert all(f > 0 and pos for _, f, pos in entries)


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_domain_terms_stay_whole(engine):
    toks = Segmenter(engine).cut(TEXT)
    for term in ("违法占地", "征地补偿款", "不动产权证", "非法转让", "宅基地"):
        assert term in toks
    assert "".join(toks) == TEXT


def test_engines_agree():
    assert Segmenter("rjieba").cut(TEXT) == Segmenter("jieba").cut(TEXT)


def test_caller_supplied_place_names_stay_whole():
    plain = Segmenter().cut("他在桐木垸那边的席桥村有地")
    assert "桐木垸" not in plain and "席桥村" not in plain
    seg = Segmenter(words=["桐木垸", "席桥村"])
    assert seg.cut("他在桐木垸那边的席桥村有地") == ["他", "在", "桐木垸", "那边", "的", "席桥村", "有", "地"]


def test_one_letter_and_a_batch_give_the_same_tokens():
    texts = [TEXT, "采石场炸山放炮，房屋开裂", TEXT[:20]]
    seg = get_segmenter()
    alone = [Segmenter().cut(t) for t in texts]
    assert [seg.cut(t) for t in texts] == alone


def test_pos_tags_come_from_the_dictionary():
    tags = dict(Segmenter().tag("举报违法占地"))
    assert tags["违法占地"] == "l"


def test_jieba_cache_goes_to_the_user_cache_folder(tmp_path, monkeypatch):
    import xfnlp.segment as s

    monkeypatch.setattr(s, "cache_dir", lambda: str(tmp_path / "cache"))
    Segmenter("jieba").cut("测试")
    assert any(p.name.endswith(".cache") for p in (tmp_path / "cache").iterdir())


def test_unknown_engine_is_a_clear_error():
    from xfnlp.errors import XfnlpError

    with pytest.raises(XfnlpError, match="unknown segmenter engine 'x'"):
        Segmenter("x")
