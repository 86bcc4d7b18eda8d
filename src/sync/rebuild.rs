//! Between the state in memory and the events. [`import`] finds what a state read from files
//! holds that no journal has (at the first start, after a crash between a journal and a file,
//! and in conflict copies); [`diff`] finds what changed in memory since the last merge;
//! [`rebuild`] brings a state up to the union of all events: records by id, marks, annotations,
//! the open topic and the settings last writer wins, memory states recomputed from the log.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::event::{Entry, Event, Place, answer_id, challenge_id, review_id, session_id};
use super::learner::{Added, Learner};
use crate::progress::{Progress, Settings};
use crate::quiz::ItemKey;

/// When `progress.ron` and `settings.ron` were last written (Unix seconds).
#[derive(Debug, Clone, Copy, Default)]
pub struct FileTimes {
    pub progress: u64,
    pub settings: u64,
}

impl FileTimes {
    /// The time values read from files take: the start of time, so that any change made on
    /// a machine (in its journal, with its own time) wins over them, while they still win
    /// over nothing (a first start after version 1, where no journal has them).
    pub const IMPORTED: Self = Self {
        progress: 0,
        settings: 0,
    };

    /// Both files written at `at`.
    #[must_use]
    pub fn both(at: u64) -> Self {
        Self {
            progress: at,
            settings: at,
        }
    }
}

/// Events by id: every event known from every journal.
pub type Known = BTreeMap<String, Entry>;

/// Adds an event to `known`. The same review may be known twice, once from a data file or a
/// copy (without the retention it was scheduled for) and once from its device's journal (with
/// it): the one with the retention is kept, so every machine replays the same log.
pub fn add_known(known: &mut Known, entry: Entry) {
    let retention = |e: &Entry| {
        matches!(
            e.event,
            Event::Review {
                desired_retention: Some(_),
                ..
            }
        )
    };
    match known.get(&entry.id) {
        Some(old) if retention(old) || !retention(&entry) => {}
        _ => {
            known.insert(entry.id.clone(), entry);
        }
    }
}

/// The part of the state [`diff`] compares against, and how much of each log was recorded.
#[derive(Debug, Clone, Default)]
pub struct Recorded {
    progress: Progress,
    settings: Settings,
    /// Answers, sessions, challenges and reviews already looked at.
    lengths: [usize; 4],
}

impl Recorded {
    /// What `state` is now, all of it recorded.
    #[must_use]
    pub fn of(state: &Learner) -> Self {
        Self {
            progress: state.progress.clone(),
            settings: state.settings.clone(),
            lengths: lengths(state),
        }
    }
}

fn lengths(state: &Learner) -> [usize; 4] {
    [
        state.history.answers.len(),
        state.history.sessions.len(),
        state.history.challenges.len(),
        state.schedule.reviews.len(),
    ]
}

fn place_of(progress: &Progress) -> Place {
    Place {
        blueprint: progress.blueprint.clone(),
        selected_topic: progress.selected_topic.clone(),
        open_diagram: progress.open_diagram.clone(),
    }
}

/// Collects entries, each id once, leaving out ids already known.
struct Batch<'a> {
    known: &'a Known,
    device: &'a str,
    seen: HashSet<String>,
    entries: Vec<Entry>,
}

impl<'a> Batch<'a> {
    fn new(known: &'a Known, device: &'a str) -> Self {
        Self {
            known,
            device,
            seen: HashSet::new(),
            entries: Vec::new(),
        }
    }

    fn push(&mut self, at: u64, event: Event) {
        let entry = Entry::new(self.device, at, event);
        if !self.known.contains_key(&entry.id) && self.seen.insert(entry.id.clone()) {
            self.entries.push(entry);
        }
    }

    /// `now`, or just after the latest known event `same` picks: a change made twice in one
    /// second still ends with the second, and a change is never older than what it replaces.
    fn after(&self, now: u64, same: impl Fn(&Event) -> bool) -> u64 {
        self.known
            .values()
            .chain(&self.entries)
            .filter(|e| same(&e.event))
            .map(|e| e.at + 1)
            .max()
            .map_or(now, |next| next.max(now))
    }

    fn records(&mut self, state: &Learner, from: [usize; 4], retention: Option<f32>) {
        let start = |i: usize, len: usize| if from[i] <= len { from[i] } else { 0 };
        let h = &state.history;
        for a in &h.answers[start(0, h.answers.len())..] {
            self.push(0, Event::Answer(a.clone()));
        }
        for s in &h.sessions[start(1, h.sessions.len())..] {
            self.push(0, Event::Session(s.clone()));
        }
        for c in &h.challenges[start(2, h.challenges.len())..] {
            self.push(0, Event::Challenge(c.clone()));
        }
        let reviews = &state.schedule.reviews;
        for r in &reviews[start(3, reviews.len())..] {
            self.push(
                0,
                Event::Review {
                    review: r.clone(),
                    desired_retention: retention,
                },
            );
        }
    }
}

/// Whether any known event satisfies `f`.
fn any_known(known: &Known, f: impl Fn(&Entry) -> bool) -> bool {
    known.values().any(f)
}

