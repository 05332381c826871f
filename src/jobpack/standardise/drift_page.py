"""`jobpack drift --html DIR`: the drift report as one self-contained page a data lead would rather look at
than read: how much each school and the trust share (bars), the proposed blocks with their variants side by
side (the words that differ from the suggested wording marked), and the like-roles table.

One file, no scripts, no fonts or pictures to fetch, so it works from file:// and from any web host. Every
value comes from the trust's files (untrusted, from pull requests) and is escaped.
"""

from __future__ import annotations

import difflib
from html import escape

from jobpack.standardise.drift import Drift, Proposal, Share
from jobpack.standardise.like_roles import NOT_A_FINDING, LikeRoles

CSS = """
:root { --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --bar: #1d5f8a; --back: #e6edf2; --mark: #fff0a0; }
* { box-sizing: border-box; }
body { font: 16px/1.5 "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.8rem; margin: .5rem 0; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.lead, .note { color: var(--muted); max-width: 60rem; }
.note { border-left: 4px solid var(--bar); padding: .5rem 1rem; background: var(--back); color: var(--ink); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--back); }
.bar { background: var(--back); border: 1px solid var(--bar); height: 1.1rem; width: 100%; min-width: 8rem; }
.bar span { display: block; height: 100%; background: var(--bar); }
.num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.variants { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem;
            list-style: none; padding: 0; margin: 0; }
.variants li { border: 1px solid var(--line); border-radius: 4px; padding: .6rem .8rem; }
.variants .where { display: block; font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
.chosen { border-color: var(--bar) !important; border-width: 2px !important; }
mark { background: var(--mark); color: var(--ink); padding: 0 .1em; }
code { font-family: "Liberation Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }
.flags li { margin: .25rem 0; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _marked(text: str, against: str) -> str:
    """`text` with the words that `against` does not have (in that order) marked."""
    words, base = text.split(), against.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in base], b=[w.lower() for w in words], autojunk=False)
    for tag, _a1, _a2, b1, b2 in matcher.get_opcodes():
        chunk = _e(" ".join(words[b1:b2]))
        if not chunk:
            continue  # words only the suggested wording has
        out.append(chunk if tag == "equal" else f"<mark>{chunk}</mark>")
    return " ".join(part for part in out if part)


def _bars(shares: list[Share], heading: str) -> str:
    rows = []
    for share in shares:
        name = "The trust" if share.name == "trust" else share.name
        rows.append(f'<tr><th scope="row">{_e(name)}</th><td class="num">{share.percent:.1f}%</td>'
                    f'<td class="num">{share.shared} of {share.total}</td>'
                    f'<td><div class="bar" aria-hidden="true"><span style="width: {share.percent:.1f}%">'
                    f"</span></div></td></tr>")
    return (f"<table><caption class=\"lead\">{_e(heading)}</caption><thead><tr><th scope=\"col\">School</th>"
            '<th scope="col">Shared</th><th scope="col">Statements</th><th scope="col">'
            'Share as a bar</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _proposal(proposal: Proposal) -> str:
    posts = len({v.post for v in proposal.variants})
    cards = []
    for variant in proposal.variants:
        chosen = variant.text == proposal.wording
        label = " (suggested wording)" if chosen else ""
        cards.append(f'<li class="{"chosen" if chosen else ""}"><span class="where">{_e(variant.post)} · '
                     f"<code>{_e(variant.where)}</code>{_e(label)}</span>"
                     f"{_marked(variant.text, proposal.wording)}</li>")
    return (f'<section aria-labelledby="p-{_e(proposal.block_id)}"><h3 id="p-{_e(proposal.block_id)}">'
            f"<code>{_e(proposal.block_id)}</code>: {_e(proposal.section)}, {posts} posts, similarity "
            f"{proposal.score}+</h3><ul class=\"variants\">{''.join(cards)}</ul>"
            f"<p>Make it a block: <code>jobpack drift --apply {_e(proposal.block_id)}</code> "
            f"(<code>--wording N</code> to choose another wording, <code>--dry-run</code> to see the edit).</p>"
            "</section>")


def _like_roles(groups: list[LikeRoles]) -> str:
    if not groups:
        return "<p>No like roles found.</p>"
    out = []
    columns = ("Post", "School", "Title", "Grade", "Pay (FTE)", "Actual pay", "Hours a week", "Weeks paid",
               "Contract", "Duties")
    for n, group in enumerate(groups, 1):
        head = "".join(f'<th scope="col">{c}</th>' for c in columns)
        rows = []
        for row in group.posts:
            cells = (row.school, row.title, row.grade or "no grade", row.fte or "not priced", row.actual or "–",
                     row.hours or "not stated", row.weeks or "–", row.contract or "–", row.duties)
            rows.append(f'<tr><th scope="row"><code>{_e(row.post)}</code></th>'
                        + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
        flags = "".join(f"<li>{_e(flag)}</li>" for flag in group.flags)
        out.append(f"<h3>Group {n}: {len(group.posts)} posts</h3><table><caption class=\"lead\">Grouped because: "
                   f"{_e('; '.join(group.reasons))}</caption><thead><tr>{head}</tr></thead>"
                   f"<tbody>{''.join(rows)}</tbody></table>"
                   + (f'<p>To look at:</p><ul class="flags">{flags}</ul>' if flags else ""))
    return "".join(out)


def page(report: Drift, trust_name: str) -> str:
    """The whole page, as text."""
    proposals = "".join(_proposal(p) for p in report.proposals) or "<p>None: no statement is written in " \
        "several posts in other words.</p>"
    near = "".join(f"<li><code>{_e(c.statement.where)}</code> {_e(c.statement.text)} — is {c.score}% like "
                   f"<code>{_e(c.block)}/{_e(c.item)}</code>: {_e(c.item_text)}</li>" for c in report.near_copies)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Drift: {_e(trust_name)}</title>
<style>{CSS}.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
clip: rect(0 0 0 0); white-space: nowrap; }}</style>
</head>
<body>
<main>
<h1>Drift: {_e(trust_name)}</h1>
<p class="lead">Where schools have written the same duty or criterion in their own words, how much of each
school's job descriptions comes from the trust's shared blocks, and like roles on different terms.
Statements count as the same at similarity {report.threshold} or more: the share of their content words
they have in common, in any order, with school synonyms counted as one word.</p>
<nav aria-label="On this page"><ul><li><a href="#shared">How much is shared</a></li>
<li><a href="#proposed">Proposed blocks</a></li><li><a href="#like-roles">Like roles</a></li></ul></nav>
<h2 id="shared">How much is shared</h2>
{_bars([*report.schools, report.trust], "Duties and criteria from blocks, role profiles and trust-wide "
                                        "criteria, per school and for the trust")}
<h2 id="proposed">Proposed blocks ({len(report.proposals)})</h2>
<p class="lead">Each card is one post's wording; the highlighted words differ from the suggested wording.</p>
{proposals}
<h2 id="near-copies">Local text that re-types a block item ({len(report.near_copies)})</h2>
{f"<ul>{near}</ul>" if near else "<p>None.</p>"}
<h2 id="like-roles">Like roles on different terms</h2>
<p class="note">{_e(NOT_A_FINDING)}</p>
{_like_roles(report.like_roles)}
</main>
</body>
</html>
"""
