//! What `CreatePipeline` refuses in the parts of a pipeline declaration the other API rules do
//! not read: the artifact store's type, the declaration's version and the V2 triggers, with
//! the limits of the API reference's `PipelineDeclaration`, `ArtifactStore` and
//! `PipelineTriggerDeclaration` pages.

use super::api_limits::{is_line_break, length_problem};
use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

/// What `CreatePipeline` refuses in the declaration's remaining places (reported under
/// `pipeline-settings`): an artifact store type other than `S3` (`ArtifactStoreType`), a
/// `version` below 1 (`PipelineVersion`), and triggers outside `PipelineTriggerDeclaration`'s
/// shape: the provider type, the source action's name, 1 to 3 push and pull-request filters,
/// 1 to 8 patterns of 1 to 255 characters in each list, 1 to 3 pull-request events, and no
/// member the API does not name. Values given by an intrinsic function are skipped.
#[must_use]
pub fn declaration_problems(diagram: &Diagram) -> Vec<String> {
    use serde_json::Value;
    fn intrinsic(value: &Value) -> bool {
        Text::intrinsic(value).is_some()
    }
    fn members(out: &mut Vec<String>, what: &str, value: &Value, known: &[&str]) -> bool {
        let Some(map) = value.as_object() else {
            out.push(format!("{what} is not an object"));
            return false;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            out.push(format!("{what} has \"{key}\", which CodePipeline does not take"));
        }
        true
    }
    fn list<'v>(out: &mut Vec<String>, what: &str, value: &'v Value, most: usize) -> &'v [Value] {
        let Some(items) = value.as_array() else {
            out.push(format!("{what} is not a list"));
            return &[];
        };
        if !(1..=most).contains(&items.len()) {
            out.push(format!(
                "{what} has {} entries; CodePipeline takes 1 to {most}",
                items.len()
            ));
        }
        items
    }
    let criteria = |out: &mut Vec<String>, what: &str, value: &Value| {
        if intrinsic(value) || !members(out, what, value, &["includes", "excludes"]) {
            return;
        }
        for (key, patterns) in value.as_object().into_iter().flatten() {
            let what = format!("{what}.{key}");
            for pattern in list(out, &what, patterns, 8).iter().filter(|p| !intrinsic(p)) {
                match pattern.as_str() {
                    None => out.push(format!("{what} holds {pattern}, which is not text")),
                    Some(text) => {
                        if let Some(problem) =
                            length_problem(&format!("a pattern in {what}"), text, &(1..=255))
                        {
                            out.push(problem);
                        } else if text.chars().any(is_line_break) {
                            out.push(format!("a pattern in {what} spans lines"));
                        }
                    }
                }
            }
        }
    };
    let mut out = Vec::new();
    let stores: Vec<&str> = if diagram.artifact_stores.is_empty() {
        vec![""]
    } else {
        diagram.artifact_stores.keys().map(Text::as_str).collect()
    };
    for key in stores {
        if let Some(kind) = diagram
            .artifact_store_types
            .get(key)
            .filter(|k| !k.is_intrinsic())
        {
            let store = if key.is_empty() {
                String::new()
            } else {
                format!(" for {key}")
            };
            out.push(format!(
                "the artifact store{store} has type \"{kind}\"; CodePipeline takes only S3"
            ));
        }
    }
    if let Some(version) = diagram.pipeline_version.filter(|v| *v < 1) {
        out.push(format!("the pipeline version {version} is below 1"));
    }
    for (t, trigger) in diagram.triggers.iter().enumerate() {
        let what = format!("trigger {}", t + 1);
        if !members(&mut out, &what, trigger, &["providerType", "gitConfiguration"]) {
            continue;
        }
        match trigger.get("providerType") {
            None => out.push(format!("{what} has no providerType")),
            Some(kind) if intrinsic(kind) || kind == "CodeStarSourceConnection" => {}
            Some(kind) => out.push(format!(
                "{what}: providerType {kind} is not CodeStarSourceConnection"
            )),
        }
        let Some(git) = trigger.get("gitConfiguration") else {
            out.push(format!("{what} has no gitConfiguration"));
            continue;
        };
        let what = format!("{what}.gitConfiguration");
        if intrinsic(git) || !members(&mut out, &what, git, &["sourceActionName", "push", "pullRequest"]) {
            continue;
        }
        match git.get("sourceActionName") {
            None => out.push(format!("{what} has no sourceActionName")),
            Some(name) if intrinsic(name) => {}
            Some(name) => match name.as_str() {
                Some(name) if crate::pipeline::rules::is_valid_name(name) => {}
                _ => out.push(format!(
                    "{what}: sourceActionName {name} is not an action name (1 to 100 of A-Z a-z 0-9 . @ - _)"
                )),
            },
        }
        for (key, filters) in git.as_object().into_iter().flatten() {
            let (known, most_events): (&[&str], bool) = match key.as_str() {
                "push" => (&["tags", "branches", "filePaths"], false),
                "pullRequest" => (&["events", "branches", "filePaths"], true),
                _ => continue,
            };
            let what = format!("{what}.{key}");
            for (f, filter) in list(&mut out, &what, filters, 3).iter().enumerate() {
                let what = format!("{what}[{}]", f + 1);
                if intrinsic(filter) || !members(&mut out, &what, filter, known) {
                    continue;
                }
                for (part, value) in filter.as_object().into_iter().flatten() {
                    let what = format!("{what}.{part}");
                    if part == "events" && most_events {
                        for event in list(&mut out, &what, value, 3) {
                            if !intrinsic(event)
                                && !["OPEN", "UPDATED", "CLOSED"].contains(&event.as_str().unwrap_or(""))
                            {
                                out.push(format!("{what}: {event} is not one of OPEN, UPDATED, CLOSED"));
                            }
                        }
                    } else if known.contains(&part.as_str()) {
                        criteria(&mut out, &what, value);
                    }
                }
            }
        }
    }
    out
}
