//! A stage's conditions in the API's shape (`beforeEntry`, `onSuccess`, `onFailure`, kept in
//! the stage's `extra`), changed in place for the inspector: adding and removing a condition,
//! its result, its rules (type, name, configuration, input artifact, commands), and what a
//! failed stage does by itself (roll back or retry, and how). Members this module does not
//! name are kept as they are.
//!
//! Each kind holds one condition (`conditions` has exactly one item) of 1 to 5 rules.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::pipeline::catalog::conditions::{ConditionKind, MAX_RULES, RuleType};
use crate::pipeline::text::Text;

/// A stage's API fields that the model keeps as they are.
pub type StageExtra = BTreeMap<String, Value>;

fn condition(extra: &StageExtra, kind: ConditionKind) -> Option<&Value> {
    extra.get(kind.key())?.get("conditions")?.get(0)
}

fn condition_mut(extra: &mut StageExtra, kind: ConditionKind) -> Option<&mut Map<String, Value>> {
    extra
        .get_mut(kind.key())?
        .get_mut("conditions")?
        .get_mut(0)?
        .as_object_mut()
}

/// Whether the stage has a condition of this kind.
#[must_use]
pub fn has_condition(extra: &StageExtra, kind: ConditionKind) -> bool {
    condition(extra, kind).is_some()
}

/// A new rule of this type named `name`, with the type's preset configuration.
#[must_use]
pub fn new_rule(rule_type: &RuleType, name: &str) -> Value {
    let configuration: Map<String, Value> = rule_type
        .preset
        .iter()
        .map(|(k, v)| ((*k).to_owned(), json!(v)))
        .collect();
    let mut rule = json!({
        "name": name,
        "ruleTypeId": {"category": "Rule", "owner": "AWS", "provider": rule_type.provider, "version": "1"},
        "configuration": configuration,
    });
    if rule_type.runs_commands {
        rule["commands"] = json!(["echo checking"]);
    }
    rule
}

/// Adds a condition of this kind with its first result and one rule (nothing when the stage
/// already has one).
pub fn add_condition(extra: &mut StageExtra, kind: ConditionKind) {
    if has_condition(extra, kind) {
        return;
    }
    let rule_type = kind.first_rule();
    let condition = json!({
        "result": kind.results()[0],
        "rules": [new_rule(rule_type, &format!("{}Rule", rule_type.provider))],
    });
    let entry = extra.entry(kind.key().to_owned()).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    entry["conditions"] = json!([condition]);
}

/// Removes the condition of this kind; the kind's member goes too when nothing else is left
/// in it (an `onFailure` result stays).
pub fn remove_condition(extra: &mut StageExtra, kind: ConditionKind) {
    let Some(Value::Object(member)) = extra.get_mut(kind.key()) else {
        return;
    };
    member.remove("conditions");
    if member.is_empty() {
        extra.remove(kind.key());
    }
}

/// The condition's result (`None` when there is no condition, or no literal result).
#[must_use]
pub fn result(extra: &StageExtra, kind: ConditionKind) -> Option<String> {
    condition(extra, kind)?.get("result")?.as_str().map(str::to_owned)
}

/// Sets the condition's result.
pub fn set_result(extra: &mut StageExtra, kind: ConditionKind, result: &str) {
    if let Some(condition) = condition_mut(extra, kind) {
        condition.insert("result".to_owned(), json!(result));
    }
}

