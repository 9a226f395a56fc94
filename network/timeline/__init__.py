"""Time: the windows a dataset is cut into and the signed snapshot of each window."""
