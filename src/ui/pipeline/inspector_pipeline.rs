//! The inspector's pipeline page, shown when nothing is selected: name, description, service
//! role and artifact bucket; pipeline type and execution mode; the artifact store's KMS key and
//! the per-Region artifact stores with their keys; then the variables and triggers (files of
//! their own). Whatever changes in one frame is one undoable step.

use serde_json::{Value, json};

use crate::pipeline::catalog::pipeline_values::{ENCRYPTION_KEY_TYPE, EXECUTION_MODES, PIPELINE_TYPES};
use crate::pipeline::edit::{Op, PipelineSettings};
use crate::pipeline::{Diagram, Text, commands};
use crate::ui::pipeline::inspector_fields::{
    Choice, FieldDrafts, choice_field, draft_field, hint, labelled_draft_field,
};
use crate::ui::pipeline::inspector_triggers::triggers_ui;
use crate::ui::pipeline::inspector_variables::variables_ui;
use crate::ui::shell::action::{PipelineRequest, Requests};

/// Regions offered, in order, for a new Region's artifact store.
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
    "ap-northeast-1",
];

/// Draws the pipeline's settings.
pub fn pipeline_inspector_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    diagram: &Diagram,
    actions: &mut Requests,
) {
    ui.strong("Pipeline");
    let mut ops = meta_ui(ui, drafts, diagram);
    let mut settings = PipelineSettings::of(diagram);

    ui.separator();
    ui.strong("Type and execution");
    if let Some(choice) = choice_field(
        ui,
        drafts,
        "pipeline:type",
        "Pipeline type",
        None,
        PIPELINE_TYPES,
        settings.pipeline_type.as_deref(),
        true,
    ) {
        settings.pipeline_type = chosen_text(choice);
    }
    if let Some(choice) = choice_field(
        ui,
        drafts,
        "pipeline:mode",
        "Execution mode",
        None,
        EXECUTION_MODES,
        settings.execution_mode.as_deref(),
        true,
    ) {
        settings.execution_mode = chosen_text(choice);
    }
    let v2 = settings.pipeline_type.as_deref() == Some("V2");
    if !v2 && matches!(settings.execution_mode.as_deref(), Some("QUEUED" | "PARALLEL")) {
        hint(ui, "QUEUED and PARALLEL need a V2 pipeline.");
    }

    ui.separator();
    ui.strong("Artifact stores");
    stores_ui(ui, drafts, &mut settings);
    ui.separator();
    variables_ui(ui, drafts, &mut settings.variables);
    ui.separator();
    triggers_ui(ui, drafts, diagram, v2, &mut settings.triggers);

    ops.extend(commands::set_settings(diagram, settings));
    if !ops.is_empty() {
        actions.push(PipelineRequest::Edit {
            label: "Edit pipeline settings".to_owned(),
            ops,
        });
    }
    ui.add_space(4.0);
    ui.label(egui::RichText::new("Select an action or a stage to edit it.").weak());
}

/// The value a drop-down answered, as a field's text (`None`: not set).
fn chosen_text(choice: Choice) -> Option<Text> {
    match choice {
        Choice::Set(value) => Some(Text::from_input(&value)),
        Choice::Unset => None,
    }
}

/// Name, description, role and bucket; the operation that sets them, when one changed.
fn meta_ui(ui: &mut egui::Ui, drafts: &mut FieldDrafts, diagram: &Diagram) -> Vec<Op> {
    let mut name = diagram.name.clone();
    let mut description = diagram.description.clone();
    let mut role_arn = diagram.role_arn.clone();
    let mut artifact_bucket = diagram.artifact_bucket.clone();
    let mut changed = false;
    if let Some(value) = draft_field(ui, drafts, "pipeline:name", "Name", &diagram.name, false) {
        name = Text::from_input(&value);
        changed = true;
    }
    if let Some(value) = draft_field(
        ui,
        drafts,
        "pipeline:description",
        "Description",
        &diagram.description,
        true,
    ) {
        description = value;
        changed = true;
    }
    if let Some(value) = draft_field(
        ui,
        drafts,
        "pipeline:role",
        "Service role ARN",
        &diagram.role_arn,
        false,
    ) {
        role_arn = Text::from_input(&value);
        changed = true;
    }
    if let Some(value) = draft_field(
        ui,
        drafts,
        "pipeline:bucket",
        "Artifact bucket",
        &diagram.artifact_bucket,
        false,
    ) {
        artifact_bucket = Text::from_input(&value);
        changed = true;
    }
    if changed {
        vec![Op::SetMeta {
            name,
            description,
            role_arn,
            artifact_bucket,
        }]
    } else {
        Vec::new()
    }
}

