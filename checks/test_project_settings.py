"""The readers of the typed configuration and the README find what is there, and the two agree:
every setting the typed configuration reads is documented, with the same default where both are literal."""
import project_settings
from project_settings import TypedSetting


def test_typed_configuration_is_read_from_the_java_source():
    typed = project_settings.typed_settings()
    assert typed["ASSAY_KAFKA_PORT"].default == "9092"
    assert typed["ASSAY_MAX_MESSAGE_BYTES"].default == "1048576"  # 1024 * 1024 in the source
    assert typed["ASSAY_KAFKA_API_SECRET"].default_source is None
    assert typed["ASSAY_LAKE_ROOT"].defaults_to_this_machine
    assert not typed["ASSAY_INGEST_APP_ID"].defaults_to_this_machine


def test_every_typed_setting_is_documented_with_its_default():
    assert project_settings.documentation_problems(project_settings.typed_settings(), project_settings.readme_settings()) == []


def test_an_undocumented_setting_and_a_drifted_default_are_caught(tmp_path):
    (tmp_path / "Extra.java").write_text(
        'class Extra { int x = env.getInt("ASSAY_NEW_KNOB", 3); int p = env.getInt("ASSAY_KAFKA_PORT", 9093); }')
    problems = project_settings.documentation_problems(project_settings.typed_settings(tmp_path), project_settings.readme_settings())
    assert problems == [
        "ASSAY_NEW_KNOB is read by the typed configuration but not in the README's configuration table",
        "ASSAY_KAFKA_PORT defaults to 9093 in the typed configuration but to 9092 in the README",
    ]


def test_a_default_named_by_a_constant_is_read_from_its_class(tmp_path):
    java = tmp_path / "lake/src/main/java/io/assay/lake"
    java.mkdir(parents=True)
    (java / "SqlEndpointSettings.java").write_text(
        'public record SqlEndpointSettings() {\n  public static final int DEFAULT_PORT = 10_000;\n'
        '  static final String DEFAULT_HOST = "127.0.0.1";\n}\n')
    assert TypedSetting("ASSAY_SQL_PORT", "SqlEndpointSettings.DEFAULT_PORT", tmp_path).default == "10000"
    assert TypedSetting("ASSAY_SQL_HOST", "SqlEndpointSettings.DEFAULT_HOST", tmp_path).default == "127.0.0.1"
    assert TypedSetting("ASSAY_X", "Missing.DEFAULT_PORT", tmp_path).default is None
