"""Assay's Superset side: the dashboard bundle (superset/bundle/), its setup and the freshness benchmark."""