/// The id a store's `encryptionKey` names, as text.
fn key_id(key: Option<&Value>) -> String {
    key.and_then(|k| k.get("id"))
        .and_then(Text::from_value)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// An `encryptionKey` naming the KMS key typed (`None` for an empty field).
fn encryption_key(typed: &str) -> Option<Value> {
    let typed = typed.trim();
    (!typed.is_empty())
        .then(|| json!({"id": Text::from_input(typed).to_value(), "type": ENCRYPTION_KEY_TYPE}))
}

/// The single store's KMS key, then one row per Region's store (Region, bucket, KMS key).
fn stores_ui(ui: &mut egui::Ui, drafts: &mut FieldDrafts, settings: &mut PipelineSettings) {
    if settings.artifact_stores.is_empty() {
        let current = key_id(settings.encryption_key.as_ref());
        if let Some(typed) = draft_field(ui, drafts, "pipeline:kms", "KMS key", &current, false) {
            settings.encryption_key = encryption_key(&typed);
        }
        hint(
            ui,
            "ARN, ID or alias of the customer managed key that encrypts the artifacts (empty: the AWS managed key). Cross-account deployments need your own key.",
        );
    } else {
        hint(
            ui,
            "With a store per Region, every Region that runs an action (the pipeline's own included) names its bucket here, and the single bucket above is not used.",
        );
    }
    let stores: Vec<(Text, Text)> = settings
        .artifact_stores
        .iter()
        .map(|(r, b)| (r.clone(), b.clone()))
        .collect();
    for (index, (region, bucket)) in stores.into_iter().enumerate() {
        let n = index + 1;
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("Store {n}")).strong());
            let remove = ui
                .small_button("Remove")
                .accessible_name(format!("Remove store {n}"));
            if remove.clicked() {
                settings.artifact_stores.remove(&region);
                settings.artifact_store_keys.remove(&region);
            }
        });
        let key = format!("pipeline:store:{n}");
        if let Some(typed) = labelled_draft_field(
            ui,
            drafts,
            &format!("{key}:region"),
            "Region",
            Some(&format!("Store {n} Region")),
            &region,
            false,
        ) && !typed.trim().is_empty()
        {
            let renamed = Text::from_input(typed.trim());
            if let Some(bucket) = settings.artifact_stores.remove(&region) {
                settings.artifact_stores.insert(renamed.clone(), bucket);
            }
            if let Some(kms) = settings.artifact_store_keys.remove(&region) {
                settings.artifact_store_keys.insert(renamed, kms);
            }
            continue;
        }
        if let Some(typed) = labelled_draft_field(
            ui,
            drafts,
            &format!("{key}:bucket"),
            "Bucket",
            Some(&format!("Store {n} bucket")),
            &bucket,
            false,
        ) {
            settings
                .artifact_stores
                .insert(region.clone(), Text::from_input(typed.trim()));
        }
        let current = key_id(settings.artifact_store_keys.get(&region));
        if let Some(typed) = labelled_draft_field(
            ui,
            drafts,
            &format!("{key}:kms"),
            "KMS key",
            Some(&format!("Store {n} KMS key")),
            &current,
            false,
        ) {
            match encryption_key(&typed) {
                Some(kms) => settings.artifact_store_keys.insert(region.clone(), kms),
                None => settings.artifact_store_keys.remove(&region),
            };
        }
    }
    let next = REGIONS
        .iter()
        .find(|r| !settings.artifact_stores.keys().any(|k| k == **r));
    if let Some(region) = next
        && ui
            .button("Add a Region's store")
            .on_hover_text("An artifact bucket for actions that run in another Region")
            .clicked()
    {
        settings
            .artifact_stores
            .insert(Text::from(*region), Text::from(format!("artifacts-{region}")));
    }
}
