"""Shared parts of Assay's DAGs: settings, the spark-submit operator, failure alerts.

Nothing here does work at import time: the DAG processor parses these files often.
"""
