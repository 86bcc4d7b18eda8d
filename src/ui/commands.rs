//! Every command and shortcut, in one table: the help overlay (F1) lists it and the command
//! palette (Ctrl+Shift+P) runs it.

use super::Mode;
use super::action::Action;
use crate::progress::ThemeChoice;

/// One command.
pub struct Command {
    pub group: &'static str,
    pub name: &'static str,
    /// The keys, as a person reads them ("" when there are none).
    pub keys: &'static str,
    /// What running it from the palette does; `None` for keys that only make sense in place
    /// (choosing an option, moving in the tree).
    pub action: Option<fn() -> Action>,
}

const fn run(group: &'static str, name: &'static str, keys: &'static str, action: fn() -> Action) -> Command {
    Command {
        group,
        name,
        keys,
        action: Some(action),
    }
}

const fn keys_only(group: &'static str, name: &'static str, keys: &'static str) -> Command {
    Command {
        group,
        name,
        keys,
        action: None,
    }
}

/// The table, grouped for the help overlay.
pub const COMMANDS: &[Command] = &[
    run("General", "Go to Notes", "Ctrl+1", || {
        Action::SetMode(Mode::Notes)
    }),
    run("General", "Go to Pipelines", "Ctrl+2", || {
        Action::SetMode(Mode::Pipelines)
    }),
    run("General", "Go to Quiz", "Ctrl+3", || Action::SetMode(Mode::Quiz)),
    run("General", "Go to Progress", "Ctrl+4", || {
        Action::SetMode(Mode::Progress)
    }),
    run("General", "Search the notes", "Ctrl+K", || Action::OpenSearch),
    run("General", "Command palette", "Ctrl+Shift+P", || {
        Action::OpenPalette
    }),
    run("General", "Keyboard shortcuts", "F1", || Action::ShowHelp),
    run("General", "Show or hide the domain tree", "Ctrl+B", || {
        Action::ToggleTree
    }),
    run("General", "Settings…", "", || Action::OpenSettings),
    run("General", "Export recall cards for Anki…", "", || {
        Action::OpenAnkiExport(false)
    }),
    run("General", "Export questions for Anki…", "", || {
        Action::OpenAnkiExport(true)
    }),
    run("General", "Restore a backup…", "", || Action::OpenBackups(None)),
    run("Appearance", "Switch to the dark theme", "", || {
        Action::SetTheme(ThemeChoice::Dark)
    }),
    run("Appearance", "Switch to the light theme", "", || {
        Action::SetTheme(ThemeChoice::Light)
    }),
    run("Appearance", "Theme: follow the system", "", || {
        Action::SetTheme(ThemeChoice::FollowSystem)
    }),
    keys_only(
        "General",
        "Bigger or smaller everything",
        "Ctrl+Plus / Ctrl+Minus",
    ),
    run("Notes", "Back", "Alt+Left", || Action::Back),
    run("Notes", "Forward", "Alt+Right", || Action::Forward),
    keys_only("Notes", "Move in the domain tree", "Up / Down"),
    keys_only("Notes", "Expand or collapse a tree node", "Right / Left"),
    keys_only("Notes", "Open the topic or toggle the node", "Enter"),
    run("Quiz", "Start practice", "", || Action::StartPractice),
    run("Quiz", "Start or resume the exam simulation", "", || {
        Action::StartExam
    }),
    run("Quiz", "Review due items", "", || Action::StartReview),
    keys_only("Quiz", "Choose an option", "1–6 or A–E"),
    keys_only("Quiz", "Submit, then go on", "Enter"),
    keys_only("Quiz", "Flag the question", "F"),
    keys_only("Quiz", "Show a card's answer", "Space"),
    keys_only("Quiz", "Grade a card Again / Hard / Good / Easy", "1 / 2 / 3 / 4"),
    run("Pipelines", "New pipeline", "", || Action::PipelineNew),
    run("Pipelines", "Undo", "Ctrl+Z", || Action::PipelineUndo),
    run("Pipelines", "Redo", "Ctrl+Shift+Z or Ctrl+Y", || {
        Action::PipelineRedo
    }),
    run("Pipelines", "Copy the selected actions", "Ctrl+C", || {
        Action::PipelineCopy
    }),
    run("Pipelines", "Paste", "Ctrl+V", || Action::PipelinePaste(None)),
    run("Pipelines", "Duplicate the selected actions", "Ctrl+D", || {
        Action::PipelineDuplicateSelection
    }),
    run("Pipelines", "Delete the selected actions", "Delete", || {
        Action::PipelineDeleteSelection
    }),
    keys_only("Pipelines", "Select everything", "Ctrl+A"),
    keys_only("Pipelines", "Clear the selection", "Esc"),
    keys_only("Pipelines", "Add to the selection", "Shift+click"),
    keys_only("Pipelines", "Select with a box", "Drag on empty canvas"),
    keys_only("Pipelines", "Pan", "Right-drag or scroll"),
    keys_only("Pipelines", "Zoom", "Ctrl+scroll"),
];

