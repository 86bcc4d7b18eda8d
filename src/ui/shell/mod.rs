//! The window around the panels: the app state and how requests are applied, the top bar, the status line, notifications, dialogs and windows, the command table, theme and fonts.

pub(crate) mod action;
pub(crate) mod anki_window;
pub(crate) mod app;
pub(crate) mod app_files;
pub(crate) mod app_parts;
pub(crate) mod app_requests;
pub(crate) mod app_sync;
pub(crate) mod app_view;
pub(crate) mod backup_window;
pub(crate) mod banner;
pub(crate) mod commands;
pub(crate) mod file_dialog;
pub(crate) mod first_frame;
pub(crate) mod glyphs;
pub(crate) mod notifications;
pub(crate) mod report_window;
pub(crate) mod settings_window;
pub(crate) mod status_bar;
pub(crate) mod theme;
pub(crate) mod top_bar;
