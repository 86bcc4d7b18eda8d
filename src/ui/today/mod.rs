//! The Today page, the start screen: the countdown to the exam date, today's plan (each item
//! a button that starts it), and the pass estimate with its interval per domain. Also the
//! first-run welcome that asks for the exam, its date and the daily minutes.
//!
//! The figures come from the egui-free `plan` module; [`page::TodayPage`] holds them, computed
//! when the saved data changes, so drawing never scans the history.

pub mod estimate_plot;
pub mod page;
pub mod view;
pub mod welcome;
