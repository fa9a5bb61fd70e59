"""`python -m game`: the same program as the `rapport` console script."""

from game.cli import main

if __name__ == "__main__":
    main()
