"""Certificates: the verification code and the PDF."""
