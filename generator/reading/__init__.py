"""Stage 1, reading: where the knowledge base is and how it is configured (`project`,
`config_file`), which files it holds (`discovery`), and its record files as plain data with
the position of every value (`load`, with `cache` for files unchanged since last time)."""
