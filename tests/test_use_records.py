"""Composition records every `use` (transitively) and where each single value was written."""

from __future__ import annotations

from jobpack.build.orchestrate import check


def test_every_example_post_records_school_policies_reached_through_school_core(repo_root):
    result = check(repo_root)
    reaching = {}
    for post_id, post in result.posts.items():
        for use in post.uses:
            if use.block == "school-policies":
                reaching[post_id] = use
    # Nightingale uses school-policies directly; the other four reach it only inside school-core (the
    # attendance officer's `only:` picks none of its items, which its record says).
    assert sorted(reaching) == sorted(result.posts), sorted(reaching)
    nested = {pid: u for pid, u in reaching.items() if u.via}
    assert len(nested) == 4, sorted(nested)
    officer = [u for u in result.posts["westminster/attendance-and-welfare-officer"].uses if u.block == "school-core"]
    assert officer[0].only == ("meetings", "routine", "staff-training")
    for use in nested.values():
        assert use.via[-1] == "school-core"
        assert use.file == "blocks/school-core.yaml" and use.line == 5
    direct = reaching["nightingale/learner-support-professional"]
    assert direct.via == () and direct.file == "posts/nightingale/learner-support-professional.yaml"
    westminster = result.posts["westminster/learning-support-practitioner"]
    via_profile = [u for u in westminster.uses if u.via[:1] == ("profiles/learning-support-practitioner",)]
    assert via_profile, "uses written in the role profile are recorded with the profile in their chain"
    assert all(u.file == "posts/profiles/learning-support-practitioner.yaml" for u in via_profile if len(u.via) == 1)


def test_single_values_remember_the_file_and_line_they_were_written_on(make_trust):
    root = make_trust({
        "posts/profiles/ta.yaml": """\
            profile: true
            title: Teaching Assistant
            hours:
              per_week: 32.5
            """,
        "posts/oak/teaching-assistant.yaml": """\
            extends: profiles/ta
            school: oak
            duties:
              pupils:
                - use: pupils-core
            criteria:
              qualifications:
                - use: quals
            """,
    })
    post = check(root).posts["oak/teaching-assistant"]
    assert post.origin("hours").file == "posts/profiles/ta.yaml"
    assert post.origin("hours").line == 3
    assert post.origin("title").line == 2
    assert post.origin("school").file == "posts/oak/teaching-assistant.yaml"
    assert post.origin("school").line == 2
    assert [u.block for u in post.uses] == ["pupils-core", "pupils-extra", "quals"]
    assert post.uses[1].via == ("pupils-core",) and post.uses[1].file == "blocks/pupils-core.yaml"
