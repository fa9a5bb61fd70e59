"""Learning records: xAPI 1.0.3 statements about every playthrough, sent to the company's LRS.

`statements` builds them from the core's Result (pure), `validation` checks
them against xAPI's rules, `queue` keeps them in an outbox on this computer,
`client` sends them and `delivery` ties the two so that nothing is lost or
stored twice; `records` is what the presenters call (the one place a recorded
result becomes statements); `export` turns recorded results into the same
statements for a file. `config` reads where they go from the environment and
the settings file. May import the core, the store and game.settings; never
pygame. See docs/lms.md.
"""
