//! The Progress page: its figures, computed when the saved data changes, and how they are drawn.

pub(crate) mod page;
pub(crate) mod view;
