"""A trust diff as text for a terminal, Markdown for a pull request, or JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobpack.standardise.diff import Change, PostDiff, TrustDiff

Style = Callable[[str, str], str]  # (text, "-", "+" or "=") -> styled text


def _plain(text: str, op: str) -> str:
    return {"-": f"[-{text.rstrip()}-]" + text[len(text.rstrip()):],
            "+": f"{{+{text.rstrip()}+}}" + text[len(text.rstrip()):]}.get(op, text)


def _where(change: Change) -> str:
    short = {"Job description": "JD", "Person specification": "PS"}.get(change.document, "")
    return f"{short} · {change.heading}" if short else change.heading


def _line(change: Change, style: Style) -> str:
    if change.kind == "added":
        return f"+ {_where(change)}: " + style(change.new, "+")
    if change.kind == "removed":
        return f"- {_where(change)}: " + style(change.old, "-")
    if change.kind == "moved":
        return f"> {change.document} · moved from {change.old_heading} to {change.heading}: {change.new}"
    words = "".join(style(text, op) for op, text in change.words().runs)
    return f"~ {_where(change)}: {words}"


def summary(post: PostDiff) -> str:
    counts: dict[str, int] = {}
    for change in post.changes:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    names = {"fact": "details", "reworded": "reworded", "added": "added", "removed": "removed", "moved": "moved"}
    parts = [f"{n} {names[k]}" for k, n in sorted(counts.items(), key=lambda kv: list(names).index(kv[0]))]
    if post.status == "renamed":
        parts.insert(0, f"renamed from {post.old_id}")
    if post.status in ("added", "removed"):
        parts = [f"post {post.status}"]
    return ", ".join(parts) or "no change in the documents"


def as_text(diff: TrustDiff, colour: bool = False) -> str:
    """The diff for a terminal: each changed post, then its changes ([-deleted-] {+inserted+} words)."""
    import click

    def style(text: str, op: str) -> str:
        if not colour:
            return _plain(text, op)
        return {"-": click.style(text, fg="red", strikethrough=True), "+": click.style(text, fg="green",
                                                                                     underline=True)}.get(op, text)

    out = [f"Comparing {diff.before.label} with {diff.after.label}: {len(diff.posts)} post"
           f"{'s' if len(diff.posts) != 1 else ''} changed, {diff.unchanged} unchanged."]
    for post in diff.posts:
        out.append("")
        out.append(f"{post.id}  ({post.title}): {summary(post)}")
        out += ["  " + _line(change, style) for change in post.changes]
    return "\n".join(out)


def _md(text: str) -> str:
    """Text safe inside Markdown: no HTML, no emphasis, no tables broken by pipes."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def _mark(text: str, tag: str) -> str:
    """`text` in <del> or <ins>, its trailing space kept outside the tag."""
    words = text.rstrip()
    return f"<{tag}>{_md(words)}</{tag}>{text[len(words):]}"


def as_markdown(diff: TrustDiff, redlines: str = "") -> str:
    """The diff for a pull request: a summary table, then each post's changes (<del>deleted</del> and
    <ins>inserted</ins>, which GitHub shows struck through and underlined, whatever punctuation is next to them)."""
    out = ["## Job descriptions changed by this pull request", "",
           f"Comparing **{_md(diff.before.label)}** with **{_md(diff.after.label)}**: "
           f"{len(diff.posts)} post{'s' if len(diff.posts) != 1 else ''} changed, {diff.unchanged} unchanged."]
    if redlines:
        out.append(f"Redlines (PDF, and Word with tracked changes) are in the **{_md(redlines)}** artifact.")
    if not diff.posts:
        return "\n".join(out) + "\n"
    out += ["", "| Post | School | What changed |", "| --- | --- | --- |"]
    out += [f"| {_md(p.title)} (`{p.id}`) | {_md(p.school)} | {_md(summary(p))} |" for p in diff.posts]
    for post in diff.posts:
        out += ["", f"### {_md(post.title)} (`{post.id}`)", ""]
        if post.status in ("added", "removed"):
            out.append(f"The post was {post.status}.")
            continue
        for change in post.changes:
            where = _md(_where(change))
            if change.kind == "added":
                out.append(f"- **Added** ({where}): <ins>{_md(change.new)}</ins>")
            elif change.kind == "removed":
                out.append(f"- **Removed** ({where}): <del>{_md(change.old)}</del>")
            elif change.kind == "moved":
                out.append(f"- **Moved** from {_md(change.old_heading)} to {_md(change.heading)}: {_md(change.new)}")
            else:
                words = "".join(_md(t) if op == "=" else _mark(t, "del" if op == "-" else "ins")
                                for op, t in change.words().runs)
                label = "Changed" if change.kind == "fact" else "Reworded"
                out.append(f"- **{label}** ({where}): {words.strip()}")
    return "\n".join(out) + "\n"


def as_data(diff: TrustDiff) -> dict[str, Any]:
    return {"before": diff.before.label, "after": diff.after.label, "unchanged": diff.unchanged,
            "posts": [{"id": p.id, "old_id": p.old_id, "new_id": p.new_id, "status": p.status, "title": p.title,
                       "school": p.school,
                       "changes": [{"kind": c.kind, "document": c.document, "heading": c.heading, "old": c.old,
                                    "new": c.new, **({"old_heading": c.old_heading} if c.old_heading else {})}
                                   for c in p.changes]} for p in diff.posts]}
