//! Arbitrary text as a diagram file (`diagrams/*.ron`): parse it as the library does, then run
//! everything the editor runs on an opened diagram: ids, rule check, layout, tidy, SVG, and
//! export to both formats, whose output must import again.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::{Diagram, cloudformation, codepipeline, layout, rules, svg};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut diagram) = ron::from_str::<Diagram>(text) else {
        return;
    };
    diagram.assign_missing_ids();
    let _ = rules::check(&diagram);
    let _ = layout::layout(&diagram);
    let _ = svg::export(&diagram);
    layout::tidy(&mut diagram);
    let _ = layout::layout(&diagram);
    let json = codepipeline::export(&diagram);
    if let Err(err) = codepipeline::import(&json) {
        panic!("exported CodePipeline JSON does not import: {err}\n{json}");
    }
    let template = cloudformation::export(&diagram);
    if let Err(err) = cloudformation::import(&template) {
        panic!("exported CloudFormation template does not import: {err}\n{template}");
    }
});
