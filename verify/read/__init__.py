"""Reading a page's facts: its kind, dates, identifiers, names, and which of the
applicant's claims it supports."""
