//! The Pipelines mode: toolbar, palette and library on the left, the canvas in the middle, the
//! properties and findings on the right (both side panels fold away: Ctrl+[ and Ctrl+], or on
//! their own in a narrow window), and the import/export window with its typed-path fallback.
//! Keyboard: Delete, Ctrl+C/X/V, Ctrl+D, Ctrl+A, Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y, Esc.

use std::path::PathBuf;

use egui::Key;

use crate::ui::pipeline::import_choice::import_choice_ui;

use crate::course::Course;
use crate::quiz::History;

use crate::pipeline::LayoutDirection;
use crate::pipeline::edit::Op;
use crate::ui::pipeline::canvas::canvas_ui;
use crate::ui::pipeline::challenges::{challenge_panel_ui, challenges_ui};
use crate::ui::pipeline::findings::findings_ui;
use crate::ui::pipeline::library::library_ui;
use crate::ui::pipeline::palette::palette_ui;
use crate::ui::pipeline::panels::{self, INSPECTOR_W, PALETTE_W};
use crate::ui::pipeline::props::properties_ui;
use crate::ui::pipeline::simulator::simulator_ui;
use crate::ui::pipeline::state::{EditorView, ExportKind, OpenDiagram, PathPrompt, PathPurpose, PipelineTab};
use crate::ui::shell::action::{PipelineRequest, Requests};
use crate::ui::shell::file_dialog::{DialogOutcome, PendingDialog};

/// Draws the Pipelines mode: its tabs, then the page chosen.
pub fn pipeline_view_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: Option<&OpenDiagram>,
    course: &Course,
    history: &History,
    now_ms: u64,
    actions: &mut Requests,
) {
    egui::Panel::top("pipeline_tabs").show(ui, |ui| {
        ui.horizontal(|ui| {
            for tab in PipelineTab::ALL {
                ui.selectable_value(&mut view.tab, tab, tab.label());
            }
        });
    });
    match view.tab {
        PipelineTab::Editor => editor_ui(ui, view, open, course, actions),
        PipelineTab::Simulator => {
            let selected = open.and_then(|o| match view.selection.iter().collect::<Vec<_>>().as_slice() {
                [id] => o.diagram.action(**id),
                _ => None,
            });
            simulator_ui(ui, &mut view.simulator, selected, now_ms);
        }
        PipelineTab::Challenges => challenges_ui(ui, view, course, history, open, actions),
    }
}

fn editor_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: Option<&OpenDiagram>,
    course: &Course,
    actions: &mut Requests,
) {
    let Some(open) = open else {
        library_ui(ui, view, course, None, actions);
        path_prompt_ui(ui.ctx(), view, None, actions);
        import_choice_ui(ui.ctx(), view.import_choice.as_ref(), actions);
        return;
    };
    if !(ui.ctx().egui_wants_keyboard_input() || view.path_prompt.is_some()) {
        view.panels.keys(ui.ctx());
    }
    egui::Panel::top("pipeline_toolbar").show(ui, |ui| toolbar_ui(ui, view, open, actions));
    view.panels.fit_width(ui.available_width());
    let mut palette_open = view.panels.palette.is_open();
    egui::Panel::left("pipeline_palette")
        .resizable(true)
        .default_size(PALETTE_W)
        .size_range(160.0..=320.0)
        .show_collapsible(ui, &mut palette_open, |ui| {
            palette_ui(ui);
            ui.separator();
            library_ui(ui, view, course, Some(&open.file), actions);
        });
    view.panels.palette.set_open(palette_open);
    let mut inspector_open = view.panels.inspector.is_open();
    egui::Panel::right("pipeline_properties")
        .resizable(true)
        .default_size(INSPECTOR_W)
        .size_range(240.0..=460.0)
        .show_collapsible(ui, &mut inspector_open, |ui| {
            egui::ScrollArea::vertical().id_salt("properties").show(ui, |ui| {
                if open.grade.is_some() {
                    challenge_panel_ui(ui, view, open, course, actions);
                    ui.separator();
                }
                properties_ui(ui, view, open, actions);
                ui.separator();
                ui.strong("Rule check");
                findings_ui(ui, view, open, course, actions);
            });
        });
    view.panels.inspector.set_open(inspector_open);
    egui::CentralPanel::default().show(ui, |ui| canvas_ui(ui, view, open, actions));
    shortcuts(ui.ctx(), view, actions);
    path_prompt_ui(ui.ctx(), view, Some(open), actions);
    import_choice_ui(ui.ctx(), view.import_choice.as_ref(), actions);
}

