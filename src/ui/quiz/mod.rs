//! Quiz mode: the start page, practice and review sessions, the exam simulation, results and going through past sessions, and how quiz requests are applied.

pub(crate) mod actions;
pub(crate) mod exam;
pub(crate) mod finish;
pub(crate) mod keys;
pub(crate) mod question;
pub(crate) mod session;
pub(crate) mod session_review;
pub(crate) mod setup;
pub(crate) mod state;
pub(crate) mod view;
