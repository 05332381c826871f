"""Bad input: every mistake is reported with its file, line and a hint, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from jobpack.build.orchestrate import check
from jobpack.cli import main

POST = "posts/oak/teaching-assistant.yaml"


def run_check(root, *args):
    result = CliRunner().invoke(main, ["check", "--trust", str(root), *args])
    assert "Traceback" not in result.output
    return result


def only_error(root):
    errors = check(root).errors
    assert errors, "expected an error"
    return errors


def find(errors, text):
    matches = [e for e in errors if text in e.message]
    assert matches, f"no error containing {text!r} in:\n" + "\n".join(e.format() for e in errors)
    return matches[0]


def test_example_like_trust_is_valid_and_exit_0(make_trust):
    result = run_check(make_trust())
    assert result.exit_code == 0, result.output
    assert "All good: 1 posts" in result.output


def test_yaml_syntax_error_has_line(make_trust):
    root = make_trust({POST: "school: oak\ntitle: [TA\n"})
    error = find(only_error(root), "The list opened with '[' on line 2 is never closed")
    assert (error.file, error.line) == (POST, 2)  # where the mistake starts, not where YAML noticed it


def test_duplicate_keys_are_errors(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\ntitle: Other\n"})
    error = find(only_error(root), "'title' is written twice")
    assert error.line == 3 and "first on line 2" in error.message


def test_unknown_key_suggests_the_right_one(make_trust):
    root = make_trust({POST: "school: oak\ntitel: TA\n"})
    error = find(only_error(root), "'titel' is not something jobpack knows")
    assert (error.line, error.column) == (2, 1)
    assert "Did you mean 'title'?" in error.hint


def test_wrong_type_and_missing_field(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\nsummary: just one line\n",
                       "blocks/quals.yaml": "category: qualifications\n"})
    errors = only_error(root)
    assert find(errors, "'summary' should be a list").line == 3
    assert find(errors, "'items' is missing").file == "blocks/quals.yaml"


def test_enumerations_list_allowed_values(make_trust):
    root = make_trust({"blocks/quals.yaml": "category: qualifications\nitems:\n  - text: GCSE\n    need: vital\n"})
    error = find(only_error(root), "'vital' is not allowed for 'need'")
    assert "'essential', 'desirable'" in error.hint and error.line == 4


def test_unknown_references_with_suggestions(make_trust):
    root = make_trust({POST: """\
        school: oaks
        extends: profiles/nope
        title: TA
        duties:
          pupils: [{use: pupils-cor}]
        criteria:
          qualifications: [{use: quals}]
        """})
    errors = only_error(root)
    assert "Did you mean 'oak'?" in find(errors, "no school called 'oaks'").hint
    assert find(errors, "no post or role profile called 'profiles/nope'").line == 2


def test_unknown_block_suggestion(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\nduties:\n  pupils: [{use: pupils-cor}]\n"})
    error = find(only_error(root), "no block called 'pupils-cor'")
    assert "'pupils-core'" in error.hint and error.line == 4


def test_circular_extends_and_block_inclusion(make_trust):
    root = make_trust({
        "posts/a.yaml": "extends: b\nprofile: true\n",
        "posts/b.yaml": "extends: a\nprofile: true\n",
        "blocks/loop-1.yaml": "area: pupils\nitems:\n  - use: loop-2\n",
        "blocks/loop-2.yaml": "area: pupils\nitems:\n  - use: loop-1\n",
    })
    errors = only_error(root)
    find(errors, "Posts extend each other in a circle")
    find(errors, "Blocks include each other in a circle")


def test_block_used_in_wrong_area_and_chain_through_nested_block(make_trust):
    root = make_trust({
        POST: "school: oak\ntitle: TA\nduties:\n  teachers: [{use: quals}]\n  pupils: [{use: pupils-core}]\n",
        "blocks/pupils-extra.yaml": "area: pupils\nitems:\n  - text: Escort pupils.\n    need: essential\n",
    })
    errors = only_error(root)
    assert find(errors, "cannot be used under duty area 'teachers'").line == 4
    nested = find(errors, "'need' is for person-spec criteria")
    assert nested.file == "blocks/pupils-extra.yaml"
    assert nested.chain == (POST, "blocks/pupils-core.yaml")


def test_two_posts_with_the_same_output_path(make_trust):
    root = make_trust({"posts/other/teaching-assistant.yaml": "school: oak\ntitle: TA2\nduties:\n  pupils: [x]\n"
                                                               "criteria:\n  experience: [y]\n"})
    find(only_error(root), "would both be written to output/oak/teaching-assistant/")


def test_unknown_variable(make_trust):
    root = make_trust({"blocks/pupils-extra.yaml": "area: pupils\nitems:\n  - Escort pupils round {{ school.nme }}.\n"})
    error = find(only_error(root), "'{{ school.nme }}' is not a variable")
    assert error.file == "blocks/pupils-extra.yaml" and error.line == 3
    assert "school.name" in error.hint


def test_post_without_duties_or_criteria(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\n"})
    errors = only_error(root)
    find(errors, "no duties")
    find(errors, "no person-specification criteria")


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"# only a comment\n", "empty"),
    ("title: caf\u00e9\n".encode("latin-1"), "not saved as UTF-8"),
    (b"school: oak\n\ttitle: TA\n", "indented with a tab"),
    (b"title: " + b"x" * 1_100_000 + b"\n", "at most 1,000,000 bytes"),
])
def test_unreadable_files(make_trust, content, message):
    root = make_trust()
    (root / POST).write_bytes(content)
    error = find(only_error(root), message)
    assert error.file == POST


def test_alias_bomb_is_refused(make_trust):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    root = make_trust({POST: "\n".join(lines) + "\n"})
    find(only_error(root), "repeats or nests content too much")


def test_errors_grouped_by_file_with_hint_and_json(make_trust):
    root = make_trust({POST: "school: oak\ntitel: TA\n", "blocks/quals.yaml": "category: qualification\nitems: [x]\n"})
    result = run_check(root)
    assert result.exit_code == 1
    assert f"{POST}:2:1: 'titel' is not something jobpack knows here." in result.output
    assert "blocks/quals.yaml:1:11: 'qualification' is not a person-spec category" in result.output
    as_json = run_check(root, "--format", "json")
    assert as_json.exit_code == 1
    import json
    problems = json.loads(as_json.stdout)
    assert {p["file"] for p in problems} == {POST, "blocks/quals.yaml"}


def test_missing_trust_yaml(tmp_path):
    result = run_check(tmp_path)
    assert result.exit_code == 1
    assert "There is no trust.yaml" in result.output


def test_unknown_variable_in_vacancy_text(make_trust):
    root = make_trust()
    post = root / POST
    vacancy = "vacancy:\n  closing_date: 2030-01-01\n  how_to_apply: Write to {{ school.adress }}.\n"
    post.write_text(post.read_text() + vacancy)
    error = find(only_error(root), "'{{ school.adress }}' is not a variable")
    assert error.file == POST and error.line == 13
    assert "school.address" in error.hint


def test_check_paths_reports_only_problems_in_or_through_those_files(make_trust):
    root = make_trust({"posts/elm/other.yaml": "school: elm\ntitel: Other\n",
                       "blocks/pupils-extra.yaml": "area: pupils\nitems:\n  - Escort pupils round {{ school.nme }}.\n"})
    everything = run_check(root)
    assert "posts/elm/other.yaml" in everything.output and "blocks/pupils-extra.yaml" in everything.output
    one = CliRunner().invoke(main, ["check", str(root / POST)])
    assert one.exit_code == 1
    assert "posts/elm/other.yaml" not in one.output
    assert "blocks/pupils-extra.yaml:3" in one.output  # reached through the post's blocks
    other = CliRunner().invoke(main, ["check", str(root / "posts/elm/other.yaml")])
    assert "'titel' is not something jobpack knows" in other.output


@pytest.mark.parametrize("text, line, message, hint", [
    ("school: oak\ntitle: TA\nissue_date: 2024-13-04\n", 3, "'2024-13-04' is not a real date", "year-month-day"),
    ("school: oak\ntitle TA\nline_manages: x\n", 2, "no ':' after its name", "'name: value'"),
    ("school: oak\ntitle: TA\nline_manages: No\n", 3, "should be text, but it is 'No'", 'quotes, e.g. "No"'),
    ("school: oak\ntitle: TA\nhours:\n  per_week: 30\n  pattern:\n    - {days: Mon, start: 8:40, end: '15:00'}\n",
     6, "should be text, but it is '8:40'", 'quotes, e.g. "8:40"'),
    ("school: oak\ntitle: TA\nduties:\n  pupils:\n    - Note: keep records\n", 5, "its text contains ': '",
     "in quotes"),
    ("school: oak\ntitle: TA\nduties:\n  pupils:\n    - use: pupils-core\n   omit: [a]\n", 6,
     "indented differently", "Line it up"),
    ("school: !include oak.yaml\n", 1, "cannot read this", "Remove YAML tags"),
])
def test_common_hr_mistakes_are_explained_in_plain_words(make_trust, text, line, message, hint):
    root = make_trust({POST: text})
    error = find(only_error(root), message)
    assert (error.file, error.line) == (POST, line)
    assert hint in error.hint


def test_a_broken_block_is_reported_once_not_as_missing_wherever_it_is_used(make_trust):
    root = make_trust({"blocks/quals.yaml": "category: qualifications\ntitel: x\nitems: [GCSE]\n"})
    errors = only_error(root)
    assert [e.file for e in errors] == ["blocks/quals.yaml"]
    assert "no block called" not in " ".join(e.message for e in errors)


def test_two_items_with_one_id_in_a_post(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA\nduties:\n  pupils:\n    - use: pupils-core\n"
                             "    - id: hygiene\n      text: Support personal care.\ncriteria:\n  experience: [x]\n"})
    errors = [e for e in only_error(root) if "gets two items with the id 'hygiene'" in e.message]
    # reported where the post brings each one in: its `use:` line and its own item, each naming the other
    assert [(e.file, e.line) for e in errors] == [(POST, 5), (POST, 6)]
    assert f"{POST}:6" in errors[0].message and f"{POST}:5" in errors[1].message


def test_unknown_variable_in_trust_conditions_is_reported_in_trust_yaml_once(make_trust):
    root = make_trust()
    trust = root / "trust.yaml"
    condition = "  special_conditions: [\"{{ school.nmae }} is smoke-free.\"]\n"
    trust.write_text(trust.read_text().replace("  online_search: true\n", "  online_search: true\n" + condition))
    errors = [e for e in only_error(root) if "school.nmae" in e.message]
    assert [(e.file, e.line) for e in errors] == [("trust.yaml", 30)]


def test_variables_in_title_are_filled_in(make_trust):
    root = make_trust({POST: "school: oak\ntitle: TA at {{ school.name }}\nresponsible_to: Head of {{ school.name }}\n"
                             "duties:\n  pupils: [x]\ncriteria:\n  experience: [y]\n"})
    post = check(root).posts["oak/teaching-assistant"]
    assert (post.title, post.responsible_to) == ("TA at Oak School", "Head of Oak School")


def test_unknown_variable_in_a_profile_is_blamed_on_the_profile_and_its_children_are_not_built(make_trust):
    root = make_trust({
        "posts/profiles/ta.yaml": "profile: true\ntitle: TA\nvacancy:\n  closing_date: 2030-01-01\n"
                                  "  reference: '{{ school.nmae }}-1'\n",
        POST: "extends: profiles/ta\nschool: oak\nduties:\n  pupils: [x]\ncriteria:\n  experience: [y]\n"})
    checked = check(root)
    error = find(checked.errors, "school.nmae")
    assert (error.file, error.line) == ("posts/profiles/ta.yaml", 5)
    assert "oak/teaching-assistant" not in checked.posts


def test_missing_logo_file(make_trust):
    root = make_trust()
    trust = root / "trust.yaml"
    logo = "    name: Oak School\n    logo: logos/oak.png\n"
    trust.write_text(trust.read_text().replace("    name: Oak School\n", logo))
    error = find(only_error(root), "There is no logo file 'logos/oak.png'")
    assert (error.file, error.line) == ("trust.yaml", 6)
