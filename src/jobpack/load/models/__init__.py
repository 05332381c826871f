"""The shape of trust.yaml, block files and post files, as pydantic models: validation, error locations
and the JSON Schemas editors use (`jobpack schema`) all come from these one description of the formats."""
