"""newsgraph: who said and did what, to whom, where and when, from a pile of news."""

__version__ = "0.1.0"
