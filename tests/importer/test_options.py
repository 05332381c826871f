"""The command's options and the trust's `import:` settings: never overwriting without --force, --dry-run,
--into, --school, --profile, thresholds, the trust's own heading synonyms and drop phrases; Markdown input
with (D) and (A, I) markers."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from jobpack.build.orchestrate import check

from .conftest import SEED_POSTS, load_post, run_import, seed_file

MARKDOWN = """\
# Teaching Assistant: job description

| | |
|---|---|
Post title:\tTeaching Assistant
Grade:\tNJC Scale 6, SCP 18-20
Hours:\t30 hours a week, term time only

## Purpose of the job
- To support pupils' learning in class.

## Pastoral care
- To maintain pupils' interests and motivation.
- To run the breakfast club rota.

## Person specification
### Qualifications
- GCSE English and maths at grade 4/C or equivalent (A, C)
- First aid certificate (D)

Signed: ________
"""


def _write(tmp_path: Path, text: str, name: str = "ta.md") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def test_never_overwrites_without_force(example_copy):
    root = example_copy()
    target = root / f"posts/{SEED_POSTS['001']}.yaml"
    before = target.read_bytes()
    code, out, err = run_import(root, str(seed_file("001")))
    assert code == 1
    assert "already exists: nothing was written" in err and "--force" in err
    assert target.read_bytes() == before
    code, _, err = run_import(root, str(seed_file("001")), "--force")
    assert code == 0, err
    assert target.read_bytes() != before and b"Drafted by 'jobpack import'" in target.read_bytes()


def test_dry_run_writes_nothing(example_copy):
    root = example_copy(SEED_POSTS["002"])
    code, out, _ = run_import(root, str(seed_file("002")), "--dry-run")
    assert code == 0 and "use the trust's blocks" in out
    assert not list((root / "posts/leap").glob("*.yaml"))


def test_into_must_be_in_posts(example_copy, tmp_path):
    root = example_copy(SEED_POSTS["002"])
    code, out, err = run_import(root, str(seed_file("002")), "--into", str(tmp_path / "elsewhere"))
    assert code == 1 and "is not inside the trust's posts folder" in out + err
    code, out, err = run_import(root, str(seed_file("002")), "--into", "posts/leap/drafts")  # in the trust
    assert code == 0, out + err
    assert (root / "posts/leap/drafts/lsa-and-key-worker.yaml").is_file()


def test_school_option(example_copy, tmp_path):
    root = example_copy()
    path = _write(tmp_path, MARKDOWN)
    code, out, err = run_import(root, str(path))
    assert code == 1 and "which school is this post at?" in err and "--school" in err
    code, out, err = run_import(root, str(path), "--school", "nowhere")
    assert code == 1 and "There is no school 'nowhere'" in out + err
    code, out, err = run_import(root, str(path), "--school", "leap", "--format", "json")
    assert code == 0, out + err
    post = load_post(root / json.loads(out)["files"][0]["post"])
    assert post["school"] == "leap" and post["title"] == "Teaching Assistant"
    assert post["pay"] == {"grade": "scale-6"}
    assert post["hours"] == {"per_week": 30, "term_time_only": True}
    quals = post["criteria"]["qualifications"]
    assert {"text": "GCSE English and maths at grade 4/C or equivalent", "assessed": ["A", "C"]} in quals
    assert {"text": "First aid certificate.", "need": "desirable"} in quals
    assert not check(root).errors


def test_trust_heading_synonyms_and_drop_phrases(example_copy, tmp_path):
    """'Pastoral care' means nothing to jobpack until the trust lists it under import: headings."""
    root = example_copy()
    path = _write(tmp_path, MARKDOWN)
    code, out, _ = run_import(root, str(path), "--school", "leap", "--format", "json")
    report = json.loads(out)["files"][0]
    assert any(u["text"] == "Pastoral care" for u in report["unplaced"])
    breakfast = next(s for s in report["statements"] if s["text"].startswith("To run the breakfast"))
    assert "kept in the post's own section 'pastoral-care'" in breakfast["note"]
    trust = root / "trust.yaml"
    trust.write_text(trust.read_text("utf-8") + textwrap.dedent("""
        import:
          headings:
            pupils: [Pastoral care]
          drop: [breakfast club]
        """), "utf-8")
    code, out, err = run_import(root, str(path), "--school", "leap", "--format", "json", "--force")
    assert code == 0, out + err
    report = json.loads(out)["files"][0]
    assert report["unplaced"] == []
    assert any(d["text"].startswith("To run the breakfast") for d in report["dropped"])
    post = load_post(root / report["post"])
    assert post["duties"]["pupils"] == [{"use": "pupils-care", "only": ["interests"]}]


def test_threshold(example_copy):
    root = example_copy(SEED_POSTS["001"])
    code, out, _ = run_import(root, str(seed_file("001")), "--threshold", "100", "--format", "json")
    assert code == 0
    strict = json.loads(out)["files"][0]["counts"]
    code, out, _ = run_import(root, str(seed_file("001")), "--format", "json", "--force")
    default = json.loads(out)["files"][0]["counts"]
    assert 0 < strict["matched"] < default["matched"]
    assert strict["matched_exact"] == strict["matched"]


def test_profile(example_copy):
    """With --profile the draft extends the role profile: what the profile gives is not repeated, and the
    profile's block items the document lacks are omitted."""
    root = example_copy(SEED_POSTS["000"])
    code, out, err = run_import(root, str(seed_file("000")), "--profile", "learning-support-practitioner",
                                "--format", "json")
    assert code == 0, out + err
    report = json.loads(out)["files"][0]
    post = load_post(root / report["post"])
    assert post["extends"] == "profiles/learning-support-practitioner"
    assert report["counts"]["inherited"] >= 5
    assert "interests" not in post["omit"] and "self-care" in post["omit"]
    assert {"use": "pupils-care"} not in post["duties"]["pupils"]
    assert not any(isinstance(e, dict) and e.get("use") == "pupils-care" for e in post["duties"]["pupils"])
    assert not check(root).errors
    code, out, err = run_import(root, str(seed_file("000")), "--profile", "nothing", "--force")
    assert code == 1 and "There is no role profile 'nothing'" in out + err
