"""Stage 4, the model: the valid records as one typed, cross-linked knowledge base, which the
templates ask questions instead of walking raw data.

Takes: the valid records `checking` gives (references already resolved to records that
exist) and the record types. Gives: a `KnowledgeBase` that answers by type and id, in
reading order, with backlinks and where each reference leads."""
