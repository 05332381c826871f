"""Standardising posts across schools: where each block is used (`where_used`), where schools have
re-typed the same statement (`drift`), and what a change does to every post (`diff`, `redline`).

Takes a checked trust (and, for `diff`, two git revisions of it); gives reports in text, Markdown or JSON,
and redlined PDF and Word documents. Beside the stages: it uses them, they never use it."""
