"""Stage 1, reading: where the knowledge base is and how it is configured (`project`,
`config_file`), which files it holds (`discovery`), and its record files as plain data with
the position of every value (`load`, with `cache` for files unchanged since last time).

Takes: the project's folder (mkdocs.yml, data/, content/). Gives: the settings, and one
`SourceDocument` per record file (plain data, its type's name, a way to locate any value),
with a located problem for each file that cannot be read."""
