//! Arbitrary text as a CloudFormation template: import returns a diagram or a positioned error,
//! never panics; an imported diagram exports to a template that imports again, and from the
//! first re-import on, export and import change nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::codepipeline::ImportError;
use stagecraft::pipeline::{cloudformation, rules};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagram = match cloudformation::import(text) {
        Ok(diagram) => diagram,
        Err(ImportError::Syntax { line, column, .. }) => {
            assert!(line >= 1 && column >= 1);
            return;
        }
        Err(ImportError::Shape { path, .. }) => {
            assert!(!path.is_empty());
            return;
        }
    };
    let _ = rules::check(&diagram);
    // Export, import, export, import: from the first re-import on, the diagram is a fixed
    // point (the first import may still gain what export adds, such as a role parameter).
    let first = cloudformation::export(&diagram);
    let again = cloudformation::import(&first)
        .unwrap_or_else(|err| panic!("the exported template does not import: {err}\n{first}"));
    let second = cloudformation::export(&again);
    let third = cloudformation::import(&second)
        .unwrap_or_else(|err| panic!("the re-exported template does not import: {err}\n{second}"));
    assert_eq!(third, again, "a second round trip changed the pipeline\n{second}");
});
