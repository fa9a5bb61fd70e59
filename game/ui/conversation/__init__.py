"""The conversation screen: `scene` (the playthrough's state and the player's input), `view`
(layout and drawing), `reload` (trainer mode: reload on save) and `history` (the
conversation so far, over it)."""
