//! Triggers in the API's shape (`PipelineTriggerDeclaration`), changed in place for the
//! inspector: the source action a trigger watches, its push and pull request filters, each
//! filter's branch, tag and file path patterns to include or exclude, and the pull request
//! events. Members this module does not name are kept as they are.

use serde_json::{Map, Value, json};

use crate::pipeline::catalog::pipeline_values::{MAX_FILTERS, PULL_REQUEST_EVENTS, TRIGGER_PROVIDER};
use crate::pipeline::model::{Category, Diagram};
use crate::pipeline::text::Text;

/// The two kinds of Git filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterKind {
    /// A push to the repository (`push`).
    Push,
    /// A pull request event (`pullRequest`).
    PullRequest,
}

impl FilterKind {
    /// Both kinds.
    pub const ALL: [Self; 2] = [Self::Push, Self::PullRequest];

    /// The member of `gitConfiguration` that lists filters of this kind.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Push => "push",
            Self::PullRequest => "pullRequest",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Push => "Push filter",
            Self::PullRequest => "Pull request filter",
        }
    }

    /// What a filter of this kind can match on: pushes on tags, branches and file paths; pull
    /// requests on branches and file paths (and events, see [`events`]).
    #[must_use]
    pub fn criteria(self) -> &'static [Criteria] {
        match self {
            Self::Push => &[Criteria::Tags, Criteria::Branches, Criteria::FilePaths],
            Self::PullRequest => &[Criteria::Branches, Criteria::FilePaths],
        }
    }
}

/// What a filter matches patterns against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criteria {
    Tags,
    Branches,
    FilePaths,
}

impl Criteria {
    /// The filter's member.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Tags => "tags",
            Self::Branches => "branches",
            Self::FilePaths => "filePaths",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Tags => "Tags",
            Self::Branches => "Branches",
            Self::FilePaths => "File paths",
        }
    }
}

/// Whether patterns are included or excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    Includes,
    Excludes,
}

impl Side {
    /// Both sides.
    pub const ALL: [Self; 2] = [Self::Includes, Self::Excludes];

    /// The criteria's member.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Includes => "includes",
            Self::Excludes => "excludes",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Includes => "include",
            Self::Excludes => "exclude",
        }
    }
}

/// The names of the pipeline's connection source actions, the only ones a trigger can watch.
#[must_use]
pub fn connection_source_actions(diagram: &Diagram) -> Vec<String> {
    diagram
        .actions()
        .filter(|(_, a)| a.category == Category::Source && a.provider == TRIGGER_PROVIDER)
        .map(|(_, a)| a.name.to_string())
        .collect()
}

/// A new trigger on `source_action`: a push to `main` starts the pipeline.
#[must_use]
pub fn new_trigger(source_action: &str) -> Value {
    json!({
        "providerType": TRIGGER_PROVIDER,
        "gitConfiguration": {
            "sourceActionName": source_action,
            "push": [new_filter(FilterKind::Push)],
        },
    })
}

/// A new filter: branch `main`, and for pull requests the open and updated events.
fn new_filter(kind: FilterKind) -> Value {
    match kind {
        FilterKind::Push => json!({"branches": {"includes": ["main"]}}),
        FilterKind::PullRequest => json!({
            "events": ["OPEN", "UPDATED"],
            "branches": {"includes": ["main"]},
        }),
    }
}

/// The trigger's source action, as text (a function shows in its short form).
#[must_use]
pub fn source_action(trigger: &Value) -> Option<Text> {
    trigger
        .pointer("/gitConfiguration/sourceActionName")
        .and_then(Text::from_value)
}

fn object_at<'v>(value: &'v mut Value, key: &str) -> &'v mut Map<String, Value> {
    let map = ensure_object(value);
    ensure_object(map.entry(key.to_owned()).or_insert_with(|| json!({})))
}

/// The value as an object, replacing anything else by an empty one.
fn ensure_object(value: &mut Value) -> &mut Map<String, Value> {
    if !value.is_object() {
        *value = json!({});
    }
    match value {
        Value::Object(map) => map,
        _ => unreachable!("replaced by an object above"),
    }
}

/// Points the trigger at another source action.
pub fn set_source_action(trigger: &mut Value, name: &str) {
    object_at(trigger, "gitConfiguration").insert("sourceActionName".to_owned(), json!(name));
}

fn filters(trigger: &Value, kind: FilterKind) -> &[Value] {
    trigger
        .pointer(&format!("/gitConfiguration/{}", kind.key()))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// How many filters of this kind the trigger has.
#[must_use]
pub fn filter_count(trigger: &Value, kind: FilterKind) -> usize {
    filters(trigger, kind).len()
}

fn filter_mut(trigger: &mut Value, kind: FilterKind, index: usize) -> Option<&mut Map<String, Value>> {
    trigger
        .get_mut("gitConfiguration")?
        .get_mut(kind.key())?
        .get_mut(index)?
        .as_object_mut()
}

/// Adds a filter of this kind; `false` when the trigger already has the most the API takes.
pub fn add_filter(trigger: &mut Value, kind: FilterKind) -> bool {
    if filter_count(trigger, kind) >= MAX_FILTERS {
        return false;
    }
    let git = object_at(trigger, "gitConfiguration");
    let list = git.entry(kind.key().to_owned()).or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    if let Value::Array(items) = list {
        items.push(new_filter(kind));
    }
    true
}

/// Removes filter `index` of this kind (and the list, when it was the last).
pub fn remove_filter(trigger: &mut Value, kind: FilterKind, index: usize) {
    let Some(git) = trigger.get_mut("gitConfiguration").and_then(Value::as_object_mut) else {
        return;
    };
    if let Some(Value::Array(items)) = git.get_mut(kind.key())
        && index < items.len()
    {
        items.remove(index);
        if items.is_empty() {
            git.remove(kind.key());
        }
    }
}

/// The patterns a filter includes or excludes for one criteria.
#[must_use]
pub fn patterns(
    trigger: &Value,
    kind: FilterKind,
    index: usize,
    criteria: Criteria,
    side: Side,
) -> Vec<Text> {
    filters(trigger, kind)
        .get(index)
        .and_then(|f| f.get(criteria.key()))
        .and_then(|c| c.get(side.key()))
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Text::from_value).collect())
        .unwrap_or_default()
}

