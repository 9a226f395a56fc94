"""Measures on the snapshots: centrality, balance, alignment and camps, what changed, robustness."""
