//! Stagecraft: a desktop study companion for the AWS Certified DevOps Engineer – Professional
//! exam.
//!
//! The core modules know nothing of the screen:
//! - [`course`]: the study material (blueprints, topics, notes, questions, cards, examples);
//! - [`progress`]: the learner's state in crash-safe, versioned RON files;
//! - [`pipeline`]: pipeline diagrams, their rules and their AWS formats;
//! - [`plan`]: today's study plan and the pass estimate.
//!
//! [`ui`] is the egui layer: it reads that state and sends back actions.

pub mod cli;
pub mod course;
pub mod data_files;
pub mod files;
pub mod pipeline;
pub mod plan;
pub mod progress;
pub mod quiz;
pub mod simulate;
pub mod sync;
pub mod ui;
pub mod words;

pub use ui::{AppConfig, StudyApp};
