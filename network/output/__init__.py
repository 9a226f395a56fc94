"""What every output shares: style, layout, rows, the output folder and safe writing."""
