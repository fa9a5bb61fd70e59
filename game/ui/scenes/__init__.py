"""The game's screens: title, picker, conversation, debrief, settings, leaderboard and overlays."""
