"""Actors: the player's name on an account, an email from the company's list, or a pseudonym."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from game.lrs.identity import IdentityError, IdentityPolicy, pseudonym
from game.lrs.validation import problems

KEY = "0123456789abcdef0123456789abcdef"


def test_by_default_the_name_is_an_account_on_the_home_page() -> None:
    policy = IdentityPolicy(home_page="https://learning.example.com/")
    assert policy.actor("Zoé") == {
        "objectType": "Agent",
        "name": "Zoé",
        "account": {"homePage": "https://learning.example.com/", "name": "Zoé"},
    }


def test_with_an_address_list_a_listed_player_is_an_mbox() -> None:
    policy = IdentityPolicy("email", addresses={"zoé martin": "zoe.martin@example.com"})
    assert policy.actor("Zoé Martin") == {
        "objectType": "Agent",
        "name": "Zoé Martin",
        "mbox": "mailto:zoe.martin@example.com",
    }
    # Someone not on the list is still recorded, by name.
    assert "account" in policy.actor("Visitor")


def test_a_pseudonym_is_a_keyed_hash_that_hides_the_name() -> None:
    policy = IdentityPolicy("pseudonym", pseudonym_key=KEY)
    actor = policy.actor("Zoé")
    assert "name" not in actor
    name = actor["account"]["name"]
    expected = hmac.new(KEY.encode(), "Zoé".encode(), hashlib.sha256).hexdigest()[:32]
    assert name == "p-" + expected
    assert "Zoé" not in str(actor)
    # The same person always gets the same pseudonym; another key gives another one.
    assert policy.actor("Zoé") == actor
    assert policy.actor("Zoe\u0301") == actor  # the same name typed with a combining accent
    other = IdentityPolicy("pseudonym", pseudonym_key=KEY[::-1])
    assert pseudonym("Zoé", other) != name
    assert IdentityPolicy("pseudonym", pseudonym_key=KEY).actor("Zoë") != actor


def test_every_kind_of_actor_is_valid_xapi() -> None:
    base = {
        "id": "6c0f4a0e-2d52-4c6f-9a57-5b1f0e3d8c21",
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://rapport.invalid/xapi/scenarios/x"},
    }
    policies = [
        IdentityPolicy(),
        IdentityPolicy("email", addresses={"ann": "ann@example.com"}),
        IdentityPolicy("pseudonym", pseudonym_key=KEY),
    ]
    for policy in policies:
        assert problems({**base, "actor": policy.actor("Ann")}) == []


def test_a_pseudonym_needs_a_long_enough_key() -> None:
    with pytest.raises(IdentityError, match="secret key of at least 16"):
        IdentityPolicy("pseudonym", pseudonym_key="short")


def test_unknown_identities_and_bad_addresses_are_refused() -> None:
    with pytest.raises(IdentityError, match="name, email, pseudonym"):
        IdentityPolicy("nickname")
    with pytest.raises(IdentityError, match="not an email address"):
        IdentityPolicy("email", addresses={"ann": "ann at example"})


def test_the_key_never_shows_in_a_repr() -> None:
    policy = IdentityPolicy("pseudonym", pseudonym_key=KEY)
    assert KEY not in repr(policy)
