"""Engines run the per-document stage over a stream of inputs and yield finished batches in input order."""
