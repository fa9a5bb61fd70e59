"""Rapport's art generator: every SVG in assets/ drawn from code, in one palette and style.

- ``palette``: the colours; ``svg``: the SVG writer (stable, byte-identical output);
- ``cast`` and ``cast.toml``: the people, as data;
- ``portrait``: bodies, outfits, hair, faces and hands, one portrait per mood;
- ``props``: the frame of a setting and things many settings use;
  ``settings``: one module per backdrop;
- ``placeholders``, ``build`` (every file, write, check), ``render`` (contact sheets),
  ``cli`` (the command line behind ``tools/make_art.py``).
"""
