"""Benchmark of the sentence aligner against NLTK's Gale-Church and a length-only baseline."""
