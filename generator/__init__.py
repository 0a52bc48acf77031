"""Kunskapsbank: YAML records about evidence-based practice, validated and rendered to MkDocs.

The pipeline runs one way, a folder per stage, each importing only from earlier ones
(tests/test_layers.py): reading (YAML with positions) -> types (what a record is) ->
checking (schemas, references) -> model (typed, linked records) -> rendering (Jinja2
templates to Markdown) -> site (generated tree, MkDocs builds, the CLI and a thin plugin).
`diagnostics`, `parallel` and `locale` (every text a user reads) serve every stage;
generator/README.md says what each folder takes and gives.
"""
