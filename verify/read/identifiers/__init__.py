"""Identifiers printed on dossier documents, in the python-stdnum shape.

ISSN and resident ID numbers use ``stdnum.issn`` and ``stdnum.cn.ric`` directly;
the domestic serial number of periodicals (国内统一连续出版物号, ``CN 21-1556/X``)
lives in :mod:`verify.read.identifiers.cn_serial`.
"""
