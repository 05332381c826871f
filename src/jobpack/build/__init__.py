"""Building: the documents of every post written into output/, its cache and manifest, shards, and the check run.

Takes the checked trust and the renderers; gives files on disk, written atomically, and a report of what changed.
"""
