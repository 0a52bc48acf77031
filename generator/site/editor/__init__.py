"""What serves the people who write the records: forms in the browser (`cms`, `kb cms`), a
new record's commented template (`scaffold`, `kb new`), VS Code's schema mapping
(`editor_settings`, `kb schemas`) and YAML written as a person writes it (`yaml_out`).
Takes: the project and the record types (their JSON Schema, labels from the locale). Gives:
the editor's page, configuration and local server, record templates and settings files.
Imports neither the engine nor the command line: editing needs no site built."""
