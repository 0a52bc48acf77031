"""Stage 3, checking: the read records against their types' schemas, against each other
(references, old ids, works described twice) and against the files they name, every problem
at once and at its place; `check` is this half of the pipeline on its own (`kb check`).

Takes: the documents `reading` gives and the project's record types. Gives: the typed,
valid records and every problem as a located `Diagnostic`, none raised."""
