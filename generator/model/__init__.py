"""Stage 4, the model: the valid records as one typed, cross-linked knowledge base, which the
templates ask questions instead of walking raw data."""
