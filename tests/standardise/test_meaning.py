"""Drift finds statements that say the same thing in other words, and leaves alone those that only share
words: on a fixture of re-worded and decoy pairs, and on a trust whose new post re-words Elm Tree's duties."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from jobpack.cli import main
from jobpack.standardise.drift import DEFAULT_THRESHOLD
from jobpack.standardise.meaning import concepts, similar_pairs, similarity, text_similarity
from tests.conftest import REPO
from tests.standardise.reworded import DECOYS, NEW, REWORDED, reworded_trust

PAIRS = yaml.safe_load((REPO / "tests/data/drift/pairs.yaml").read_text("utf-8"))


def test_the_fixture_of_reworded_and_decoy_pairs_is_told_apart(capsys) -> None:
    reworded, decoys = PAIRS["reworded"], PAIRS["decoys"]
    assert len(reworded) >= 12 and len(decoys) >= 12
    found = [text_similarity(a, b) >= DEFAULT_THRESHOLD for a, b in reworded]
    false = [text_similarity(a, b) >= DEFAULT_THRESHOLD for a, b in decoys]
    true_positives, false_positives = sum(found), sum(false)
    precision = true_positives / ((true_positives + false_positives) or 1)
    recall = true_positives / len(reworded)
    with capsys.disabled():
        print(f"\ndrift measure at {DEFAULT_THRESHOLD}: precision {precision:.2f}, recall {recall:.2f} "
              f"({true_positives}/{len(reworded)} re-worded pairs, {false_positives}/{len(decoys)} decoys)")
    missed = [pair for pair, hit in zip(reworded, found, strict=True) if not hit]
    paired = [pair for pair, hit in zip(decoys, false, strict=True) if hit]
    assert not paired, paired
    assert recall >= 0.9, missed


def test_the_measure_ignores_order_and_word_forms_and_is_symmetric() -> None:
    a = concepts("To plan and deliver pastoral and therapy programmes.")
    assert a == concepts("Planning and delivering therapy and pastoral programmes")
    assert concepts("pupils at lunch time as required") == concepts("children at lunchtimes when needed")
    b = concepts("To plan and deliver staff training programmes.")
    assert similarity(a, b) == similarity(b, a) < DEFAULT_THRESHOLD
    assert similarity(a, a) == 100 and similarity(frozenset(), a) == 0


def test_similar_pairs_finds_what_comparing_every_pair_finds() -> None:
    texts = [t for pair in PAIRS["reworded"] + PAIRS["decoys"] for t in pair]
    sets = [concepts(t) for t in texts]
    for threshold in (50, 65, 80, 95, 100):
        every = [(i, j) for i in range(len(sets)) for j in range(i + 1, len(sets))
                 if similarity(sets[i], sets[j]) >= threshold - 1e-9]
        assert [(i, j) for i, j, _ in similar_pairs(sets, threshold)] == every, threshold


def test_drift_proposes_elm_trees_reworded_duties_and_no_decoy(tmp_path: Path) -> None:
    root = reworded_trust(tmp_path)
    result = CliRunner().invoke(main, ["drift", "--format", "json", "--trust", str(root)])
    assert result.exit_code == 0, result.output
    proposals = json.loads(result.output)["proposed_blocks"]
    pairs = {frozenset(v["text"] for v in p["variants"]) for p in proposals}
    proposed = [pair for pair in REWORDED if frozenset(pair) in pairs]
    assert len(proposed) >= 5, [pair for pair in REWORDED if pair not in proposed]
    decoys = {text for _section, text in DECOYS}
    assert not [p for p in proposals if decoys & {v["text"] for v in p["variants"]}]
    # each proposal names both posts, with the file and line of each wording
    for proposal in proposals:
        files = {v["file"] for v in proposal["variants"]}
        assert NEW in files and all(v["line"] for v in proposal["variants"])
