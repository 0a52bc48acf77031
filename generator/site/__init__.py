"""Stage 6, the site, in four parts by whom each serves (generator/README.md has the table):
`engine` builds the site (the generated tree any MkDocs-compatible engine builds, `kb build`,
`kb serve` and the MkDocs plugin, the search index), `editor` serves the people who write
the records (`kb cms`, `kb new`, editor settings), `publishing` the people who put the site
online (its address, theme overrides, server samples), and `command` is the `kb` command
over them all. `children` (the processes `kb` starts) serves every part.
Takes: the project, and the pages, files and navigation `rendering` gives. Gives: the
generated tree, the built site in site/ (with its search index), the running servers of
`kb serve` and `kb cms`, and the files `kb new` and `kb schemas` write."""
