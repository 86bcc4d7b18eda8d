//! CloudFormation templates (JSON): import the first `AWS::CodePipeline::Pipeline` resource of
//! a template into a [`Diagram`], and export a diagram as a complete template that deploys it.
//!
//! Intrinsic functions: a value such as `{"Ref": "PipelineRole"}` or
//! `{"Fn::GetAtt": ["PipelineRole", "Arn"]}` imports as the text CloudFormation's YAML short
//! form would show, `!Ref PipelineRole` or `!GetAtt PipelineRole.Arn`; other functions keep
//! their argument as compact JSON (`!Join ["-",["a",{"Ref":"B"}]]`). Export turns such text
//! back into the function, so a template survives import and export unchanged, except that
//! `Fn::GetAtt` is always written in its list form. A configuration value typed by hand as
//! `!Ref Name` therefore exports as a reference too. Export declares a `String` parameter for
//! every `Ref` or `Fn::Sub` variable that names nothing in the template, so the template
//! stands alone; a `Fn::GetAtt` of a resource the template lacks cannot be repaired that way.
//!
//! This module holds the names shared by both directions; the intrinsic-function text form is
//! in `intrinsics`, reading in `import` and writing in `export`.

mod case;
mod context;
mod export;
mod import;
mod intrinsics;
mod yaml;

pub use export::{export, export_all};
pub use import::{from_template, import, import_all, parse_template};
pub use intrinsics::{intrinsic_to_text, text_to_value};
pub use yaml::{YamlDocument, parse_yaml};

/// The resource type this module reads and writes.
pub const PIPELINE_TYPE: &str = "AWS::CodePipeline::Pipeline";

/// Logical id of the pipeline in exported templates.
pub const PIPELINE_LOGICAL_ID: &str = "Pipeline";

/// Parameter declared when the diagram has no role ARN.
pub const ROLE_PARAMETER: &str = "PipelineRoleArn";

/// Parameter declared when the diagram has no artifact bucket.
pub const BUCKET_PARAMETER: &str = "ArtifactBucket";