/// The condition's rules, in the API's shape.
#[must_use]
pub fn rules(extra: &StageExtra, kind: ConditionKind) -> Vec<Value> {
    condition(extra, kind)
        .and_then(|c| c.get("rules"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn rules_mut(extra: &mut StageExtra, kind: ConditionKind) -> Option<&mut Vec<Value>> {
    let condition = condition_mut(extra, kind)?;
    let rules = condition.entry("rules".to_owned()).or_insert_with(|| json!([]));
    if !rules.is_array() {
        *rules = json!([]);
    }
    rules.as_array_mut()
}

/// Adds a rule of this type with a name no other rule of the condition has; `false` when the
/// condition is full (or missing).
pub fn add_rule(extra: &mut StageExtra, kind: ConditionKind, rule_type: &RuleType) -> bool {
    let Some(rules) = rules_mut(extra, kind) else {
        return false;
    };
    if rules.len() >= MAX_RULES {
        return false;
    }
    let taken: BTreeSet<String> = rules.iter().map(rule_name).collect();
    let name = super::unique_name(&format!("{}Rule", rule_type.provider), &taken);
    rules.push(new_rule(rule_type, &name));
    true
}

/// Removes rule `index` of the condition (a condition keeps at least one rule).
pub fn remove_rule(extra: &mut StageExtra, kind: ConditionKind, index: usize) {
    if let Some(rules) = rules_mut(extra, kind)
        && rules.len() > 1
        && index < rules.len()
    {
        rules.remove(index);
    }
}

/// Rule `index` of the condition, to change in place.
pub fn rule_mut(
    extra: &mut StageExtra,
    kind: ConditionKind,
    index: usize,
) -> Option<&mut Map<String, Value>> {
    rules_mut(extra, kind)?.get_mut(index)?.as_object_mut()
}

/// A rule's name (shown for a function in its short form).
#[must_use]
pub fn rule_name(rule: &Value) -> String {
    rule.get("name")
        .and_then(Text::from_value)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// A rule's type (`ruleTypeId.provider`).
#[must_use]
pub fn rule_provider(rule: &Value) -> Option<&str> {
    rule.pointer("/ruleTypeId/provider")?.as_str()
}

/// One configuration value of a rule.
#[must_use]
pub fn rule_config(rule: &Value, key: &str) -> Option<Text> {
    rule.get("configuration")?.get(key).and_then(Text::from_value)
}

/// The artifacts a rule reads.
#[must_use]
pub fn rule_inputs(rule: &Value) -> Vec<String> {
    rule.get("inputArtifacts")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("name")?.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The shell commands a rule (or any declaration) runs, one per item.
#[must_use]
pub fn command_lines(declaration: &Value) -> Vec<String> {
    declaration
        .get("commands")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Changes a rule's type: the new `ruleTypeId`, configuration keys the new type does not take
/// dropped and its preset added, commands only for a type that runs them.
pub fn set_rule_type(rule: &mut Map<String, Value>, rule_type: &RuleType) {
    rule.insert(
        "ruleTypeId".to_owned(),
        json!({"category": "Rule", "owner": "AWS", "provider": rule_type.provider, "version": "1"}),
    );
    let mut configuration = match rule.remove("configuration") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    configuration.retain(|key, _| rule_type.config.iter().any(|k| k.name == key));
    for (key, value) in rule_type.preset {
        configuration
            .entry((*key).to_owned())
            .or_insert_with(|| json!(value));
    }
    rule.insert("configuration".to_owned(), Value::Object(configuration));
    if rule_type.runs_commands {
        rule.entry("commands".to_owned())
            .or_insert_with(|| json!(["echo checking"]));
    } else {
        rule.remove("commands");
    }
    if !rule_type.takes_input {
        rule.remove("inputArtifacts");
    }
}

/// Sets or (with `None`) removes one configuration value of a rule.
pub fn set_rule_config(rule: &mut Map<String, Value>, key: &str, value: Option<&Text>) {
    let configuration = rule
        .entry("configuration".to_owned())
        .or_insert_with(|| json!({}));
    if !configuration.is_object() {
        *configuration = json!({});
    }
    if let Value::Object(map) = configuration {
        match value {
            Some(value) => {
                map.insert(key.to_owned(), value.to_value());
            }
            None => {
                map.remove(key);
            }
        }
    }
}

/// Sets the one artifact a rule reads, or (with `None`) none.
pub fn set_rule_input(rule: &mut Map<String, Value>, artifact: Option<&str>) {
    match artifact {
        Some(name) => {
            rule.insert("inputArtifacts".to_owned(), json!([{"name": name}]));
        }
        None => {
            rule.remove("inputArtifacts");
        }
    }
}

/// Sets the shell commands of a declaration (blank lines dropped; none removes the member).
pub fn set_command_lines(declaration: &mut Map<String, Value>, lines: &[String]) {
    let lines: Vec<Value> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| json!(l))
        .collect();
    if lines.is_empty() {
        declaration.remove("commands");
    } else {
        declaration.insert("commands".to_owned(), Value::Array(lines));
    }
}

/// What a failed stage does by itself (`onFailure.result`): `ROLLBACK`, `RETRY` or nothing.
#[must_use]
pub fn failure_result(extra: &StageExtra) -> Option<String> {
    extra
        .get(ConditionKind::OnFailure.key())?
        .get("result")?
        .as_str()
        .map(str::to_owned)
}

/// Sets what a failed stage does: a retry gets a retry mode (failed actions, unless one is
/// set), anything else loses it; `None` removes the result.
pub fn set_failure_result(extra: &mut StageExtra, result: Option<&str>) {
    let key = ConditionKind::OnFailure.key();
    let entry = extra.entry(key.to_owned()).or_insert_with(|| json!({}));
    if !entry.is_object() {
        *entry = json!({});
    }
    let Value::Object(member) = entry else {
        return;
    };
    match result {
        Some(result) => {
            member.insert("result".to_owned(), json!(result));
        }
        None => {
            member.remove("result");
        }
    }
    if result == Some("RETRY") {
        member
            .entry("retryConfiguration".to_owned())
            .or_insert_with(|| json!({"retryMode": "FAILED_ACTIONS"}));
    } else {
        member.remove("retryConfiguration");
    }
    if member.is_empty() {
        extra.remove(key);
    }
}

/// How a failed stage is retried (`onFailure.retryConfiguration.retryMode`).
#[must_use]
pub fn retry_mode(extra: &StageExtra) -> Option<String> {
    extra
        .get(ConditionKind::OnFailure.key())?
        .pointer("/retryConfiguration/retryMode")?
        .as_str()
        .map(str::to_owned)
}

/// Sets how a failed stage is retried (only when it is retried).
pub fn set_retry_mode(extra: &mut StageExtra, mode: &str) {
    if failure_result(extra).as_deref() != Some("RETRY") {
        return;
    }
    if let Some(member) = extra.get_mut(ConditionKind::OnFailure.key()) {
        member["retryConfiguration"] = json!({"retryMode": mode});
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // Tests may panic on failure.

    use super::*;
    use crate::pipeline::catalog::conditions::rule_type;

    #[test]
    fn a_condition_is_added_with_a_rule_and_removed_whole() {
        let mut extra = StageExtra::new();
        add_condition(&mut extra, ConditionKind::BeforeEntry);
        assert_eq!(
            result(&extra, ConditionKind::BeforeEntry).as_deref(),
            Some("FAIL")
        );
        let rules = rules(&extra, ConditionKind::BeforeEntry);
        assert_eq!(rule_provider(&rules[0]), Some("DeploymentWindow"));
        assert_eq!(
            extra["beforeEntry"]["conditions"][0]["rules"][0]["ruleTypeId"],
            json!({"category": "Rule", "owner": "AWS", "provider": "DeploymentWindow", "version": "1"})
        );
        remove_condition(&mut extra, ConditionKind::BeforeEntry);
        assert!(extra.is_empty());
    }

    #[test]
    fn rules_are_added_up_to_five_with_unique_names_and_one_always_stays() {
        let mut extra = StageExtra::new();
        add_condition(&mut extra, ConditionKind::OnSuccess);
        let alarm = rule_type("CloudWatchAlarm").unwrap();
        for _ in 0..4 {
            assert!(add_rule(&mut extra, ConditionKind::OnSuccess, alarm));
        }
        assert!(!add_rule(&mut extra, ConditionKind::OnSuccess, alarm));
        let names: BTreeSet<String> = rules(&extra, ConditionKind::OnSuccess)
            .iter()
            .map(rule_name)
            .collect();
        assert_eq!(names.len(), 5);
        for _ in 0..6 {
            remove_rule(&mut extra, ConditionKind::OnSuccess, 0);
        }
        assert_eq!(rules(&extra, ConditionKind::OnSuccess).len(), 1);
    }

    #[test]
    fn a_rule_changes_type_configuration_input_and_commands() {
        let mut extra = StageExtra::new();
        add_condition(&mut extra, ConditionKind::OnFailure);
        let rule = rule_mut(&mut extra, ConditionKind::OnFailure, 0).unwrap();
        set_rule_config(rule, "WaitTime", Some(&"10".into()));
        set_rule_type(rule, rule_type("Commands").unwrap());
        assert!(
            rule["configuration"].as_object().unwrap().is_empty(),
            "alarm keys dropped"
        );
        set_command_lines(rule, &["npm test".to_owned(), "  ".to_owned()]);
        set_rule_input(rule, Some("SourceOutput"));
        let first = rules(&extra, ConditionKind::OnFailure).remove(0);
        assert_eq!(command_lines(&first), ["npm test"]);
        assert_eq!(rule_inputs(&first), ["SourceOutput"]);
        let rule = rule_mut(&mut extra, ConditionKind::OnFailure, 0).unwrap();
        set_rule_type(rule, rule_type("VariableCheck").unwrap());
        let first = rules(&extra, ConditionKind::OnFailure).remove(0);
        assert!(command_lines(&first).is_empty());
        assert!(
            rule_inputs(&first).is_empty(),
            "a variable check reads no artifact"
        );
        assert_eq!(rule_config(&first, "Operator").unwrap(), "EQ");
    }

    #[test]
    fn a_failed_stage_rolls_back_or_retries_and_keeps_its_condition() {
        let mut extra = StageExtra::new();
        add_condition(&mut extra, ConditionKind::OnFailure);
        set_failure_result(&mut extra, Some("RETRY"));
        assert_eq!(retry_mode(&extra).as_deref(), Some("FAILED_ACTIONS"));
        set_retry_mode(&mut extra, "ALL_ACTIONS");
        assert_eq!(
            extra["onFailure"]["retryConfiguration"],
            json!({"retryMode": "ALL_ACTIONS"})
        );
        set_failure_result(&mut extra, Some("ROLLBACK"));
        assert!(extra["onFailure"].get("retryConfiguration").is_none());
        assert!(has_condition(&extra, ConditionKind::OnFailure));
        set_failure_result(&mut extra, None);
        remove_condition(&mut extra, ConditionKind::OnFailure);
        assert!(extra.is_empty());
    }
}
