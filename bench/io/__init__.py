"""Exchange-format benchmark: TMX and PO, ours against translate-toolkit."""
