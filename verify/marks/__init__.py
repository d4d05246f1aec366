"""Marks on a page that are not text: seals (公章) and signatures."""
