//! Stagecraft's integration and UI tests, linked into one test binary: each of the 25 files
//! used to be its own binary of about 50 MB, and linking them all filled CI's disk.
//!
//! The crash tests start this binary again as their child process, naming a test by its path
//! in here (`hardening_crash::crash_child`).

mod common;

mod backup_timing;
mod build_features;
mod challenges;
mod challenges_near_miss;
mod challenges_pack_check;
mod challenges_reference;
mod cli;
mod content_renders;
mod data_validation;
mod exam_finish;
mod hardening_backups;
mod hardening_crash;
mod hardening_damage;
mod hardening_fuzz;
mod hardening_roundtrip;
mod kill_after_answer;
mod local_days;
mod pack_check;
mod pipeline_api;
mod pipeline_formats;
mod pipeline_intrinsics;
mod pipeline_rules;
mod pipeline_templates;
mod pipeline_undo;
mod progress_store;
mod quiz_core;
mod readiness;
mod search;
mod simulate;
mod simulate_alarms;
mod simulate_support;
mod simulate_traffic;
mod small_debts;
mod sync_crash;
mod sync_merge;
mod sync_property;
mod sync_support;
mod ui_backups;
mod ui_challenges;
mod ui_clipboard;
mod ui_desktop;
mod ui_house;
mod ui_inspector_action;
mod ui_inspector_findings;
mod ui_inspector_pipeline;
mod ui_inspector_stage;
mod ui_inspector_steps;
mod ui_keys_search;
mod ui_notes;
mod ui_pipeline;
mod ui_pipeline_view;
mod ui_pipeline_wires;
mod ui_quiz;
mod ui_simulator;
mod ui_text_size_tables;
mod ui_today;
mod ui_tree_notes;
mod ui_trust;
