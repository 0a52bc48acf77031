"""Kunskapsbank: YAML records about evidence-based practice, validated and rendered to MkDocs.

The pipeline runs one way, a module per stage:
load (YAML with positions) -> validate (schemas, references) -> model (typed records)
-> render (Jinja2 templates to Markdown) -> site (CLI and a thin MkDocs plugin).
"""
