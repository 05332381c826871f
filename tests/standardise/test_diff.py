"""`jobpack diff` on real git repositories: what a change does to every post, and the redlines."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main
from tests.conftest import count_work_out

from .conftest import git

USERS = ["westminster/learning-support-practitioner", "elm-tree/pastoral-learning-support-practitioner",
         "westminster/attendance-and-welfare-officer"]
"""The posts that reach blocks/pupils-care.yaml's 'interests' item (the profile's two, and only:)."""


def run(root: Path, *args: str):
    return CliRunner().invoke(main, ["diff", *args, "--trust", str(root)])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def changed_posts(output: str) -> list[str]:
    return sorted(re.findall(r"^([\w-]+/[\w-]+)  \(", output, flags=re.M))


def test_a_block_edit_shows_in_every_post_that_uses_it_and_no_other(trust_repo: Path) -> None:
    edit(trust_repo / "blocks/pupils-care.yaml", "To maintain pupils' interest and motivation.",
         "To maintain pupils' interest, wellbeing and motivation.")
    result = run(trust_repo)
    assert result.exit_code == 0, result.output
    assert changed_posts(result.output) == sorted(USERS)
    assert "Comparing HEAD (" in result.output and "with working tree: 3 posts changed, 2 unchanged" in result.output
    assert result.output.count("~ JD · Support for pupils: To maintain pupils' interest{+, wellbeing+} and "
                               "motivation.") == 3


def test_a_pay_year_change_reprices_every_post(trust_repo: Path) -> None:
    edit(trust_repo / "trust.yaml", 'year: "2024-25"', 'year: "2025-26"')
    git(trust_repo, "commit", "-qam", "Pay award")
    result = run(trust_repo, "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    # Every post priced on the trust's year; Elm Tree's advertised post names its own (2025-26) and is unchanged.
    assert len(data["posts"]) == 4 and data["unchanged"] == 1
    assert "elm-tree/pastoral-learning-support-practitioner" not in {p["id"] for p in data["posts"]}
    for post in data["posts"]:
        salary = next(c for c in post["changes"] if c["heading"] == "Salary")
        assert "(2024-25 NJC pay)" in salary["old"] and "(2025-26 NJC pay)" in salary["new"]
        if "£" in salary["old"]:  # a grade with points: new figures (Nightingale's prints its grade as text)
            assert salary["old"].split()[0] != salary["new"].split()[0]


def test_a_renamed_post_is_a_rename(trust_repo: Path) -> None:
    git(trust_repo, "mv", "posts/leap/learning-support-assistant-key-worker.yaml", "posts/leap/key-worker.yaml")
    result = run(trust_repo, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| Learning Support Assistant and Key Worker (`leap/key-worker`) | LEAP – London East Alternative " \
           "Provision | renamed from leap/learning-support-assistant-key-worker |" in result.output
    assert "post removed" not in result.output and "post added" not in result.output


def test_items_added_removed_and_moved_and_a_post_filter(trust_repo: Path) -> None:
    post = trust_repo / "posts/leap/learning-support-assistant-key-worker.yaml"
    text = post.read_text("utf-8")
    assert "    - To support the use of ICT in learning activities" not in text
    edit(post, "summary:\n", "summary:\n  - To lead the school's new reading club at lunchtimes.\n")
    result = run(trust_repo, "leap/learning-support-assistant-key-worker")
    assert result.exit_code == 0, result.output
    assert changed_posts(result.output) == ["leap/learning-support-assistant-key-worker"]
    assert "+ JD · Job summary: {+To lead the school's new reading club at lunchtimes.+}" in result.output
    edit(trust_repo / "blocks/pupils-care.yaml", "To maintain pupils' interest and motivation.",
         "To keep pupils interested.")
    only_one = run(trust_repo, "westminster/learning-support-practitioner")
    assert changed_posts(only_one.output) == ["westminster/learning-support-practitioner"]


def test_redlines_carry_both_wordings_and_word_tracks_exactly_the_changed_words(trust_repo: Path,
                                                                                 tmp_path: Path) -> None:
    edit(trust_repo / "blocks/pupils-care.yaml", "To maintain pupils' interest and motivation.",
         "To maintain pupils' wellbeing and motivation.")
    out = tmp_path / "redlines"
    result = run(trust_repo, "--redline", str(out))
    assert result.exit_code == 0, result.output
    pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert pdfs == sorted(f"{p}-changes.pdf" for p in USERS)
    pdf = out / "westminster/learning-support-practitioner-changes.pdf"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "interest" in text and "wellbeing" in text  # the old word struck through, the new one inserted
    assert "Legend: inserted text · deleted text" in text
    assert "HEAD (" in text and "working tree" in text
    docx_path = out / "westminster/learning-support-practitioner-changes.docx"
    with zipfile.ZipFile(docx_path) as zf:
        xml = zf.read("word/document.xml").decode()
    deleted = re.findall(r"<w:del [^>]*>.*?<w:delText[^>]*>([^<]*)</w:delText>.*?</w:del>", xml)
    inserted = re.findall(r"<w:ins [^>]*>.*?<w:t[^>]*>([^<]*)</w:t>.*?</w:ins>", xml)
    assert [d.strip() for d in deleted] == ["interest"]
    assert [i.strip() for i in inserted] == ["wellbeing"]
    converted = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                                "--convert-to", "pdf", "--outdir", str(tmp_path / "lo-out"), str(docx_path)],
                               capture_output=True, text=True, timeout=180)
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "lo-out/learning-support-practitioner-changes.pdf").stat().st_size > 1000


def test_no_repository_or_an_unknown_revision_is_said_plainly(make_trust, trust_repo: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "--trust", str(make_trust())])
    assert result.exit_code == 1 and "is not in a git repository" in result.output
    result = run(trust_repo, "HEAD~5")
    assert result.exit_code == 1
    assert "'HEAD~5' is neither a revision of this repository nor a post of the trust" in result.output


def test_an_old_revision_with_errors_is_named(trust_repo: Path) -> None:
    edit(trust_repo / "trust.yaml", "duty_areas:", "duty_area:")
    git(trust_repo, "commit", "-qam", "Broken")
    edit(trust_repo / "trust.yaml", "duty_area:", "duty_areas:")
    result = run(trust_repo)
    assert result.exit_code == 1
    assert "At HEAD (" in result.output and "trust.yaml" in result.output


def test_the_results_check_keeps_give_the_diff_a_cold_one_gives(trust_repo: Path, tmp_path: Path,
                                                                  monkeypatch) -> None:
    """A diff reuses what `jobpack check` kept for the trust and composes only the posts whose files changed,
    yet prints what it prints with nothing kept, whichever state of the trust was checked last."""
    edit(trust_repo / "blocks/pupils-care.yaml", "To maintain pupils' interest and motivation.",
         "To maintain pupils' interest, wellbeing and motivation.")
    git(trust_repo, "commit", "-qam", "One block")
    monkeypatch.setenv("JOBPACK_CACHE_DIR", str(tmp_path / "nothing-kept"))
    cold = run(trust_repo, "HEAD~1", "HEAD", "--format", "json")
    assert cold.exit_code == 0 and '"unchanged": 2' in cold.output, cold.output
    monkeypatch.setenv("JOBPACK_CACHE_DIR", str(tmp_path / "kept"))
    assert CliRunner().invoke(main, ["check", "--trust", str(trust_repo)]).exit_code == 0  # HEAD kept
    assert run(trust_repo, "HEAD~1", "HEAD", "--format", "json").output == cold.output
    git(trust_repo, "checkout", "-q", "HEAD~1", "--", "blocks/pupils-care.yaml")
    assert CliRunner().invoke(main, ["check", "--trust", str(trust_repo)]).exit_code == 0  # HEAD~1 kept
    done = count_work_out(monkeypatch)
    assert run(trust_repo, "HEAD~1", "HEAD", "--format", "json").output == cold.output
    # worked out: the posts reaching the block and the role profile between them (at HEAD, checked; at
    # HEAD~1, the posts composed for their records); the two other posts are taken as kept
    assert sorted(set(done)) == sorted([*USERS, "profiles/learning-support-practitioner"])
