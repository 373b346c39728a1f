"""Helpers for writing the modern-style gold by hand (halves a, c, d) (no extractor involved)."""


def C(surface, value, unit, q, subject, predicate, time, kind, note="", vmax=None):
    return dict(surface=surface, value=value, value_max=vmax, unit=unit, qualifier=q,
                subject=subject, predicate=predicate, time=time, claim=True, kind=kind, note=note)


def F(surface, note, kind="other"):
    return dict(surface=surface, value=None, value_max=None, unit="", qualifier="=",
                subject=None, predicate=None, time=None, claim=False, kind=kind,
                note="NOT a claim: " + note)
