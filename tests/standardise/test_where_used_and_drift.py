"""`jobpack where-used`, `show --sources` and `drift`, as a data lead runs them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from jobpack.cli import main
from tests.conftest import MINI_TRUST, REPO


def run(root: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--trust", str(root)])


def test_where_used_lists_the_posts_that_reach_a_block_through_another() -> None:
    result = run(REPO, "where-used", "school-policies")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Block 'school-policies' (blocks/school-policies.yaml) is used by 5 posts and 1 role "
                          "profile.")
    assert ("westminster/learning-support-practitioner\n  use: school-policies at blocks/school-core.yaml:5, "
            "reached through profiles/learning-support-practitioner -> school-core") in out
    nightingale = (REPO / "posts/nightingale/learner-support-professional.yaml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(nightingale, 1) if "use: school-policies" in text)
    assert "nightingale/learner-support-professional\n  use: school-policies at " \
           f"posts/nightingale/learner-support-professional.yaml:{line}\n" in out
    assert "leap/learning-support-assistant-key-worker\n  use: school-policies at blocks/school-core.yaml:5, " \
           "reached through school-core\n  items: policies, inclusion\n  left out: difference, ethos" in out


def test_where_used_of_one_item_shows_who_leaves_it_out_as_json() -> None:
    result = run(REPO, "where-used", "pupils-care/feeding", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    having = {u["post"]: bool(u["items"]) for u in data["used_by"]}
    assert having == {"elm-tree/pastoral-learning-support-practitioner": False,
                      "westminster/attendance-and-welfare-officer": False,
                      "westminster/learning-support-practitioner": True,
                      "profiles/learning-support-practitioner": True}
    officer = next(u for u in data["used_by"] if u["post"] == "westminster/attendance-and-welfare-officer")
    assert officer["uses"][0]["only"] == ["care-welfare", "interests"]


def test_where_used_suggests_a_block_and_an_item() -> None:
    result = run(REPO, "where-used", "school-polices")
    assert result.exit_code == 1 and "Did you mean 'school-policies'" in result.output
    result = run(REPO, "where-used", "pupils-care/feding")
    assert result.exit_code == 1 and "Did you mean 'feeding'" in result.output


def test_show_sources_lists_every_profile_and_block_a_post_draws_on() -> None:
    result = run(REPO, "show", "westminster/learning-support-practitioner", "--sources")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("  profile profiles/learning-support-practitioner (posts/profiles/"
                               "learning-support-practitioner.yaml): 6 items; extends at "
                               "posts/westminster/learning-support-practitioner.yaml:3")
    assert "  block safeguarding-commitment (blocks/safeguarding-commitment.yaml): 1 item; uses at trust.yaml:" \
           in result.output
    assert "  block school-policies (blocks/school-policies.yaml): 3 items; uses at blocks/school-core.yaml:5, " \
           "through profiles/learning-support-practitioner -> school-core" in result.output


DUTY = {
    "oak": "To escort pupils safely around the school site and to their transport at the end of the day.",
    "elm": "To escort pupils safely around the school site and onto their transport at the end of the day.",
    "ash": "Escort pupils safely around the school site, and to their transport at the end of each day.",
}


def three_schools(make_trust) -> Path:
    trust = MINI_TRUST.replace("""  - id: elm
    name: Elm Academy
""", """  - id: elm
    name: Elm Academy
  - id: ash
    name: Ash School
""")
    files = {"trust.yaml": trust}
    for school, duty in DUTY.items():
        files[f"posts/{school}/teaching-assistant.yaml"] = f"""\
            school: {school}
            title: Teaching Assistant
            duties:
              pupils:
                - "{duty}"
                - use: pupils-core
              teachers:
                - Prepare resources for {school} lessons and tidy the classroom.
            criteria:
              qualifications:
                - use: quals
            """
    files["posts/oak/teaching-assistant.yaml"] = files["posts/oak/teaching-assistant.yaml"].replace(
        "- use: pupils-core", "- Help pupils with their personal hygiene.")
    return make_trust(files=files, post=None)


def test_drift_proposes_one_block_for_a_duty_three_schools_retype(make_trust) -> None:
    root = three_schools(make_trust)
    result = run(root, "drift", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    escort = [p for p in data["proposed_blocks"] if "escort" in p["wording"].lower()]
    assert len(escort) == 1
    proposal = escort[0]
    assert sorted(v["post"] for v in proposal["variants"]) == ["ash/teaching-assistant", "elm/teaching-assistant",
                                                                "oak/teaching-assistant"]
    assert proposal["wording"] == DUTY["oak"] and proposal["section"] == "pupils" and proposal["score"] >= 80
    assert proposal["block_yaml"].splitlines()[1:4] == ["area: pupils", "items:", f"  - id: {proposal['block']}"]
    # the near-copy of the block's own item is named, with the item to use instead
    near = data["near_copies"]
    assert [(n["post"], n["block"], n["item"]) for n in near] == [("oak/teaching-assistant", "pupils-core",
                                                                    "hygiene")]
    shares = {s["name"]: (s["shared"], s["local"]) for s in data["posts"] + data["schools"]}
    assert shares["oak/teaching-assistant"] == (2, 3) and shares["elm"] == (5, 2)
    assert data["trust"]["shared"] == 12 and data["trust"]["local"] == 7


def test_drift_is_deterministic_and_its_threshold_is_settable(make_trust) -> None:
    root = three_schools(make_trust)
    first, second = run(root, "drift"), run(root, "drift")
    assert first.exit_code == 0 and first.output == second.output
    assert "Proposed block" in first.output and "% shared" in first.output
    strict = json.loads(run(root, "drift", "--threshold", "100", "--format", "json").output)
    # the three escort duties have the same content words (100); the hygiene line adds "their" only
    assert [p["score"] for p in strict["proposed_blocks"]] == [100]
    loose = json.loads(run(root, "drift", "--threshold", "50", "--format", "json").output)
    assert len(loose["proposed_blocks"]) >= len(strict["proposed_blocks"])


def test_like_roles_on_different_pay_years_say_so(tmp_path: Path) -> None:
    """Elm Tree's advertised post is on 2025-26 pay, Westminster's like post on the trust's 2024-25: same grade
    and hours, different pounds, and the data lead is told the difference is the pay award, not the job."""
    result = run(REPO, "drift", "--format", "json")
    assert result.exit_code == 0, result.output
    group = next(g for g in json.loads(result.output)["like_roles"]["groups"]
                 if "westminster/learning-support-practitioner" in {p["post"] for p in g["posts"]})
    years = {p["post"]: (p["pay_year"], p["fte"]) for p in group["posts"]}
    assert years["elm-tree/pastoral-learning-support-practitioner"] == ("2025-26", "£27,254 – £31,022 FTE (2025-26)")
    assert years["westminster/learning-support-practitioner"] == ("2024-25", "£26,409 – £30,060 FTE (2024-25)")
    flag = next(f for f in group["flags"] if f.startswith("Same hours (32.5 hours a week) and grade, different pay"))
    assert "westminster/learning-support-practitioner £26,409 – £30,060 FTE (2024-25); " \
           "elm-tree/pastoral-learning-support-practitioner £27,254 – £31,022 FTE (2025-26)." in flag
    assert "priced on different pay years (2024-25 / 2025-26)" in flag