fn toolbar_ui(ui: &mut egui::Ui, view: &mut EditorView, open: &OpenDiagram, actions: &mut Requests) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(open.diagram.name.as_str());
        ui.separator();
        if ui.button("New").on_hover_text("Start a new pipeline").clicked() {
            actions.push(PipelineRequest::New);
        }
        if ui.button("Import…").on_hover_text("CodePipeline JSON, a CloudFormation template (YAML or JSON) or a saved diagram").clicked() {
            view.path_prompt = Some(PathPrompt { purpose: PathPurpose::Import, path: String::new(), focused: false });
        }
        ui.menu_button("Export as", |ui| {
            for kind in ExportKind::ALL {
                if ui.button(kind.label()).clicked() {
                    view.path_prompt = Some(PathPrompt {
                        purpose: PathPurpose::Export(kind),
                        path: default_export_path(open, kind),
                        focused: false,
                    });
                    ui.close();
                }
            }
        });
        ui.separator();
        let undo_tip = open.history.undo_label().map_or_else(|| "Nothing to undo".to_owned(), |l| format!("Undo {l} (Ctrl+Z)"));
        if ui.add_enabled(open.history.can_undo(), egui::Button::new("Undo")).on_hover_text(undo_tip).clicked() {
            actions.push(PipelineRequest::Undo);
        }
        let redo_tip = open.history.redo_label().map_or_else(|| "Nothing to redo".to_owned(), |l| format!("Redo {l} (Ctrl+Shift+Z)"));
        if ui.add_enabled(open.history.can_redo(), egui::Button::new("Redo")).on_hover_text(redo_tip).clicked() {
            actions.push(PipelineRequest::Redo);
        }
        ui.separator();
        if ui.button("Add stage").clicked() {
            let ops = crate::pipeline::commands::add_stage(&open.diagram, open.diagram.stages.len(), "Stage");
            actions.push(PipelineRequest::Edit { label: "Add stage".to_owned(), ops });
        }
        if ui.button("Fit view").on_hover_text("Show the whole pipeline").clicked() {
            view.fit_next = true;
        }
        layout_choice_ui(ui, open, actions);
        ui.separator();
        panel_buttons_ui(ui, view);
        ui.label("ℹ Tips").on_hover_text(
            "Drag palette items onto a lane. Drag from an action's output port to another action to pass an artifact; \
             hover a wire or a port to see who makes and who reads an artifact. Drag a stage by its title to move it. \
             Right-drag or scroll to pan, Ctrl+scroll to zoom, drag on empty canvas to select.",
        );
    });
}

/// The diagram's direction, left to right or top to bottom (an undoable edit, saved with it).
fn layout_choice_ui(ui: &mut egui::Ui, open: &OpenDiagram, actions: &mut Requests) {
    let current = open.diagram.layout;
    for direction in LayoutDirection::ALL {
        let glyph = match direction {
            LayoutDirection::LeftToRight => "→",
            LayoutDirection::TopToBottom => "↓",
        };
        let button = egui::Button::selectable(current == direction, format!("{glyph} {}", direction.label()));
        if ui
            .add(button)
            .on_hover_text("Which way this pipeline flows on the canvas")
            .clicked()
            && current != direction
        {
            actions.push(PipelineRequest::Edit {
                label: format!("Lay out {}", direction.label().to_lowercase()),
                ops: vec![Op::SetLayout(direction)],
            });
        }
    }
}

/// The buttons that fold the palette and the inspector away and bring them back.
fn panel_buttons_ui(ui: &mut egui::Ui, view: &mut EditorView) {
    let ctx = ui.ctx().clone();
    let keys = |name: &str| {
        crate::ui::shell::commands::COMMANDS
            .iter()
            .find(|c| c.name == name)
            .map_or_else(String::new, |c| crate::ui::shell::commands::keys_text(&ctx, c))
    };
    let palette = if view.panels.palette.is_open() {
        "Hide the palette"
    } else {
        "Show the palette"
    };
    let tip = format!("{} ({})", panels::TOGGLE_PALETTE, keys(panels::TOGGLE_PALETTE));
    if ui.button(palette).on_hover_text(tip).clicked() {
        view.panels.palette.toggle();
    }
    let inspector = if view.panels.inspector.is_open() {
        "Hide the inspector"
    } else {
        "Show the inspector"
    };
    let tip = format!(
        "{} ({})",
        panels::TOGGLE_INSPECTOR,
        keys(panels::TOGGLE_INSPECTOR)
    );
    if ui.button(inspector).on_hover_text(tip).clicked() {
        view.panels.inspector.toggle();
    }
}

