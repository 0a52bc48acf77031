"""Stage 6, the site: a generated tree any MkDocs-compatible engine builds (`tree`), `kb build`
and `kb serve` on MkDocs, how the site is published, and the thin layers people call: the
`kb` command (`cli`), the MkDocs plugin (`plugin`) and the editor's forms (`cms`).

Takes: the project, and the pages, files and navigation `rendering` gives. Gives: the
generated tree, the built site in site/ (with its search index), the running servers of
`kb serve` and `kb cms`, and the files `kb new` and `kb schemas` write."""
