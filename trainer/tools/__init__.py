"""Tools for developers: the benchmark suite (``trainer bench``)."""
