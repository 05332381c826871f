"""Composition: posts built from blocks and role profiles (`resolve`), with their variables
(`variables`) filled in."""
