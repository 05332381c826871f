"""The build stage: render posts to DOCX and PDF, skip unchanged ones, shard across machines."""
