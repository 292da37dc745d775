"""Benchmark of the sentence segmenter against pySBD, sentence-splitter and sentencex."""
