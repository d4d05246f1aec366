"""What a run hands to people: the per-applicant report (JSON and HTML) and the
batch summary (CSV and XLSX)."""
