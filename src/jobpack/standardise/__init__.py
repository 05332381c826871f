"""Standardising posts across schools: where each block is used (`where_used`), where schools have
re-typed the same statement (`drift`), and what a change does to every post (`diff`, `redline`)."""
