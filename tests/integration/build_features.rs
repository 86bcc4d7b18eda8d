//! The build's choices that no test of the app's behaviour can see: eframe's optional features.
//! Without `links` a clicked URL only logs "Cannot open url - feature \"links\" not enabled";
//! without `clipboard` no text leaves or enters the app through the system clipboard.

#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The text of the `eframe = { … }` dependency in Cargo.toml.
fn eframe_dependency(manifest: &str) -> String {
    let start = manifest
        .lines()
        .position(|l| l.trim_start().starts_with("eframe ="))
        .expect("Cargo.toml names eframe as a dependency");
    let mut text = String::new();
    let mut depth = 0_i32;
    for line in manifest.lines().skip(start) {
        // Comments may hold brackets and feature names that are not in the list.
        let line = line.split('#').next().unwrap_or("");
        text.push_str(line);
        text.push('\n');
        depth += line.matches(['{', '[']).count() as i32 - line.matches(['}', ']']).count() as i32;
        if depth <= 0 {
            break;
        }
    }
    text
}

/// The quoted names in the dependency's `features = [ … ]`.
fn features(dependency: &str) -> Vec<String> {
    let list = dependency
        .split_once("features")
        .and_then(|(_, rest)| rest.split_once('['))
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("eframe's features are listed");
    list.split(',')
        .map(|f| f.trim().trim_matches('"').to_owned())
        .filter(|f| !f.is_empty())
        .collect()
}

#[test]
fn eframe_is_built_with_links_and_the_clipboard() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let dependency = eframe_dependency(&manifest);
    let names = features(&dependency);
    if dependency.replace(' ', "").contains("default-features=false") {
        for needed in ["links", "clipboard", "glow"] {
            assert!(
                names.iter().any(|f| f == needed),
                "eframe's default features are off, so {needed:?} must be named again: {names:?}"
            );
        }
    }
}

#[test]
fn the_feature_reader_sees_what_is_dropped() {
    let without = "[dependencies]\neframe = { version = \"0.37\", default-features = false, features = [\n    \"glow\", # not \"links\"\n    \"accesskit\",\n] }\negui = \"0.37\"\n";
    let names = features(&eframe_dependency(without));
    assert_eq!(names, ["glow", "accesskit"]);
}
