"""Package list for setuptools: every package under desk/, and resources/ as desk.resources
(pyproject.toml maps the folder), so that a wheel carries the sample blog, style sheet,
icons and desktop files that an editable install reads from the repository."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["desk", "desk.*"]), "desk.resources"])
