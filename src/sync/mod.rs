//! Studying on several machines with one data folder kept in sync by the learner's own tool
//! (Syncthing, Dropbox, `OneDrive`, iCloud Drive, a USB stick).
//!
//! Each device appends what the learner does (answers, reviews, sessions, challenge results,
//! notes marked read, annotations, the open topic, settings) to its own journals,
//! `journal/<device-id>/<YYYY-MM>.ron`, which no other device writes, so the sync tool never
//! has two versions of one to choose from. The data files (`history.ron`, `schedule.ron`,
//! `progress.ron`, `settings.ron`) are the union of every journal, rebuilt on each merge:
//! records by content id (nothing counted twice), marks, annotations, the open topic and the
//! settings last writer wins, memory states recomputed from the review log. Conflict copies of
//! any of these files are folded in and then deleted; a diagram changed on two machines keeps
//! both versions.
//!
//! Knows nothing of the screen.

pub mod copies;
pub mod device;
pub mod event;
pub mod fold;
pub mod folder;
pub mod journal;
pub mod learner;
pub mod rebuild;
pub mod watch;

pub use device::Device;
pub use event::{Entry, Event};
pub use folder::{MergeReport, SyncFolder, merged_view};
pub use learner::{Added, Counts, Learner};
