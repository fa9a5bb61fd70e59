"""Live sessions: the room joins from its phones, plays or huddles, and this machine scores.

`session` is the judge, a pure state machine (no sockets, no clock of its own);
`server` drives it over HTTP and WebSockets; `host` runs that server on a
background thread for the command line and the window (see docs/live.md).
"""
