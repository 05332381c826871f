"""Composition: posts built from blocks and role profiles (`resolve`, over `extends` and `entries`), with
their variables filled in (`variables`), their terms worked out (`terms`, `pay`) and their output paths.

Takes the loaded `TrustFiles`; gives a flat `ResolvedPost` per post, every value knowing where it was
written, and the problems that stop a post being composed (unknown blocks, cycles, omits that miss)."""
