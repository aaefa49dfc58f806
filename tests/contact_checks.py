"""The checks a set of phone/ID lines runs (tests/test_contacts_stress.py and
tests/test_contacts_heldout.py): each line as (text, phones, ids), the exact span texts."""

from __future__ import annotations

from xfnlp.corpus import id_number_valid
from xfnlp.extract import extract
from xfnlp.redact import ID_MASK, PHONE_MASK, redact_text
from xfnlp.text import normalize


def _names(items):
    return [normalize(x) for x in items]


def check_extracted(text, phones, ids):
    """The phones and IDs found are exactly the expected ones, with offsets into the text."""
    got = extract(text)
    norm = normalize(text)
    for s in got["phones"] + got["id_numbers"]:
        assert norm[s.start:s.end] == s.text
    assert [s.text for s in got["phones"]] == _names(phones)
    assert [s.text for s in got["id_numbers"]] == _names(ids)


def check_redacted(text, phones, ids):
    """Redaction masks every expected phone and ID, and nothing else of that kind."""
    out = redact_text(text)
    assert out.count(PHONE_MASK) == len(phones)
    assert out.count(ID_MASK) == len(ids)
    for item in phones + ids:
        assert item not in out


def check_set(lines, valid_ids, invalid_ids, at_least=120):
    """The set is as large as it claims, its IDs are (in)valid as meant, its items occur."""
    assert len(lines) >= at_least
    assert all(id_number_valid(x) for x in valid_ids)
    assert not any(id_number_valid(x) for x in invalid_ids)
    for text, phones, ids in lines:
        for item in phones + ids:
            assert item in text, item