/// Sets the patterns a filter includes or excludes; an empty list removes the side, and a
/// criteria left with no side is removed too.
pub fn set_patterns(
    trigger: &mut Value,
    kind: FilterKind,
    index: usize,
    criteria: Criteria,
    side: Side,
    patterns: &[Text],
) {
    let Some(filter) = filter_mut(trigger, kind, index) else {
        return;
    };
    if patterns.is_empty() {
        if let Some(Value::Object(lists)) = filter.get_mut(criteria.key()) {
            lists.remove(side.key());
            if lists.is_empty() {
                filter.remove(criteria.key());
            }
        }
        return;
    }
    let lists = filter
        .entry(criteria.key().to_owned())
        .or_insert_with(|| json!({}));
    let values = Value::Array(patterns.iter().map(Text::to_value).collect());
    ensure_object(lists).insert(side.key().to_owned(), values);
}

/// The events a pull request filter reacts to.
#[must_use]
pub fn events(trigger: &Value, index: usize) -> Vec<String> {
    filters(trigger, FilterKind::PullRequest)
        .get(index)
        .and_then(|f| f.get("events"))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|e| e.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Sets the events of a pull request filter, in the API's order; none removes the member.
pub fn set_events(trigger: &mut Value, index: usize, chosen: &[&str]) {
    let Some(filter) = filter_mut(trigger, FilterKind::PullRequest, index) else {
        return;
    };
    let ordered: Vec<Value> = PULL_REQUEST_EVENTS
        .iter()
        .filter(|e| chosen.contains(e))
        .map(|e| json!(e))
        .collect();
    if ordered.is_empty() {
        filter.remove("events");
    } else {
        filter.insert("events".to_owned(), Value::Array(ordered));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests may panic on failure.

    use super::*;

    #[test]
    fn a_new_trigger_watches_its_source_action_on_pushes_to_main() {
        let trigger = new_trigger("Source");
        assert_eq!(trigger["providerType"], "CodeStarSourceConnection");
        assert_eq!(source_action(&trigger).unwrap(), "Source");
        assert_eq!(filter_count(&trigger, FilterKind::Push), 1);
        let branches = patterns(&trigger, FilterKind::Push, 0, Criteria::Branches, Side::Includes);
        assert_eq!(branches, ["main"]);
    }

    #[test]
    fn filters_patterns_and_events_change_in_place_and_keep_other_members() {
        let mut trigger = new_trigger("Source");
        trigger["gitConfiguration"]["laterMember"] = json!(true);
        assert!(add_filter(&mut trigger, FilterKind::PullRequest));
        assert_eq!(events(&trigger, 0), ["OPEN", "UPDATED"]);
        set_events(&mut trigger, 0, &["CLOSED", "OPEN"]);
        assert_eq!(events(&trigger, 0), ["OPEN", "CLOSED"], "in the API's order");
        let docs: Vec<Text> = vec!["docs/**".into(), "*.md".into()];
        set_patterns(
            &mut trigger,
            FilterKind::PullRequest,
            0,
            Criteria::FilePaths,
            Side::Excludes,
            &docs,
        );
        assert_eq!(
            trigger["gitConfiguration"]["pullRequest"][0]["filePaths"],
            json!({"excludes": ["docs/**", "*.md"]})
        );
        set_patterns(
            &mut trigger,
            FilterKind::PullRequest,
            0,
            Criteria::FilePaths,
            Side::Excludes,
            &[],
        );
        assert!(
            trigger["gitConfiguration"]["pullRequest"][0]
                .get("filePaths")
                .is_none()
        );
        set_patterns(
            &mut trigger,
            FilterKind::Push,
            0,
            Criteria::Tags,
            Side::Includes,
            &["v*".into()],
        );
        assert_eq!(
            trigger["gitConfiguration"]["push"][0]["tags"]["includes"],
            json!(["v*"])
        );
        set_source_action(&mut trigger, "GitHubSource");
        assert_eq!(trigger["gitConfiguration"]["sourceActionName"], "GitHubSource");
        assert_eq!(trigger["gitConfiguration"]["laterMember"], true, "kept");
        remove_filter(&mut trigger, FilterKind::PullRequest, 0);
        assert!(trigger["gitConfiguration"].get("pullRequest").is_none());
    }

    #[test]
    fn at_most_three_filters_of_a_kind() {
        let mut trigger = new_trigger("Source");
        assert!(add_filter(&mut trigger, FilterKind::Push));
        assert!(add_filter(&mut trigger, FilterKind::Push));
        assert!(!add_filter(&mut trigger, FilterKind::Push));
        assert_eq!(filter_count(&trigger, FilterKind::Push), 3);
    }

    #[test]
    fn only_connection_sources_can_be_watched() {
        let mut diagram = Diagram::new("t");
        let github = crate::pipeline::catalog::by_key("github")
            .unwrap()
            .new_action("GitHub");
        let codecommit = crate::pipeline::catalog::by_key("codecommit")
            .unwrap()
            .new_action("Repo");
        diagram.stages[0].actions = vec![github, codecommit];
        assert_eq!(connection_source_actions(&diagram), ["GitHub"]);
    }
}
