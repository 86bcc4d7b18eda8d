//! Arbitrary text as CodePipeline JSON: import returns a diagram or a positioned error, never
//! panics; an imported diagram exports to JSON that imports again, and from the first re-import
//! on, export and import change nothing.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::codepipeline::{self, ImportError};
use stagecraft::pipeline::rules;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagram = match codepipeline::import(text) {
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
    let first = codepipeline::export(&diagram);
    let again = codepipeline::import(&first)
        .unwrap_or_else(|err| panic!("the exported JSON does not import: {err}\n{first}"));
    let second = codepipeline::export(&again);
    let third = codepipeline::import(&second)
        .unwrap_or_else(|err| panic!("the re-exported JSON does not import: {err}\n{second}"));
    assert_eq!(third, again, "a second round trip changed the pipeline\n{second}");
});
