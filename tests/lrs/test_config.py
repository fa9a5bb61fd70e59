"""The LRS settings: environment over the settings file, clear errors, secrets never shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.lrs.config import MASK, load_config, mask, read_addresses
from game.lrs.errors import LrsConfigError
from game.settings import Settings, load_settings, save_settings

PASSWORD = "s3cret-Passw0rd!"
KEY = "pseudonym-key-0123456789"


def test_without_an_endpoint_there_is_no_lrs() -> None:
    config = load_config({}, {})
    assert config.endpoint is None
    assert config.shown_endpoint == "(none)"


def test_the_environment_wins_over_the_settings_file() -> None:
    config = load_config(
        {"RAPPORT_LRS": "https://lrs.example.com/xapi", "RAPPORT_LRS_USERNAME": "env-user"},
        {"endpoint": "https://other.example.com/xapi/", "username": "file-user", "password": "p"},
    )
    assert config.endpoint == "https://lrs.example.com/xapi/"  # a trailing slash is added
    assert config.username == "env-user"
    assert config.password == "p"


def test_the_settings_file_alone_is_enough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path))
    save_settings(Settings(lrs={"endpoint": "https://lrs.example.com/xapi/", "password": PASSWORD}))
    config = load_config({})
    assert config.endpoint == "https://lrs.example.com/xapi/"
    assert config.password == PASSWORD


@pytest.mark.parametrize(
    ("endpoint", "words"),
    [
        ("lrs.example.com/xapi", "xAPI address"),
        ("ftp://lrs.example.com/", "xAPI address"),
        ("https://lrs.example.com/xapi/?x=1", "query"),
    ],
)
def test_a_bad_endpoint_says_what_is_expected(endpoint: str, words: str) -> None:
    with pytest.raises(LrsConfigError, match=words) as error:
        load_config({"RAPPORT_LRS": endpoint}, {})
    assert "RAPPORT_LRS" in str(error.value)


def test_credentials_in_the_address_are_refused_and_masked() -> None:
    with pytest.raises(LrsConfigError) as error:
        load_config({"RAPPORT_LRS": f"https://ann:{PASSWORD}@lrs.example.com/xapi/"}, {})
    message = str(error.value)
    assert PASSWORD not in message
    assert "RAPPORT_LRS_USERNAME" in message
    assert f"{MASK}@lrs.example.com" in message


def test_the_password_and_key_never_show_in_a_repr_or_message() -> None:
    config = load_config(
        {
            "RAPPORT_LRS": "https://lrs.example.com/xapi/",
            "RAPPORT_LRS_PASSWORD": PASSWORD,
            "RAPPORT_LRS_IDENTITY": "pseudonym",
            "RAPPORT_LRS_PSEUDONYM_KEY": KEY,
        },
        {},
    )
    assert PASSWORD not in repr(config) and KEY not in repr(config)
    assert config.mask(f"refused {PASSWORD} and {KEY}") == f"refused {MASK} and {MASK}"
    assert mask("nothing secret", []) == "nothing secret"
    settings = Settings(lrs={"password": PASSWORD})
    assert PASSWORD not in repr(settings)


def test_a_password_over_plain_http_to_another_computer_is_warned_about() -> None:
    remote = load_config(
        {"RAPPORT_LRS": "http://lrs.example.com/xapi/", "RAPPORT_LRS_PASSWORD": PASSWORD}, {}
    )
    assert any("not https" in w for w in remote.warnings())
    local = load_config({"RAPPORT_LRS": "http://127.0.0.1:8100/xAPI/"}, {})
    assert local.warnings() == []


def test_a_pseudonym_without_a_key_is_refused() -> None:
    with pytest.raises(LrsConfigError, match="secret key"):
        load_config({"RAPPORT_LRS_IDENTITY": "pseudonym"}, {})


def test_a_bad_home_page_or_language_names_its_setting() -> None:
    with pytest.raises(LrsConfigError, match="RAPPORT_LRS_HOME_PAGE"):
        load_config({"RAPPORT_LRS_HOME_PAGE": "our intranet"}, {})
    with pytest.raises(LrsConfigError, match=r"lrs\.language"):
        load_config({}, {"language": "English (UK)"})
    config = load_config({"RAPPORT_LRS_LANGUAGE": "de-CH"}, {})
    assert config.options.language == "de-CH"


def test_email_identity_reads_the_address_list(tmp_path: Path) -> None:
    listing = tmp_path / "staff.csv"
    listing.write_text("name,email\nZoé Martin, zoe@example.com\n\nBo,bo@example.com\n", "utf-8")
    config = load_config(
        {"RAPPORT_LRS_IDENTITY": "email", "RAPPORT_LRS_ADDRESSES": str(listing)}, {}
    )
    assert config.options.identity.actor("zoé martin")["mbox"] == "mailto:zoe@example.com"
    with pytest.raises(LrsConfigError, match="RAPPORT_LRS_ADDRESSES"):
        load_config({"RAPPORT_LRS_IDENTITY": "email"}, {})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ann,ann@example.com,extra\n", "line 1"),
        ("Ann\n", "line 1"),
        ("Ann,ann@example.com\nann,other@example.com\n", "second address"),
    ],
)
def test_a_damaged_address_list_says_which_line(tmp_path: Path, text: str, words: str) -> None:
    listing = tmp_path / "staff.csv"
    listing.write_text(text, "utf-8")
    with pytest.raises(LrsConfigError, match=words):
        read_addresses(listing)


def test_a_missing_or_binary_address_list_is_reported(tmp_path: Path) -> None:
    with pytest.raises(LrsConfigError, match="cannot be read"):
        read_addresses(tmp_path / "absent.csv")
    binary = tmp_path / "staff.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe")
    with pytest.raises(LrsConfigError, match="not UTF-8"):
        read_addresses(binary)


def test_the_lrs_settings_survive_a_round_trip_and_damage_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAPPORT_HOME", str(tmp_path))
    chosen = Settings(player_name="Ann", lrs={"endpoint": "https://l.example.com/x/"})
    save_settings(chosen)
    assert load_settings() == (chosen, None)
    path = tmp_path / "config" / "settings.json"
    data = json.loads(path.read_text("utf-8"))
    data["lrs"] = {"endpoint": 42}
    path.write_text(json.dumps(data), "utf-8")
    settings, message = load_settings()
    assert settings.lrs == {} and settings.player_name == "Ann" and message is None
