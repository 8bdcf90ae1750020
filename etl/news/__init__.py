"""News text processing: country and index mentions, figure claims and their check."""