/// The events a state read from files holds that no journal has. Adds only: a mark the file
/// lacks is not taken for an unmark, and a value the journals already had at some time is
/// taken as older, not newer. Annotations, the open topic and settings carry no time of their
/// own in the files; they take the time of the file (`times`).
#[must_use]
pub fn import(state: &Learner, known: &Known, device: &str, times: FileTimes) -> Vec<Entry> {
    let mut batch = Batch::new(known, device);
    // A file does not say which retention each review was scheduled for.
    batch.records(state, [0; 4], None);
    for (topic, &at) in &state.progress.read {
        let later = any_known(known, |e| {
            matches!(&e.event, Event::Read { topic: t, .. } if t == topic) && e.at > at
        });
        if !later {
            batch.push(
                at,
                Event::Read {
                    topic: topic.clone(),
                    read: true,
                },
            );
        }
    }
    for (topic, text) in &state.progress.annotations {
        let had = any_known(
            known,
            |e| matches!(&e.event, Event::Annotation { topic: t, text: x } if t == topic && x == text),
        );
        if !had && !text.is_empty() {
            batch.push(
                times.progress,
                Event::Annotation {
                    topic: topic.clone(),
                    text: text.clone(),
                },
            );
        }
    }
    let place = place_of(&state.progress);
    if place != place_of(&Progress::default())
        && !any_known(known, |e| matches!(&e.event, Event::Place(p) if *p == place))
    {
        batch.push(times.progress, Event::Place(place));
    }
    let settings = &state.settings;
    if *settings != Settings::default()
        && !any_known(known, |e| matches!(&e.event, Event::Settings(s) if s == settings))
    {
        batch.push(times.settings, Event::Settings(settings.clone()));
    }
    batch.entries
}

/// What changed in memory since `last`: new records, marks set and removed, annotations, the
/// open topic and settings changed (stamped `now`).
#[must_use]
pub fn diff(state: &Learner, last: &Recorded, known: &Known, device: &str, now: u64) -> Vec<Entry> {
    let mut batch = Batch::new(known, device);
    batch.records(state, last.lengths, Some(state.settings.desired_retention));
    let (read, was_read) = (&state.progress.read, &last.progress.read);
    for (topic, &at) in read {
        if was_read.get(topic) != Some(&at) {
            batch.push(
                at,
                Event::Read {
                    topic: topic.clone(),
                    read: true,
                },
            );
        }
    }
    for topic in was_read.keys().filter(|t| !read.contains_key(*t)) {
        let at = batch.after(now, |e| matches!(e, Event::Read { topic: t, .. } if t == topic));
        batch.push(
            at,
            Event::Read {
                topic: topic.clone(),
                read: false,
            },
        );
    }
    let (notes, had_notes) = (&state.progress.annotations, &last.progress.annotations);
    let topics: BTreeSet<&String> = notes.keys().chain(had_notes.keys()).collect();
    for topic in topics {
        if notes.get(topic) != had_notes.get(topic) {
            let text = notes.get(topic).cloned().unwrap_or_default();
            let at = batch.after(
                now,
                |e| matches!(e, Event::Annotation { topic: t, .. } if t == topic),
            );
            batch.push(
                at,
                Event::Annotation {
                    topic: topic.clone(),
                    text,
                },
            );
        }
    }
    if place_of(&state.progress) != place_of(&last.progress) {
        let at = batch.after(now, |e| matches!(e, Event::Place(_)));
        batch.push(at, Event::Place(place_of(&state.progress)));
    }
    if state.settings != last.settings {
        let at = batch.after(now, |e| matches!(e, Event::Settings(_)));
        batch.push(at, Event::Settings(state.settings.clone()));
    }
    batch.entries
}

/// The latest of several entries: by time, then (a mark against an unmark in the same
/// second) a mark, then by id, so every machine picks the same one.
fn latest<'a>(entries: impl Iterator<Item = &'a Entry>) -> Option<&'a Entry> {
    entries.max_by(|a, b| {
        let marks = |e: &Entry| matches!(e.event, Event::Read { read: true, .. });
        (a.at, marks(a), &a.id).cmp(&(b.at, marks(b), &b.id))
    })
}

/// Brings `state` up to the union of `known`: adds the records it lacks (kept in time order),
/// applies the latest mark, annotation, place and settings, and recomputes from the log the
/// memory state of every item reviewed on another device than `own_device` (so every machine
/// ends with the states the merged log gives, whichever order the reviews arrived in; an item
/// only ever reviewed here keeps its state). Returns what was added, by device.
///
/// `from_files` says the state was just read from the data files, which another machine may
/// have written with memory states it computed before it had every review: then every item
/// whose whole log carries its retentions is recomputed too.
pub fn rebuild(state: &mut Learner, known: &Known, own_device: &str, from_files: bool) -> Added {
    let mut added = Added::default();
    settings_and_place(state, known, &mut added);
    marks_and_annotations(state, known, &mut added);
    records(state, known, (own_device, from_files), &mut added);
    added
}

