"""The edition as one model, built once per build: its data, read and checked."""
