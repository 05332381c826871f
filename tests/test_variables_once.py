"""One variables pass: every text is checked once, where it is written (a block's item once, not once per
post that uses it), at its line and column; composition only fills variables in."""

from __future__ import annotations

from click.testing import CliRunner

from jobpack.cli import main


def _check(root) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--trust", str(root)])
    return result.exit_code, result.output


def test_a_block_item_is_reported_once_however_many_posts_use_it(make_trust):
    post = "school: {s}\ntitle: TA {n}\nduties:\n  pupils:\n    - use: pupils-core\ncriteria:\n" \
           "  qualifications:\n    - use: quals\n"
    root = make_trust({
        "blocks/pupils-extra.yaml": "area: pupils\nitems:\n  - id: escort\n"
                                    "    text: Escort pupils round {{ school.nmae }}.\n",
        "posts/oak/a.yaml": post.format(s="oak", n=1), "posts/oak/b.yaml": post.format(s="oak", n=2),
        "posts/elm/c.yaml": post.format(s="elm", n=3)})
    code, out = _check(root)
    assert code == 1
    assert out.count("school.nmae") == 1, out
    assert "blocks/pupils-extra.yaml:4:11: '{{ school.nmae }}' is not a variable jobpack knows." in out
    assert "Did you mean 'school.name'" in out


def test_text_in_trust_yaml_and_a_vacancy_is_checked_where_it_is_written(make_trust):
    root = make_trust()
    trust = (root / "trust.yaml").read_text("utf-8").replace("{{ school.name }} is committed",
                                                             "{{ school.naem }} is committed")
    (root / "trust.yaml").write_text(trust, "utf-8")
    post = root / "posts/oak/teaching-assistant.yaml"
    post.write_text(post.read_text("utf-8") + "vacancy:\n  closing_date: 2030-01-01\n"
                    "  how_to_apply: Write to {{ trust.nam }}.\n", "utf-8")
    code, out = _check(root)
    assert code == 1
    assert out.count("school.naem") == 1 and out.count("trust.nam ") == 1
    assert "trust.yaml:" in out and "posts/oak/teaching-assistant.yaml:13:17:" in out


def test_variables_are_filled_in_every_text(make_trust):
    from jobpack.build.orchestrate import check

    root = make_trust()
    post = check(root).posts["oak/teaching-assistant"]
    assert "Escort pupils around Oak School." in [i.text for i in post.duties]