fn settings_and_place(state: &mut Learner, known: &Known, added: &mut Added) {
    if let Some(entry) = latest(known.values().filter(|e| matches!(e.event, Event::Settings(_))))
        && let Event::Settings(settings) = &entry.event
        && *settings != state.settings
    {
        state.settings = settings.clone();
        added.of(&entry.device).settings = true;
    }
    if let Some(entry) = latest(known.values().filter(|e| matches!(e.event, Event::Place(_))))
        && let Event::Place(place) = &entry.event
        && *place != place_of(&state.progress)
    {
        state.progress.blueprint.clone_from(&place.blueprint);
        state.progress.selected_topic.clone_from(&place.selected_topic);
        state.progress.open_diagram.clone_from(&place.open_diagram);
        added.of(&entry.device).place = true;
    }
}

fn marks_and_annotations(state: &mut Learner, known: &Known, added: &mut Added) {
    let mut marks: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    let mut notes: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in known.values() {
        match &entry.event {
            Event::Read { topic, .. } => marks.entry(topic).or_default().push(entry),
            Event::Annotation { topic, .. } => notes.entry(topic).or_default().push(entry),
            _ => {}
        }
    }
    for (topic, entries) in marks {
        if let Some(entry) = latest(entries.into_iter())
            && let Event::Read { read, .. } = entry.event
        {
            let now_read = read.then_some(entry.at);
            let was = state.progress.read.get(topic).copied();
            if was != now_read {
                match now_read {
                    Some(at) => state.progress.read.insert(topic.to_owned(), at),
                    None => state.progress.read.remove(topic),
                };
                added.of(&entry.device).marks += 1;
            }
        }
    }
    for (topic, entries) in notes {
        if let Some(entry) = latest(entries.into_iter())
            && let Event::Annotation { text, .. } = &entry.event
            && state.progress.annotations.get(topic).map_or("", String::as_str) != text
        {
            if text.is_empty() {
                state.progress.annotations.remove(topic);
            } else {
                state.progress.annotations.insert(topic.to_owned(), text.clone());
            }
            added.of(&entry.device).annotations += 1;
        }
    }
}

fn records(state: &mut Learner, known: &Known, (own_device, from_files): (&str, bool), added: &mut Added) {
    let h = &mut state.history;
    let answers: HashSet<String> = h.answers.iter().map(answer_id).collect();
    let sessions: HashSet<String> = h.sessions.iter().map(session_id).collect();
    let challenges: HashSet<String> = h.challenges.iter().map(challenge_id).collect();
    let reviews: HashSet<String> = state.schedule.reviews.iter().map(review_id).collect();
    let mut retention: HashMap<&str, f32> = HashMap::new();
    let mut touched: BTreeSet<ItemKey> = BTreeSet::new();
    // Items with a review whose retention no journal knows (from version 1 files).
    let mut legacy: BTreeSet<&ItemKey> = BTreeSet::new();
    let [
        mut new_answers,
        mut new_sessions,
        mut new_challenges,
        mut new_reviews,
    ] = [false; 4];
    for entry in known.values() {
        match &entry.event {
            Event::Answer(a) if !answers.contains(&entry.id) => {
                h.answers.push(a.clone());
                added.of(&entry.device).answers += 1;
                new_answers = true;
            }
            Event::Session(s) if !sessions.contains(&entry.id) => {
                h.sessions.push(s.clone());
                added.of(&entry.device).sessions += 1;
                new_sessions = true;
            }
            Event::Challenge(c) if !challenges.contains(&entry.id) => {
                h.challenges.push(c.clone());
                added.of(&entry.device).challenges += 1;
                new_challenges = true;
            }
            Event::Review {
                review,
                desired_retention,
            } => {
                match desired_retention {
                    Some(r) => {
                        retention.insert(&entry.id, *r);
                    }
                    None => {
                        legacy.insert(&review.item);
                    }
                }
                if entry.device != own_device {
                    touched.insert(review.item.clone());
                }
                if !reviews.contains(&entry.id) {
                    state.schedule.reviews.push(review.clone());
                    touched.insert(review.item.clone());
                    added.of(&entry.device).reviews += 1;
                    new_reviews = true;
                }
            }
            _ => {}
        }
    }
    // Stable sorts: a device's own records keep their order; others fall into time order.
    if new_answers {
        h.answers.sort_by_key(|a| a.at_unix_secs);
    }
    if new_sessions {
        h.sessions.sort_by_key(|s| s.finished_at_unix_secs);
    }
    if new_challenges {
        h.challenges.sort_by_key(|c| c.at_unix_secs);
    }
    if new_reviews {
        state.schedule.reviews.sort_by_key(|r| r.at_unix_secs);
    }
    if from_files {
        let whole: Vec<ItemKey> = known
            .values()
            .filter_map(|e| match &e.event {
                Event::Review { review, .. } if !legacy.contains(&review.item) => Some(review.item.clone()),
                _ => None,
            })
            .collect();
        touched.extend(whole);
    }
    if !touched.is_empty() {
        let fallback = state.settings.desired_retention;
        state.schedule.recompute_items(&touched, |review| {
            retention
                .get(review_id(review).as_str())
                .copied()
                .unwrap_or(fallback)
        });
    }
}
