"""The benchmark suite: a synthetic corpus, and timings of import, search, facets and the app.

Run `python -m bench --help`; BENCHMARKS.md has the figures and how to read them.
"""
