from xfnlp.extract.evaluate import evaluate_extraction, format_table


def test_exact_and_overlap():
    recs = [{"gold": {"respondents": ["村支书赵某", "宏发公司"]},
             "pred": {"respondents": ["赵某", "宏发公司", "开发商"]}}]
    r = evaluate_extraction(recs)["respondents"]
    assert r["exact"] == {"precision": 0.3333, "recall": 0.5, "f1": 0.4}
    assert r["overlap"]["precision"] == 0.6667 and r["overlap"]["recall"] == 1.0


def test_fullwidth_gold_matches_normalized_prediction():
    recs = [{"gold": {"money": ["６．８万元"]}, "pred": {"money": ["6.8万元"]}}]
    assert evaluate_extraction(recs)["money"]["exact"]["f1"] == 1.0


def test_runs_extractor_on_corpus_records_and_formats():
    recs = [{"text": "我叫刘长福，占了2.5亩", "petitioners": ["刘长福"], "areas": ["2.5亩"]}]
    r = evaluate_extraction(recs)
    assert r["petitioners"]["exact"]["f1"] == 1.0 and r["areas"]["exact"]["f1"] == 1.0
    table = format_table(r)
    assert table.splitlines()[0].startswith("field") and "letters: 1" in table


def test_a_file_that_annotates_only_parties_scores_only_parties():
    recs = [{"text": "我叫刘长福，村支书赵某占了2.5亩", "petitioners": ["刘长福"], "respondents": ["村支书赵某"]}]
    r = evaluate_extraction(recs)
    assert r["petitioners"]["letters"] == 1 and r["areas"]["letters"] == 0
    rows = [line.split()[0] for line in format_table(r).splitlines()[1:-1]]
    assert rows == ["petitioners", "respondents"]
