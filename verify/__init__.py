"""Dossier verification: classify pages, read facts, find seals and signatures,
check the review rules and write reports. Never imports an OCR engine directly."""
