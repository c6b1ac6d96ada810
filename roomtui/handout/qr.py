"""QR symbols for hand-out pages, through the ``qrcode`` library (no encoding of our own).

Text encoding: the page text goes in as UTF-8 bytes in one byte-mode segment, with no ECI
header. Why no ECI:

- ``qrcode`` cannot write one (its segments are numeric, alphanumeric and byte only); adding it
  would mean writing QR bit streams by hand, which is exactly the kind of code we do not want.
- Current readers do not need it: ZXing (Android scanner apps, and zxing-cpp), the iOS and
  Android system cameras, WeChat and OpenCV take byte-mode data that is valid UTF-8 as UTF-8.
  The tests decode every page, Chinese included, with zxing-cpp and OpenCV and compare exactly.
- It can hurt: OpenCV 5 logs "ECI is not supported properly" for ECI symbols, and readers that
  pass the raw stream through show the designator literally (``]Q2\\000026...``).

The readers that would need ECI are old ones that assume ISO-8859-1 or guess Shift_JIS; for
them ``roomtui handout --text`` prints the same text for copying by hand.

Error correction level L (7 %), chosen by measurement: a camera pointed at a screen fails at
*finding* the code (too few pixels per module, blur, stripes from line spacing), rarely at
reading modules once found, and the camera test (tests/test_handout_camera.py) reads every page
at level L. Level M would cost 22 % of the capacity, i.e. a fourth code for the demo council's
summary at 120x40, and a code nobody scans is worth less than a code with more redundancy.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode import util
from qrcode.constants import ERROR_CORRECT_L

ERROR_CORRECTION = ERROR_CORRECT_L
QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks
# The densest code offered unless the secretary asks for more (+): 65 modules, about 4 pixels
# a module when the code fills a fifth of a phone's 1280x720 frame, which the camera test reads
# slightly out of focus; version 13 already fails there now and then. It fits a 120x40 terminal.
DEFAULT_MAX_VERSION = 12
MIN_VERSION, MAX_VERSION = 1, 40


def side(version: int) -> int:
    """Modules across a symbol of this version, quiet zone not included."""
    return 17 + 4 * version


def byte_capacity(version: int) -> int:
    """Bytes one byte-mode segment can carry at this version, from qrcode's own tables."""
    bits = util.BIT_LIMIT_TABLE[ERROR_CORRECTION][version]
    header = 4 + util.length_in_bits(util.MODE_8BIT_BYTE, version)
    return (bits - header) // 8


def clamp_version(version: int) -> int:
    return max(MIN_VERSION, min(MAX_VERSION, int(version)))


@lru_cache(maxsize=64)
def qr_matrix(payload: str, version: int) -> tuple[tuple[bool, ...], ...]:
    """The symbol for ``payload`` at exactly ``version``: rows of modules, True is dark.

    Raises ``qrcode.exceptions.DataOverflowError`` when the payload does not fit. Cached,
    because choosing the mask takes a noticeable moment at high versions and the carousel
    comes back to the same pages again and again.
    """
    code = qrcode.QRCode(version=version, error_correction=ERROR_CORRECTION, border=0, box_size=1)
    code.add_data(util.QRData(payload.encode("utf-8"), mode=util.MODE_8BIT_BYTE))
    code.make(fit=False)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())
