"""The review desk: a local web app where reviewers bring in dossiers, watch the checks
run, read each report, record their decisions, and leave an audit trail.

Rooms of the room:

- :mod:`verify.desk.store`   the data folder: SQLite database, applicant folders, paths
- :mod:`verify.desk.audit`   the append-only, hash-chained audit table
- :mod:`verify.desk.auth`    accounts (argon2 hashes), roles, sessions, CSRF tokens
- :mod:`verify.desk.intake`  uploads (folder or ``.zip``) and ``applicant.yaml`` from a form
- :mod:`verify.desk.watch`   the watched scanner folder (watchdog)
- :mod:`verify.desk.queue`   checks in background worker processes through :mod:`verify.run.batch`
- :mod:`verify.desk.review`  findings, per-finding decisions, final decisions, rechecks
- :mod:`verify.desk.withdraw` an upload made by mistake taken off the desk (admin, audited, kept aside)
- :mod:`verify.desk.export`  XLSX/CSV for HR
- :mod:`verify.desk.app`     the Starlette application (pages, forms, server-sent progress)
- :mod:`verify.desk.cli`     ``verify desk`` (serve, ``adduser``, ``audit --verify``)

Everything a reviewer reads is Simplified Chinese.
"""
