"""Reading letters from files, folders, ledgers and stdin; writing results.

>>> from xfnlp.io import decode_text
>>> decode_text("违法占地".encode("gb18030"), "x.txt")
'违法占地'
"""

from .readers import SUPPORTED_SUFFIXES, decode_text, iter_letters, read_letter_file
from .tables import Table, read_table

__all__ = ["SUPPORTED_SUFFIXES", "Table", "decode_text", "iter_letters", "read_letter_file",
           "read_table"]