fn default_export_path(open: &OpenDiagram, kind: ExportKind) -> String {
    let stem = open.file.trim_start_matches("diagrams/").trim_end_matches(".ron");
    let suffix = match kind {
        ExportKind::CodePipeline => "-pipeline",
        ExportKind::CloudFormation => "-template",
        ExportKind::Svg | ExportKind::Png => "",
    };
    let home = directories::UserDirs::new()
        .map(|d| d.home_dir().to_path_buf())
        .unwrap_or_default();
    home.join(format!("{stem}{suffix}.{}", kind.extension()))
        .display()
        .to_string()
}

/// The editor's keys, bound from the command table; copy, cut and paste arrive as events.
fn shortcuts(ctx: &egui::Context, view: &EditorView, actions: &mut Requests) {
    if ctx.egui_wants_keyboard_input() || view.path_prompt.is_some() {
        return;
    }
    for request in crate::ui::shell::commands::pressed(ctx, crate::ui::shell::commands::Binding::Pipelines) {
        actions.push(request);
    }
    ctx.input(|i| {
        for event in &i.events {
            match event {
                egui::Event::Copy => actions.push(PipelineRequest::Copy),
                egui::Event::Cut => {
                    actions.push(PipelineRequest::Copy);
                    actions.push(PipelineRequest::DeleteSelection);
                }
                egui::Event::Paste(text) => actions.push(PipelineRequest::Paste(Some(text.clone()))),
                _ => {}
            }
        }
    });
}

/// The import/export window: a typed path, a "Browse…" button for the native dialog, and the
/// action button. Never a silent no-op: without a dialog the typed path still works.
fn path_prompt_ui(
    ctx: &egui::Context,
    view: &mut EditorView,
    open: Option<&OpenDiagram>,
    actions: &mut Requests,
) {
    if let Some(pending) = &view.pending_dialog {
        match pending.poll() {
            DialogOutcome::Waiting => ctx.request_repaint_after(std::time::Duration::from_millis(200)),
            DialogOutcome::Chosen(path) => {
                if let Some(prompt) = view.path_prompt.as_mut() {
                    prompt.path = path.display().to_string();
                }
                view.pending_dialog = None;
            }
            DialogOutcome::NoChoice => view.pending_dialog = None,
        }
    }
    let Some(prompt) = view.path_prompt.as_mut() else {
        return;
    };
    let title = match &prompt.purpose {
        PathPurpose::Import => "Import a pipeline".to_owned(),
        PathPurpose::Export(kind) => format!("Export as {}", kind.label().trim_end_matches('…')),
    };
    let mut keep_open = true;
    let mut go = false;
    egui::Window::new(title).collapsible(false).resizable(false).open(&mut keep_open).show(ctx, |ui| {
        ui.set_width(520.0);
        let hint = match &prompt.purpose {
            PathPurpose::Import => "CodePipeline JSON (aws codepipeline get-pipeline), a CloudFormation template (YAML or JSON) or a saved .ron diagram",
            PathPurpose::Export(_) => "Where to write the file",
        };
        ui.label(egui::RichText::new(hint).weak());
        ui.horizontal(|ui| {
            let label = ui.label("File");
            let response = ui.add(egui::TextEdit::singleline(&mut prompt.path).desired_width(360.0)).labelled_by(label.id);
            // The field has the keyboard when the window opens, so the path can be typed at once.
            if !prompt.focused {
                response.request_focus();
                prompt.focused = true;
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                go = true;
            }
            let browsing = view.pending_dialog.is_some();
            if ui.add_enabled(!browsing, egui::Button::new("Browse…")).clicked() {
                view.pending_dialog = Some(match &prompt.purpose {
                    PathPurpose::Import => PendingDialog::open_file("Import a pipeline", &[("Pipelines", &["json", "yaml", "yml", "template", "ron"])]),
                    PathPurpose::Export(kind) => PendingDialog::save_file(
                        "Export the pipeline",
                        &[("Export", &[kind.extension()])],
                        &PathBuf::from(&prompt.path).file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    ),
                });
            }
        });
        if view.pending_dialog.is_some() {
            ui.label(egui::RichText::new("Waiting for the file dialog… (you can also type the path)").weak());
        }
        let verb = match prompt.purpose {
            PathPurpose::Import => "Import",
            PathPurpose::Export(_) => "Export",
        };
        if ui.add_enabled(!prompt.path.trim().is_empty(), egui::Button::new(verb)).clicked() {
            go = true;
        }
    });
    if go && !prompt.path.trim().is_empty() {
        let path = PathBuf::from(prompt.path.trim());
        match prompt.purpose {
            PathPurpose::Import => actions.push(PipelineRequest::Import(path)),
            PathPurpose::Export(kind) if open.is_some() => {
                actions.push(PipelineRequest::Export { kind, path });
            }
            PathPurpose::Export(_) => {}
        }
        view.path_prompt = None;
    } else if !keep_open {
        view.path_prompt = None;
    }
}
