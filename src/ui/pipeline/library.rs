//! The pipeline library: the learner's diagrams (open, rename, duplicate, delete) and the
//! course's examples, opened as copies.

use crate::course::Course;

use crate::ui::pipeline::state::{EditorView, PathPrompt, PathPurpose};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// Draws the library. `current` is the file open in the editor; without one the library is the
/// whole page.
pub fn library_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    course: &Course,
    current: Option<&str>,
    actions: &mut Requests,
) {
    let full_page = current.is_none();
    if full_page {
        ui.heading("Pipelines");
        ui.label(
            "Draw a CodePipeline by dragging actions onto stages; Stagecraft checks it as the service would.",
        );
        ui.horizontal(|ui| {
            if ui.button("New pipeline").clicked() {
                actions.push(PipelineRequest::New);
            }
            if ui.button("Import…").clicked() {
                view.path_prompt = Some(PathPrompt {
                    purpose: PathPurpose::Import,
                    path: String::new(),
                    focused: false,
                });
            }
        });
        ui.add_space(8.0);
    }
    egui::ScrollArea::vertical()
        .id_salt("library")
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.strong("Your pipelines");
            let entries = match &view.library {
                Ok(entries) => entries.clone(),
                Err(message) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Your pipelines cannot be listed: {message}"),
                    );
                    Vec::new()
                }
            };
            if view.library.as_ref().is_ok_and(Vec::is_empty) {
                ui.label(egui::RichText::new("None yet.").weak());
            }
            for entry in &entries {
                let is_open = current == Some(entry.file.as_str());
                if let Some((file, draft)) = view.renaming.as_mut()
                    && *file == entry.file
                {
                    let mut done = false;
                    ui.horizontal(|ui| {
                        let response = ui.text_edit_singleline(draft);
                        if ui.button("Save").clicked()
                            || (response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)))
                        {
                            done = true;
                        }
                    });
                    if done {
                        actions.push(PipelineRequest::Rename {
                            file: entry.file.clone(),
                            name: draft.clone(),
                        });
                        view.renaming = None;
                    }
                    continue;
                }
                ui.horizontal(|ui| {
                    let label = match &entry.error {
                        Some(_) => format!("⚠ {}", entry.name),
                        None => format!(
                            "{} ({})",
                            entry.name,
                            crate::words::plural(entry.actions, "action")
                        ),
                    };
                    let response = ui.selectable_label(is_open, label);
                    let response = match &entry.error {
                        Some(error) => response.on_hover_text(format!("This file cannot be opened: {error}")),
                        None => response.on_hover_text(&entry.file),
                    };
                    if response.clicked() && !is_open && entry.error.is_none() {
                        actions.push(PipelineRequest::Open(entry.file.clone()));
                    }
                    response.context_menu(|ui| {
                        if ui.button("Rename…").clicked() {
                            view.renaming = Some((entry.file.clone(), entry.name.clone()));
                            ui.close();
                        }
                        if ui.button("Duplicate").clicked() {
                            actions.push(PipelineRequest::Duplicate(entry.file.clone()));
                            ui.close();
                        }
                        if ui.button("Delete").clicked() {
                            actions.push(PipelineRequest::Delete(entry.file.clone()));
                            ui.close();
                        }
                    });
                    if full_page {
                        if ui.small_button("Rename…").clicked() {
                            view.renaming = Some((entry.file.clone(), entry.name.clone()));
                        }
                        if ui.small_button("Duplicate").clicked() {
                            actions.push(PipelineRequest::Duplicate(entry.file.clone()));
                        }
                        if ui.small_button("Delete").clicked() {
                            actions.push(PipelineRequest::Delete(entry.file.clone()));
                        }
                    }
                });
            }
            if !full_page {
                ui.label(
                    egui::RichText::new("Right-click a pipeline to rename, duplicate or delete it.")
                        .weak()
                        .small(),
                );
            }
            ui.add_space(8.0);
            ui.strong("Examples");
            for (index, example) in course.pipelines.iter().enumerate() {
                let response = ui
                    .button(format!("Open a copy: {}", example.diagram.name))
                    .on_hover_text(&example.diagram.description);
                if response.clicked() {
                    actions.push(PipelineRequest::OpenExample(index));
                }
            }
        });
}
