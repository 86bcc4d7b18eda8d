//! The pipeline editor: library, palette, canvas, inspector, challenges, the deployment simulator, and how editor requests are applied.

pub(crate) mod actions;
pub(crate) mod canvas;
pub(crate) mod challenges;
pub(crate) mod findings;
pub(crate) mod import_choice;
pub(crate) mod inspector_action;
pub(crate) mod inspector_artifacts;
pub(crate) mod inspector_conditions;
pub(crate) mod inspector_config;
pub(crate) mod inspector_fields;
pub(crate) mod inspector_pipeline;
pub(crate) mod inspector_stage;
pub(crate) mod inspector_triggers;
pub(crate) mod inspector_variables;
pub(crate) mod library;
pub(crate) mod paint;
pub(crate) mod palette;
pub(crate) mod png;
pub(crate) mod props;
pub(crate) mod reference_solution;
pub(crate) mod simulator;
pub(crate) mod simulator_charts;
pub(crate) mod state;
pub(crate) mod view;
