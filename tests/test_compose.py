"""Composition rules: use, omit, override, nested blocks, extends, variables and ordering."""

from __future__ import annotations

from jobpack.build.orchestrate import check

POST_ID = "oak/teaching-assistant"


def resolved(root, post_id=POST_ID):
    result = check(root)
    assert not result.errors, "\n".join(p.format() for p in result.errors)
    return result.posts[post_id]


def texts(items):
    return [i.text for i in items]


def test_use_inserts_block_items_in_order_with_nested_blocks(make_trust):
    post = resolved(make_trust())
    assert texts(post.duties) == [
        "Maintain pupils' interests and motivation.",
        "Help pupils with personal hygiene.",
        "Escort pupils around Oak School.",  # nested block, variable expanded
        "Prepare resources for lessons.",  # post-specific item
    ]
    assert post.blocks_used == ["pupils-core", "pupils-extra", "quals"]  # nested blocks included


def test_omit_on_use_removes_items_including_nested(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA
        duties:
          pupils:
            - use: pupils-core
              omit: [hygiene, escort]
        criteria:
          qualifications: [{use: quals}]
        """)
    assert texts(resolved(root).duties) == ["Maintain pupils' interests and motivation."]


def test_override_changes_need_and_assessment_and_defaults_come_from_block(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA
        duties:
          teachers: [Prepare resources.]
        criteria:
          qualifications:
            - use: quals
              override:
                gcse: {need: desirable, assessed: [I]}
          experience:
            - text: Work with children.
              need: desirable
        """)
    criteria = {c.id or c.text: c for c in resolved(root).criteria}
    assert (criteria["gcse"].need, criteria["gcse"].assessed) == ("desirable", ("I",))
    assert (criteria["nvq"].need, criteria["nvq"].assessed) == ("desirable", ("A", "I"))
    assert criteria["Work with children."].need == "desirable"
    assert criteria["Work with children."].assessed == ()


def test_extends_single_values_replace_lists_append_and_top_level_omit(make_trust):
    root = make_trust({
        "posts/profiles/ta.yaml": """\
            profile: true
            title: Teaching Assistant
            responsible_to: Head teacher
            summary: [Support learning.]
            duties:
              pupils: [{use: pupils-core}]
            criteria:
              qualifications: [{use: quals}]
            """,
        "posts/elm/ta.yaml": """\
            extends: profiles/ta
            school: elm
            responsible_to: SENCo
            summary: [Support pupils with SEND.]
            duties:
              pupils: [Run a nurture group.]
            omit: [hygiene]
            override:
              nvq: {need: essential}
            """,
    })
    post = resolved(root, "elm/ta")
    assert post.title == "Teaching Assistant"
    assert post.responsible_to == "SENCo"
    assert texts(post.summary) == ["Support learning.", "Support pupils with SEND."]
    assert texts(post.duties) == ["Maintain pupils' interests and motivation.", "Escort pupils around Elm Academy.",
                                  "Run a nurture group."]
    assert [c.need for c in post.criteria] == ["essential", "essential"]
    assert post.extends == ["profiles/ta"]
    assert "profiles/ta" not in check(root).posts  # a profile is never built


def test_areas_and_categories_follow_trust_order_not_file_order(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA
        criteria:
          experience: [Work with children.]
          qualifications: [{use: quals}]
        duties:
          teachers: [Prepare resources.]
          pupils: [Escort pupils.]
        """)
    post = resolved(root)
    assert [i.section for i in post.duties] == ["pupils", "teachers"]
    assert [i.section for i in post.criteria] == ["qualifications", "qualifications", "experience"]


def test_variables_in_post_fields_and_unknown_braces_left_literal(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA at {{ school.name }}
        duties:
          pupils: ["Follow {{ trust.name }} policy; {{ not a var }} stays as written."]
        criteria:
          qualifications: [{use: quals}]
        """)
    post = resolved(root)
    assert post.duties[0].text == "Follow Mini Trust policy; {{ not a var }} stays as written."


def test_one_of_alternatives_and_levels(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA
        levels: [Level 1, Level 2]
        duties:
          pupils: [Escort pupils.]
        criteria:
          qualifications:
            - one_of: [Level 3 qualification, Relevant experience]
              level: 2
        """)
    crit = resolved(root).criteria[0]
    assert crit.alternatives == ("Level 3 qualification", "Relevant experience")
    assert crit.level == 2
    assert post_levels(root) == ["Level 1", "Level 2"]


def post_levels(root):
    return resolved(root).levels


def test_assessment_defaults_item_then_block_then_category(make_trust):
    root = make_trust(post="""\
        school: oak
        title: TA
        duties:
          pupils: [Escort pupils.]
        criteria:
          qualifications: [{use: quals}]
          experience: [Work with children.]
        """)
    trust = root / "trust.yaml"
    trust.write_text(trust.read_text().replace("    title: Experience\n", "    title: Experience\n    assessed: [I]\n"))
    criteria = {c.id or c.text: c.assessed for c in resolved(root).criteria}
    assert criteria == {"gcse": ("A",), "nvq": ("A", "I"), "Work with children.": ("I",)}
