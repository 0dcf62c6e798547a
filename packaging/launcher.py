"""The frozen program's entry point: the same ``run`` the ``planner`` console script calls."""

from planner.cli.main import run

if __name__ == "__main__":
    run()
