"""What templates read: a typed, read-only view of a resolved post, its school and the trust.

Takes a resolved post; gives the context the HTML and Word templates (and the site) render.
"""
