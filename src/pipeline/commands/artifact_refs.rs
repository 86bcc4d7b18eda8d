//! Configuration values that name an artifact, so that renaming the artifact can follow them.
//!
//! From the CodePipeline user guide's action configuration reference and the CloudFormation
//! user guide's CodePipeline pages:
//! - a whole value: `CodeBuild`'s `PrimarySource`; `CodeDeployToECS`'s
//!   `TaskDefinitionTemplateArtifact`, `AppSpecTemplateArtifact` and `Image1ArtifactName` to
//!   `Image4ArtifactName`;
//! - `ArtifactName::path`: CloudFormation's `TemplatePath` and `TemplateConfiguration`;
//!   `CloudFormationStackSet`'s `TemplatePath`, `Parameters` and `DeploymentTargets`;
//!   `CloudFormationStackInstances`' `Parameters` and `DeploymentTargets` (the last two may also
//!   be literal lists, which have no `::` prefix and are left alone);
//! - the first argument of `Fn::GetArtifactAtt` and `Fn::GetParam` in CloudFormation's
//!   `ParameterOverrides` (JSON text, edited in place so that its layout stays).

/// `value` with references to artifact `old` renamed to `new`, or `None` when it names no
/// artifact `old`.
pub(super) fn renamed(provider: &str, key: &str, value: &str, old: &str, new: &str) -> Option<String> {
    let whole_value = match provider {
        "CodeBuild" => key == "PrimarySource",
        "CodeDeployToECS" => {
            matches!(key, "TaskDefinitionTemplateArtifact" | "AppSpecTemplateArtifact")
                || (key.starts_with("Image") && key.ends_with("ArtifactName"))
        }
        _ => false,
    };
    if whole_value {
        return (value == old).then(|| new.to_owned());
    }
    let path_like = matches!(
        (provider, key),
        ("CloudFormation", "TemplatePath" | "TemplateConfiguration")
            | (
                "CloudFormationStackSet",
                "TemplatePath" | "Parameters" | "DeploymentTargets"
            )
            | ("CloudFormationStackInstances", "Parameters" | "DeploymentTargets")
    );
    if path_like {
        let (artifact, path) = value.split_once("::")?;
        return (artifact.trim() == old).then(|| format!("{new}::{path}"));
    }
    if (provider, key) == ("CloudFormation", "ParameterOverrides") {
        return renamed_in_functions(value, old, new);
    }
    None
}

/// The functions of parameter overrides whose first argument is an artifact name.
const ARTIFACT_FUNCTIONS: [&str; 2] = ["Fn::GetArtifactAtt", "Fn::GetParam"];

/// Renames `old` where it is the first argument of `Fn::GetArtifactAtt` or `Fn::GetParam` in
/// JSON text, changing nothing else (spacing, order and other strings stay).
fn renamed_in_functions(text: &str, old: &str, new: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let skip_space = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let end = string_end(bytes, i)?;
        let is_function = decoded(&text[i..end]).is_some_and(|s| ARTIFACT_FUNCTIONS.contains(&s.as_str()));
        i = end;
        if !is_function {
            continue;
        }
        let colon = skip_space(end);
        if bytes.get(colon) != Some(&b':') {
            continue;
        }
        let open = skip_space(colon + 1);
        if bytes.get(open) != Some(&b'[') {
            continue;
        }
        let first = skip_space(open + 1);
        if bytes.get(first) != Some(&b'"') {
            continue;
        }
        let first_end = string_end(bytes, first)?;
        if decoded(&text[first..first_end]).as_deref() == Some(old) {
            out.push_str(&text[copied..first]);
            out.push_str(&serde_json::Value::from(new).to_string());
            copied = first_end;
        }
        i = first_end;
    }
    (copied > 0).then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// The index just past the JSON string literal that opens at `start`, if it closes.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn decoded(literal: &str) -> Option<String> {
    serde_json::from_str(literal).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_rename_only_function_arguments() {
        let text = r#"{ "Bucket" : { "Fn::GetArtifactAtt" : [ "Build", "BucketName" ] },
  "Key": {"Fn::GetArtifactAtt": ["Build","ObjectKey"]}, "Other": "Build",
  "Tag": {"Fn::GetParam": ["Build", "out.json", "Build"]}, "Cfg": {"Fn::GetParam": ["BuildX", "a.json", "k"]}}"#;
        let renamed = renamed("CloudFormation", "ParameterOverrides", text, "Build", "App").unwrap();
        assert_eq!(
            renamed,
            r#"{ "Bucket" : { "Fn::GetArtifactAtt" : [ "App", "BucketName" ] },
  "Key": {"Fn::GetArtifactAtt": ["App","ObjectKey"]}, "Other": "Build",
  "Tag": {"Fn::GetParam": ["App", "out.json", "Build"]}, "Cfg": {"Fn::GetParam": ["BuildX", "a.json", "k"]}}"#
        );
        assert_eq!(renamed_in_functions(text, "Nothing", "App"), None);
        assert_eq!(renamed_in_functions("{\"broken", "Build", "App"), None);
        assert_eq!(
            renamed_in_functions(r#"{"a\"b": {"Fn::GetParam": ["Build", "f", "k"]}}"#, "Build", "A"),
            Some(r#"{"a\"b": {"Fn::GetParam": ["A", "f", "k"]}}"#.to_owned())
        );
    }

    #[test]
    fn paths_and_whole_values_follow_per_provider() {
        let cases = [
            (
                "CloudFormation",
                "TemplatePath",
                "Build::t.yaml",
                Some("App::t.yaml"),
            ),
            (
                "CloudFormation",
                "TemplateConfiguration",
                "Build::c/p.json",
                Some("App::c/p.json"),
            ),
            ("CloudFormation", "TemplatePath", "BuildX::t.yaml", None),
            ("CloudFormation", "OutputFileName", "Build::t.yaml", None),
            (
                "CloudFormationStackSet",
                "Parameters",
                "Build::p.json",
                Some("App::p.json"),
            ),
            (
                "CloudFormationStackInstances",
                "DeploymentTargets",
                "Build::t.json",
                Some("App::t.json"),
            ),
            (
                "CloudFormationStackSet",
                "DeploymentTargets",
                "111122223333,444455556666",
                None,
            ),
            ("CodeBuild", "PrimarySource", "Build", Some("App")),
            ("CodeDeployToECS", "Image1ArtifactName", "Build", Some("App")),
            ("CodeDeployToECS", "AppSpecTemplateArtifact", "Build", Some("App")),
            ("Lambda", "UserParameters", "Build", None),
        ];
        for (provider, key, value, expected) in cases {
            assert_eq!(
                renamed(provider, key, value, "Build", "App").as_deref(),
                expected,
                "{provider} {key}"
            );
        }
    }
}
