"""The join address as a QR code: PNG bytes for the window, SVG for the projector page, text for
the terminal. segno is pure Python; medium error correction survives a glare on the projector.
"""

from __future__ import annotations

import io

import segno


def join_link(url: str, code: str) -> str:
    """The address a QR code carries: the web client with the code filled in."""
    return f"{url}?join={code}"


def qr_code(link: str) -> segno.QRCode:
    return segno.make(link, error="m", micro=False)


def png_bytes(link: str, scale: int = 10) -> bytes:
    """A PNG of the code, `scale` pixels per module, with the standard quiet zone."""
    out = io.BytesIO()
    qr_code(link).save(out, kind="png", scale=scale, border=4, dark="#000000", light="#ffffff")
    return out.getvalue()


def svg_data_uri(link: str) -> str:
    """An SVG of the code as a `data:` URI (the projector page shows it as an image)."""
    return str(qr_code(link).svg_data_uri(scale=8, border=4, dark="#000000", light="#ffffff"))


def terminal_text(link: str) -> str:
    """The code drawn with block characters, for a terminal (light on dark reads best)."""
    out = io.StringIO()
    qr_code(link).terminal(out=out, compact=True, border=2)
    return out.getvalue()
