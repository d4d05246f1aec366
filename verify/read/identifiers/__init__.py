"""Identifiers printed on dossier documents, in the python-stdnum shape.

ISSN uses ``stdnum.issn`` directly; resident ID numbers live in
:mod:`verify.read.identifiers.ric` (stdnum's check digit and birth date, a region
that has existed at any time, 15-digit numbers, specific reasons); the domestic
serial number of periodicals (国内统一连续出版物号, ``CN 21-1556/X``) lives in
:mod:`verify.read.identifiers.cn_serial`.
"""
