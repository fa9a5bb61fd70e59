"""Learning records: xAPI 1.0.3 statements about every playthrough, sent to the company's LRS.

`statements` builds them from the core's Result (pure), `validation` checks
them against xAPI's rules, `queue` keeps them on this computer, `client` sends
them and `delivery` ties the two so that nothing is lost or stored twice;
`export` turns recorded results into the same statements for a file.
`config` reads where they go from the environment and the settings file.
May import the core, the store's record type and game.settings; never pygame.
See docs/lms.md.
"""
