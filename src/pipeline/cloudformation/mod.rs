//! CloudFormation templates (JSON or YAML): import every `AWS::CodePipeline::Pipeline` resource
//! of a template into a [`Diagram`], and export diagrams as a complete template that deploys them.
//!
//! Intrinsic functions: any field may hold one. The diagram keeps it as its expression (a
//! [`Text::Intrinsic`](crate::pipeline::Text), such as `{"Fn::GetAtt": ["PipelineRole", "Arn"]}`)
//! and shows it in the YAML short form, `!GetAtt PipelineRole.Arn`; export writes the
//! expression back, so a template survives import and export unchanged, except that
//! `Fn::GetAtt` is always written in its list form. In the editor, a value typed in the short
//! form (`!Ref Name`) becomes the function. Export declares a `String` parameter for every
//! reference to something the template lacks (`Ref`, `Fn::GetAtt`, `${…}` of `Fn::Sub`), so
//! the template stands alone.
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
