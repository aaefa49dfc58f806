"""Training any label set, the data-only model format, numpy prediction = scikit-learn."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from xfnlp.classify.model import CARD, SMALL_BATCH, WEIGHTS, load_model
from xfnlp.classify.train import LetterClassifier, build_pipeline, train_model
from xfnlp.cli import main
from xfnlp.errors import ModelError

# A made-up hotline taxonomy (a user's own labels), written for this test.
HOTLINE = {
    "噪音": ["楼下烧烤店每天半夜还在吵", "工地晚上十一点还在打桩吵得睡不着", "广场舞音响开得太大",
             "隔壁装修电钻从早响到晚", "夜里货车进出小区噪声太大", "酒吧音乐声一直到凌晨",
             "菜市场早上四点就开始喇叭叫卖", "楼上邻居半夜拖椅子声音很吵"],
    "供水": ["我们小区停水三天了没人管", "自来水发黄有异味不敢喝", "水压太低六楼以上没水",
             "水表走得特别快怀疑有问题", "家门口水管爆了一直在漏水", "停水也不提前通知",
             "热水器打开全是泥沙水", "村里的自来水一周只来两天"],
    "道路": ["路口红绿灯坏了好几天", "村道上的大坑一直没人补", "人行道被电动车堵满",
             "桥面裂缝很大怕出事", "下雨天路面积水过不去", "路灯坏了晚上一片漆黑",
             "公交站台的顶棚被风刮坏了", "学校门口没有斑马线很危险"],
}


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hotline_model(tmp_path_factory):
    d = tmp_path_factory.mktemp("hotline")
    train, dev = [], []
    for lab, texts in HOTLINE.items():
        for i, t in enumerate(texts):
            (dev if i % 4 == 3 else train).append({"id": f"{lab}{i}", "text": t, "kind": lab})
    tr, dv = _write(d / "train.jsonl", train), _write(d / "dev.jsonl", dev)
    card = train_model([tr], d / "model", label_field="kind", dev_paths=[dv], Cs=(4.0, 16.0))
    return d / "model", card, tr, dv


def test_any_label_set_trains_and_tags(hotline_model):
    model_dir, card, _, _ = hotline_model
    assert card["labels"] == ["供水", "噪音", "道路"]
    r = CliRunner().invoke(main, ["tag", "--model", str(model_dir), "--format", "jsonl"],
                           input="半夜工地施工太吵了")
    rec = json.loads(r.output)
    assert r.exit_code == 0
    assert set(rec["scores"]) == {"供水", "噪音", "道路"}
    assert rec["category"] == "噪音"
    assert abs(sum(rec["scores"].values()) - 1) < 1e-3


def test_model_card_says_what_it_is(hotline_model):
    _, card, _, _ = hotline_model
    assert card["corpus"]["train_size"] == 18 and card["corpus"]["dev_size"] == 6
    assert len(card["corpus"]["train_sha256"]) == 64
    assert set(card["versions"]) >= {"scikit-learn", "numpy", "python", "xfnlp"}
    assert card["dev_metrics"]["n"] == 6
    assert 0 <= card["model"]["review_threshold"] <= 1


def test_training_is_deterministic(hotline_model, tmp_path):
    model_dir, _, tr, dv = hotline_model
    train_model([tr], tmp_path / "again", label_field="kind", dev_paths=[dv], Cs=(4.0, 16.0))
    assert (tmp_path / "again" / WEIGHTS).read_bytes() == (model_dir / WEIGHTS).read_bytes()
    assert (tmp_path / "again" / CARD).read_text().replace(str(tmp_path / "again"), "") == \
        (model_dir / CARD).read_text().replace(str(model_dir), "")


def test_numpy_prediction_equals_scikit_learn():
    texts = [t for ts in HOTLINE.values() for t in ts]
    labels = [lab for lab, ts in HOTLINE.items() for _ in ts]
    clf = LetterClassifier(Cs=(8.0,)).fit(texts, labels)
    model = clf.to_model()
    probe = ["水管漏水而且吵", "路灯和红绿灯都坏了", "完全无关的一句话", ""]
    want = clf.pipeline_.predict_proba(probe)
    assert len(probe) <= SMALL_BATCH          # plain-Python path
    assert np.allclose(model.predict_proba(probe), want, atol=1e-5)
    many = probe * 5                          # numpy path
    assert len(many) > SMALL_BATCH
    assert np.allclose(model.predict_proba(many), clf.pipeline_.predict_proba(many), atol=1e-5)


def test_a_letter_scores_the_same_alone_and_in_a_batch():
    from xfnlp.text import normalize

    model = load_model()
    letters = [normalize(t) for ts in HOTLINE.values() for t in ts] + [
        normalize("我村村主任私自把集体土地卖给外地老板建厂，占用耕地十五亩，请求依法查处。"),
        normalize("申请办理不动产权证书，房屋是2003年自建的，宅基地手续齐全。")]
    alone = [model.predict([t])[0] for t in letters]
    assert model.predict(letters) == alone
    assert np.abs(np.array(model.predict_proba(letters[:3]))
                  - model.predict_proba(letters)[:3]).max() < 1e-12


def test_tagging_a_few_letters_does_not_import_numpy():
    import subprocess
    import sys

    code = ("import sys\nfrom xfnlp.pipeline import analyze_letters\nfrom xfnlp.letter import Letter\n"
            "[l] = analyze_letters([Letter(text='某村村民反映邻居违法占用耕地建房三间，请求查处。')])\n"
            "print(l.category, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["illegal_land_use", "False"]


def test_npz_reader_reads_what_numpy_writes(tmp_path):
    from xfnlp.classify.npz import NpyError, parse_npy, read_npz

    arrays = {"f4": np.arange(6, dtype="<f4").reshape(2, 3) / 3, "f8be": np.array([1.5, -2.25], ">f8"),
              "i8": np.array([3, -4], "<i8"), "u": np.array(["违法", "占地地", "a"], dtype="<U3")}
    np.savez_compressed(tmp_path / "w.npz", **arrays)
    got = read_npz(tmp_path / "w.npz")
    assert got["f4"].shape == (2, 3)
    assert list(got["f4"].numbers()) == arrays["f4"].ravel().tolist()
    assert list(got["f8be"].numbers()) == [1.5, -2.25]
    assert list(got["i8"].numbers()) == [3.0, -4.0]
    assert got["u"].strings() == ["违法", "占地地", "a"]
    np.save(tmp_path / "o.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(NpyError):
        parse_npy((tmp_path / "o.npy").read_bytes())
    np.save(tmp_path / "f.npy", np.asfortranarray(np.ones((2, 2))))
    with pytest.raises(NpyError, match="Fortran"):
        parse_npy((tmp_path / "f.npy").read_bytes())
    np.save(tmp_path / "t.npy", np.ones(10))
    with pytest.raises(NpyError, match="truncated"):
        parse_npy((tmp_path / "t.npy").read_bytes()[:-8])


def test_scikit_learn_conventions():
    est = LetterClassifier(Cs=(2.0,))
    assert vars(est) == {"Cs": (2.0,), "min_n": 1, "max_n": 3, "min_df": 2, "review_target": 0.97}
    assert est.fit(["甲乙", "丙丁"], ["a", "b"]) is est
    learned = [k for k in vars(est) if k not in ("Cs", "min_n", "max_n", "min_df", "review_target")]
    assert learned and all(k.endswith("_") for k in learned)
    assert [name for name, _ in build_pipeline().steps] == ["tfidf", "clf"]


def test_model_files_hold_no_pickle(hotline_model):
    model_dir, _, _, _ = hotline_model
    with np.load(model_dir / WEIGHTS, allow_pickle=False) as z:
        assert sorted(z.files) == ["coef", "idf", "intercept", "vocab"]
        assert all(z[k].dtype != object for k in z.files)
    json.loads((model_dir / CARD).read_text(encoding="utf-8"))


def _copy(model_dir, tmp_path):
    import shutil

    dst = tmp_path / "copy"
    shutil.copytree(model_dir, dst)
    return dst


def test_truncated_weights_are_one_line_error(hotline_model, tmp_path):
    d = _copy(hotline_model[0], tmp_path)
    data = (d / WEIGHTS).read_bytes()
    (d / WEIGHTS).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="do not match the model card's checksum"):
        load_model(d)


def test_tampered_card_is_one_line_error(hotline_model, tmp_path):
    d = _copy(hotline_model[0], tmp_path)
    (d / CARD).write_text('{"format": "xfnlp-linear-ngram/1", "labels": [', encoding="utf-8")
    r = CliRunner().invoke(main, ["tag", "--model", str(d)], input="路灯坏了")
    assert r.exit_code == 1
    assert r.output == f"Error: {d / CARD}: damaged model card (JSONDecodeError)\n"


def test_missing_model_dir_is_one_line_error(tmp_path):
    r = CliRunner().invoke(main, ["tag", "--model", str(tmp_path / "none")], input="路灯坏了")
    assert r.exit_code == 1
    assert r.output == f"Error: {tmp_path / 'none'}: no such model directory\n"


def test_copied_model_works_elsewhere(hotline_model, tmp_path):
    d = _copy(hotline_model[0], tmp_path)
    assert load_model(d).predict(["停水三天"])[0]["label"] == "供水"


def test_evaluate_prints_metrics_and_review(hotline_model):
    model_dir, _, _, dv = hotline_model
    r = CliRunner().invoke(main, ["evaluate", "--model", str(model_dir), "--label-field", "kind",
                                  "--json", str(dv)])
    m = json.loads(r.output)
    assert m["n"] == 6 and set(m["per_class"]) == {"供水", "噪音", "道路"}
    assert sum(sum(row.values()) for row in m["confusion"].values()) == 6
    assert m["review"]["kept"] + m["review"]["sent_to_review"] == 6
    r = CliRunner().invoke(main, ["evaluate", "--model", str(model_dir), "--label-field", "kind",
                                  str(dv)])
    assert r.output.splitlines()[0].split() == ["label", "precision", "recall", "f1", "support"]
    assert "macro-F1" in r.output and "confusion" in r.output


def test_train_cli_reports_skipped_records(tmp_path):
    recs = [{"text": t, "kind": lab} for lab, ts in HOTLINE.items() for t in ts]
    p = _write(tmp_path / "c.jsonl", recs)
    with open(p, "a", encoding="utf-8") as f:
        f.write('{"text": "没有标签"}\nnot json\n')
    r = CliRunner().invoke(main, ["train", str(p), "-o", str(tmp_path / "m"),
                                  "--label-field", "kind"])
    assert r.exit_code == 0, r.output
    assert f"Warning: skipped {p}:25: no 'kind' label" in r.output
    assert f"Warning: skipped {p}:26: not JSON" in r.output
    assert r.output.splitlines()[-1] == f"model written to {tmp_path / 'm'}"


def test_vectorized_features_are_exactly_the_char_ngrams():
    from xfnlp.classify.features import char_ngrams

    texts = [t for ts in HOTLINE.values() for t in ts]
    model = LetterClassifier(Cs=(8.0,), min_df=1).fit(
        texts + ["😀表情 水管 123", "\u3000空格\t换行\n水"], ["噪音"] * len(texts) + ["供水", "道路"]
    ).to_model()
    probe = ["水管漏水而且吵 12 号", "", "😀表情水管", "a\x00b水管", "\n\n", "供水供水供水"] + texts[:5]
    owner, feats = model._features(probe)
    for i, t in enumerate(probe):
        want = sorted(model.vocab[g] for g in char_ngrams(t) if g in model.vocab)
        assert sorted(feats[owner == i].tolist()) == want, t


def test_evaluate_record_writes_test_metrics_into_the_card(hotline_model, tmp_path):
    import shutil

    model_dir, _, _, dev = hotline_model
    copy = tmp_path / "m"
    shutil.copytree(model_dir, copy)
    r = CliRunner().invoke(main, ["evaluate", "--model", str(copy), "--label-field", "kind",
                                  "--record", str(dev)])
    assert r.exit_code == 0, r.output
    card = json.loads((copy / CARD).read_text(encoding="utf-8"))["card"]["test_metrics"]
    assert card["files"] == [dev.name] and card["size"] == 6 and len(card["sha256"]) == 64
    printed = json.loads(CliRunner().invoke(
        main, ["evaluate", "--model", str(copy), "--label-field", "kind", "--json", str(dev)]).output)
    assert card["metrics"] == printed
    assert load_model(copy).predict(["水管漏水"])[0]["label"]     # checksum still holds
    r = CliRunner().invoke(main, ["evaluate", "--task", "flags", "--record", str(dev)])
    assert r.exit_code == 1 and r.output.startswith("Error: ")


def test_features_without_the_closure_shortcut_are_the_same():
    """A vocabulary that is not closed under sub-n-grams (hand-made here) takes the full scan."""
    from xfnlp.classify.features import char_ngrams
    from xfnlp.classify.model import Model

    vocab = {g: i for i, g in enumerate(["违法占", "占地", "违", "地", "法占地", "建房", "00亩"])}
    model = Model(labels=["a", "b"], vocab=vocab, idf=[1.0] * 7, coef=[0.0] * 14, intercept=[0, 0])
    assert not model._closed()
    probe = ["违法占地建房12亩", "占地", "", "违法占用"] * 3
    owner, feats = model._features(probe)
    for i, t in enumerate(probe):
        assert sorted(feats[owner == i].tolist()) == sorted(vocab[g] for g in char_ngrams(t) if g in vocab)
