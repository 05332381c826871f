"""Checking a trust: cross-file validation of the loaded, composed posts, and the wording lints.

Takes the loaded files and the resolved posts; gives problems (file, line, column, what to do) and lint findings.
"""
