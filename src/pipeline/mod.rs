//! Pipeline diagrams: the model, the service catalog, the rule checker, the CodePipeline and
//! CloudFormation formats, and edit commands with undo.
//!
//! Knows nothing of the screen; positions are plain numbers converted by the UI.

pub mod catalog;
pub mod challenge;
pub mod cloudformation;
pub mod codepipeline;
pub mod commands;
mod direction;
pub mod drop_target;
pub mod edit;
pub mod formats;
pub mod layout;
mod model;
pub mod routing;
pub mod rules;
pub mod svg;
mod text;
pub mod transitions;

pub use direction::LayoutDirection;
pub use model::{Action, ActionId, Category, DIAGRAM_VERSION, Diagram, Owner, Stage};
pub use rules::{Finding, RuleId, Severity};
pub use text::{Intrinsic, Text};
