"""`jobpack publish teaching-vacancies`: keep the DfE's Teaching Vacancies service in step with the trust.

vocabulary (the service's words) -> payload (a post as the request body) -> plan (what to create, update,
withdraw or leave, against what the service holds) -> client (HTTP, retries, rate limit; the key never
leaves it) -> run (carries out the plan) -> report (what was sent and what failed, in plain words).
"""
