//! The domain tree, the note viewer and full-text search.

pub(crate) mod search;
pub(crate) mod tree;
pub(crate) mod view;
