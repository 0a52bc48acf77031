"""The `kb` command line (`cli`): every subcommand, its options and its exit status.
Takes: the arguments a person types. Gives: the work of the engine, editor and publishing
parts, started on demand (each command imports what it runs when it runs, so `kb build`
forks before the record types are imported), and problems as `fil:rad:kolumn` lines. No
other part imports it."""
