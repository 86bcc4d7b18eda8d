//! A stage's entry, success and failure conditions in the inspector: each one's result and its
//! 1 to 5 rules (type, name, configuration with the listed values as drop-downs, the artifact
//! it reads, and the commands a commands rule runs).

use serde_json::Value;

use crate::pipeline::catalog::conditions::{
    ConditionKind, MAX_RULES, RULE_TYPES, SKIP_RULE_TYPES, rule_type,
};
use crate::pipeline::commands::stage_conditions::{self as conditions, StageExtra};
use crate::pipeline::{Diagram, Text, commands};
use crate::ui::pipeline::inspector_fields::{
    Choice, FieldDrafts, choice_field, hint, labelled_draft_field, value_field,
};

/// Draws the three kinds of condition of stage `stage`, changing `extra`.
pub fn conditions_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    diagram: &Diagram,
    stage: usize,
    extra: &mut StageExtra,
) {
    ui.strong("Conditions");
    hint(
        ui,
        "Rules checked before the stage runs, after it succeeds, or after it fails (V2 pipelines); the result applies when the check says so.",
    );
    for kind in ConditionKind::ALL {
        let name = kind.label();
        if !conditions::has_condition(extra, kind) {
            if ui.button(format!("Add {}", name.to_lowercase())).clicked() {
                conditions::add_condition(extra, kind);
            }
            continue;
        }
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(name).strong());
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove {}", name.to_lowercase()))
                .clicked()
            {
                conditions::remove_condition(extra, kind);
            }
        });
        if !conditions::has_condition(extra, kind) {
            continue;
        }
        ui.indent(("condition", stage, kind.key()), |ui| {
            condition_ui(ui, drafts, diagram, stage, kind, extra);
        });
    }
}

fn condition_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    diagram: &Diagram,
    stage: usize,
    kind: ConditionKind,
    extra: &mut StageExtra,
) {
    let name = kind.label();
    let result = conditions::result(extra, kind);
    if let Some(Choice::Set(result)) = choice_field(
        ui,
        drafts,
        &format!("stage:{stage}:{}:result", kind.key()),
        "Result",
        Some(&format!("{name} result")),
        kind.results(),
        result.as_deref(),
        false,
    ) {
        conditions::set_result(extra, kind, &result);
    }
    let rules = conditions::rules(extra, kind);
    if conditions::result(extra, kind).as_deref() == Some("SKIP")
        && rules
            .iter()
            .any(|r| !conditions::rule_provider(r).is_some_and(|p| SKIP_RULE_TYPES.contains(&p)))
    {
        hint(ui, "A skip result takes only Lambda and variable check rules.");
    }
    let mut remove = None;
    for (index, rule) in rules.iter().enumerate() {
        let what = format!("{name} rule {}", index + 1);
        ui.horizontal(|ui| {
            ui.label(format!("Rule {}", index + 1));
            if ui
                .add_enabled(rules.len() > 1, egui::Button::new("Remove").small())
                .accessible_name(format!("Remove {}", what.to_lowercase()))
                .clicked()
            {
                remove = Some(index);
            }
        });
        let key = format!("stage:{stage}:{}:rule:{index}", kind.key());
        ui.indent(&key, |ui| {
            rule_ui(ui, drafts, diagram, &key, &what, rule, |change| {
                if let Some(rule) = conditions::rule_mut(extra, kind, index) {
                    change(rule);
                }
            });
        });
    }
    if let Some(index) = remove {
        conditions::remove_rule(extra, kind, index);
    }
    let add = ui
        .add_enabled(rules.len() < MAX_RULES, egui::Button::new("Add rule"))
        .accessible_name(format!("Add {} rule", name.to_lowercase()));
    if add.clicked() {
        conditions::add_rule(extra, kind, kind.first_rule());
    }
}

type RuleChange<'c> = Box<dyn FnOnce(&mut serde_json::Map<String, Value>) + 'c>;

/// One rule: its type, name, configuration, input artifact and commands. `apply` makes a
/// change to the rule in the stage's fields.
fn rule_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    diagram: &Diagram,
    key: &str,
    what: &str,
    rule: &Value,
    mut apply: impl FnMut(RuleChange<'_>),
) {
    let provider = conditions::rule_provider(rule).map(str::to_owned);
    let spec = provider.as_deref().and_then(rule_type);
    let labels: Vec<&str> = RULE_TYPES.iter().map(|r| r.provider).collect();
    if let Some(Choice::Set(picked)) = choice_field(
        ui,
        drafts,
        &format!("{key}:type"),
        "Type",
        Some(&format!("{what} type")),
        &labels,
        provider.as_deref(),
        false,
    ) && let Some(picked) = rule_type(&picked)
    {
        apply(Box::new(move |rule| conditions::set_rule_type(rule, picked)));
    }
    if let Some(spec) = spec {
        hint(ui, spec.label);
    }
    if let Some(name) = labelled_draft_field(
        ui,
        drafts,
        &format!("{key}:name"),
        "Name",
        Some(&format!("{what} name")),
        &conditions::rule_name(rule),
        false,
    ) && !name.trim().is_empty()
    {
        let name = Text::from_input(name.trim()).to_value();
        apply(Box::new(move |rule| {
            rule.insert("name".to_owned(), name);
        }));
    }
    for config in spec.map_or(&[][..], |s| s.config) {
        let current = conditions::rule_config(rule, config.name);
        let label = match config.need {
            crate::pipeline::catalog::Need::Required => format!("{} *", config.name),
            _ => config.name.to_owned(),
        };
        if let Some(value) = value_field(
            ui,
            drafts,
            &format!("{key}:config:{}", config.name),
            &label,
            Some(&format!("{what} {}", config.name)),
            config.values,
            current.as_deref(),
        ) {
            let value = value.map(|v| Text::from_input(&v));
            let name = config.name;
            apply(Box::new(move |rule| {
                conditions::set_rule_config(rule, name, value.as_ref());
            }));
        }
        hint(ui, config.hint);
    }
    if spec.is_some_and(|s| s.takes_input) {
        let artifacts: Vec<String> = commands::artifact_names(diagram).into_iter().collect();
        let options: Vec<&str> = artifacts.iter().map(String::as_str).collect();
        let current = conditions::rule_inputs(rule).into_iter().next();
        if let Some(choice) = choice_field(
            ui,
            drafts,
            &format!("{key}:input"),
            "Input artifact",
            Some(&format!("{what} input artifact")),
            &options,
            current.as_deref(),
            true,
        ) {
            let artifact = match choice {
                Choice::Set(name) => Some(name),
                Choice::Unset => None,
            };
            apply(Box::new(move |rule| {
                conditions::set_rule_input(rule, artifact.as_deref());
            }));
        }
    }
    if spec.is_some_and(|s| s.runs_commands) {
        let current = conditions::command_lines(rule).join("\n");
        if let Some(typed) = labelled_draft_field(
            ui,
            drafts,
            &format!("{key}:commands"),
            "Commands",
            Some(&format!("{what} commands")),
            &current,
            true,
        ) {
            let lines: Vec<String> = typed.lines().map(str::to_owned).collect();
            apply(Box::new(move |rule| conditions::set_command_lines(rule, &lines)));
        }
        hint(ui, "One shell command per line.");
    }
}