/// The help overlay: every shortcut, by group. Esc closes it (unless a dialog above it is open:
/// that dialog takes the Esc).
pub fn help_ui(ctx: &egui::Context, open: &mut bool) {
    if *open
        && ctx.memory(|m| m.top_modal_layer().is_none())
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    {
        *open = false;
    }
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().max_height(560.0).show(ui, |ui| {
                let mut group = "";
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for command in COMMANDS {
                            if command.group != group {
                                group = command.group;
                                ui.strong(group);
                                ui.end_row();
                            }
                            ui.label(command.name);
                            ui.label(if command.keys.is_empty() {
                                "command palette"
                            } else {
                                command.keys
                            });
                            ui.end_row();
                        }
                    });
            });
        });
}

/// The palette's state.
#[derive(Debug, Default)]
pub struct PaletteState {
    pub open: bool,
    pub query: String,
    pub selected: usize,
    pub focus: bool,
}

/// The command palette: type to filter, Up/Down and Enter (or a click) to run, Esc to close.
pub fn palette_ui(ctx: &egui::Context, state: &mut PaletteState, actions: &mut super::action::Actions) {
    if !state.open {
        return;
    }
    let needle = state.query.to_lowercase();
    let matches: Vec<&Command> = COMMANDS
        .iter()
        .filter(|c| c.action.is_some())
        .filter(|c| {
            needle
                .split_whitespace()
                .all(|w| format!("{} {}", c.group, c.name).to_lowercase().contains(w))
        })
        .collect();
    state.selected = state.selected.min(matches.len().saturating_sub(1));
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
        )
    });
    if down && state.selected + 1 < matches.len() {
        state.selected += 1;
    }
    if up {
        state.selected = state.selected.saturating_sub(1);
    }
    let mut chosen = enter.then_some(state.selected);
    let first_frame = state.focus;
    let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
        ui.set_width(480.0);
        let label = ui.label("Run a command");
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text("type to filter")
                .desired_width(f32::INFINITY),
        );
        let edit = edit.labelled_by(label.id);
        if state.focus {
            edit.request_focus();
            state.focus = false;
        }
        ui.separator();
        egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
            if matches.is_empty() {
                ui.label(egui::RichText::new(format!("No command matches “{}”.", state.query.trim())).weak());
            }
            for (i, command) in matches.iter().enumerate() {
                let text = if command.keys.is_empty() {
                    format!("{}: {}", command.group, command.name)
                } else {
                    format!("{}: {}    {}", command.group, command.name, command.keys)
                };
                let response = ui.add(
                    egui::Button::selectable(i == state.selected, text)
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                if i == state.selected && (down || up) {
                    response.scroll_to_me(None);
                }
                if response.clicked() {
                    chosen = Some(i);
                }
            }
        });
    });
    if let Some(action) = chosen.and_then(|i| matches.get(i)).and_then(|c| c.action) {
        actions.push(action());
        state.open = false;
    } else if !first_frame && modal.should_close() {
        state.open = false;
    }
}
