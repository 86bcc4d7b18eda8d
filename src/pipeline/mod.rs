//! Pipeline diagrams: the model, the service catalog, the rule checker, the CodePipeline and
//! CloudFormation formats, and edit commands with undo.
//!
//! Knows nothing of the screen; positions are plain numbers converted by the UI.

pub mod layout;
mod model;

pub use model::{Action, ActionId, Category, DIAGRAM_VERSION, Diagram, Owner, Stage};
