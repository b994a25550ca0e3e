"""Fixtures shared by the corrections tests (test_corrections, test_person_split,
test_review_tui): the test corpus imported once a module, and a fresh copy for each test."""
import pytest

from corrections_fixture import build, clone


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def corpus(template, tmp_path):
    """The copy's database and article files."""
    return clone(template, tmp_path)
