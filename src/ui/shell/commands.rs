//! Every command and shortcut, in one table: the keys are `egui::KeyboardShortcut` values,
//! bound from here (the global ones by the app, the editor's by the pipeline view) and printed
//! from here (F1 help, the command palette), with ⌘ on macOS. Keys that only mean something in
//! place (choosing an option, moving in the tree) are listed as text.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::progress::ThemeChoice;
use crate::ui::Mode;
use crate::ui::shell::action::{
    AppRequest, DataRequest, NotesRequest, PipelineRequest, QuizRequest, Request, SettingsRequest,
};

/// Where a command's keys work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// Anywhere, unless a window or dialog has the keyboard.
    Global,
    /// In the pipeline editor, when no text field has the keyboard.
    Pipelines,
    /// Turned into copy and paste events by egui, read by the pipeline editor.
    Clipboard,
    /// Read in place by the view that owns them.
    InPlace,
}

/// One command.
pub struct Command {
    pub group: &'static str,
    pub name: &'static str,
    /// The keys bound to it; the first is the one shown.
    pub shortcuts: &'static [KeyboardShortcut],
    /// Keys read in place, as a person reads them ("1–6 or A–E").
    pub keys_in_place: &'static str,
    pub binding: Binding,
    /// What running it from the palette (or its keys) does; `None` for keys that only make
    /// sense in place.
    pub action: Option<fn() -> Request>,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

const fn global(
    group: &'static str,
    name: &'static str,
    shortcuts: &'static [KeyboardShortcut],
    action: fn() -> Request,
) -> Command {
    Command {
        group,
        name,
        shortcuts,
        keys_in_place: "",
        binding: Binding::Global,
        action: Some(action),
    }
}

const fn editor(
    name: &'static str,
    shortcuts: &'static [KeyboardShortcut],
    binding: Binding,
    action: fn() -> Request,
) -> Command {
    Command {
        group: "Pipelines",
        name,
        shortcuts,
        keys_in_place: "",
        binding,
        action: Some(action),
    }
}

const fn keys_only(group: &'static str, name: &'static str, keys: &'static str) -> Command {
    Command {
        group,
        name,
        shortcuts: &[],
        keys_in_place: keys,
        binding: Binding::InPlace,
        action: None,
    }
}

/// The table, grouped for the help overlay.
pub const COMMANDS: &[Command] = &[
    global("General", "Go to Today", &[key(CTRL, Key::Num1)], || {
        AppRequest::SetMode(Mode::Today).into()
    }),
    global("General", "Go to Notes", &[key(CTRL, Key::Num2)], || {
        AppRequest::SetMode(Mode::Notes).into()
    }),
    global("General", "Go to Pipelines", &[key(CTRL, Key::Num3)], || {
        AppRequest::SetMode(Mode::Pipelines).into()
    }),
    global("General", "Go to Quiz", &[key(CTRL, Key::Num4)], || {
        AppRequest::SetMode(Mode::Quiz).into()
    }),
    global("General", "Go to Progress", &[key(CTRL, Key::Num5)], || {
        AppRequest::SetMode(Mode::Progress).into()
    }),
    global("General", "Search the notes", &[key(CTRL, Key::K)], || {
        AppRequest::OpenSearch.into()
    }),
    global("General", "Command palette", &[key(CTRL_SHIFT, Key::P)], || {
        AppRequest::OpenPalette.into()
    }),
    global(
        "General",
        "Keyboard shortcuts",
        &[key(Modifiers::NONE, Key::F1)],
        || AppRequest::ShowHelp.into(),
    ),
    global(
        "General",
        "Show or hide the domain tree",
        &[key(CTRL, Key::B)],
        || AppRequest::ToggleTree.into(),
    ),
    global("General", "Settings…", &[], || AppRequest::OpenSettings.into()),
    global("General", "Export recall cards for Anki…", &[], || {
        AppRequest::OpenAnkiExport(false).into()
    }),
    global("General", "Export questions for Anki…", &[], || {
        AppRequest::OpenAnkiExport(true).into()
    }),
    global("General", "Restore a backup…", &[], || {
        DataRequest::OpenBackups(None).into()
    }),
    global("Appearance", "Switch to the dark theme", &[], || {
        SettingsRequest::SetTheme(ThemeChoice::Dark).into()
    }),
    global("Appearance", "Switch to the light theme", &[], || {
        SettingsRequest::SetTheme(ThemeChoice::Light).into()
    }),
    global("Appearance", "Theme: follow the system", &[], || {
        SettingsRequest::SetTheme(ThemeChoice::FollowSystem).into()
    }),
    keys_only(
        "General",
        "Bigger or smaller everything",
        "Ctrl+Plus / Ctrl+Minus",
    ),
    keys_only("General", "Close a window or dialog", "Esc"),
    global("Notes", "Back", &[key(Modifiers::ALT, Key::ArrowLeft)], || {
        NotesRequest::Back.into()
    }),
    global(
        "Notes",
        "Forward",
        &[key(Modifiers::ALT, Key::ArrowRight)],
        || NotesRequest::Forward.into(),
    ),
    keys_only("Notes", "Move in the domain tree", "Up / Down"),
    keys_only("Notes", "Expand or collapse a tree node", "Right / Left"),
    keys_only("Notes", "Open the topic or toggle the node", "Enter"),
    keys_only("Notes", "Clear the tree filter", "Esc"),
    global("Quiz", "Start practice", &[], || {
        QuizRequest::StartPractice.into()
    }),
    global("Quiz", "Start or resume the exam simulation…", &[], || {
        QuizRequest::AskStartExam.into()
    }),
    global("Quiz", "Review due items", &[], || {
        QuizRequest::StartReview.into()
    }),
    keys_only("Quiz", "Choose an option", "1–6 or A–E"),
    keys_only("Quiz", "Submit, then go on", "Enter"),
    keys_only("Quiz", "Flag the question", "F"),
    keys_only("Quiz", "Show a card's answer", "Space"),
    keys_only("Quiz", "Grade a card Again / Hard / Good / Easy", "1 / 2 / 3 / 4"),
    editor("New pipeline", &[], Binding::Global, || {
        PipelineRequest::New.into()
    }),
    editor("Undo", &[key(CTRL, Key::Z)], Binding::Pipelines, || {
        PipelineRequest::Undo.into()
    }),
    editor(
        "Redo",
        &[key(CTRL_SHIFT, Key::Z), key(CTRL, Key::Y)],
        Binding::Pipelines,
        || PipelineRequest::Redo.into(),
    ),
    editor(
        "Copy the selected actions",
        &[key(CTRL, Key::C)],
        Binding::Clipboard,
        || PipelineRequest::Copy.into(),
    ),
    editor("Paste", &[key(CTRL, Key::V)], Binding::Clipboard, || {
        PipelineRequest::Paste(None).into()
    }),
    editor(
        "Duplicate the selected actions",
        &[key(CTRL, Key::D)],
        Binding::Pipelines,
        || PipelineRequest::DuplicateSelection.into(),
    ),
    editor(
        "Delete the selected actions",
        &[
            key(Modifiers::NONE, Key::Delete),
            key(Modifiers::NONE, Key::Backspace),
        ],
        Binding::Pipelines,
        || PipelineRequest::DeleteSelection.into(),
    ),
    editor(
        "Select everything",
        &[key(CTRL, Key::A)],
        Binding::Pipelines,
        || PipelineRequest::SelectAll.into(),
    ),
    editor(
        "Clear the selection",
        &[key(Modifiers::NONE, Key::Escape)],
        Binding::Pipelines,
        || PipelineRequest::ClearSelection.into(),
    ),
    // Read in place by the pipeline view (src/ui/pipeline/panels.rs), which finds them by name.
    Command {
        group: "Pipelines",
        name: "Show or hide the palette",
        shortcuts: &[key(CTRL, Key::OpenBracket)],
        keys_in_place: "",
        binding: Binding::InPlace,
        action: None,
    },
    Command {
        group: "Pipelines",
        name: "Show or hide the inspector",
        shortcuts: &[key(CTRL, Key::CloseBracket)],
        keys_in_place: "",
        binding: Binding::InPlace,
        action: None,
    },
    keys_only("Pipelines", "Add to the selection", "Shift+click"),
    keys_only("Pipelines", "Select with a box", "Drag on empty canvas"),
    keys_only("Pipelines", "Reorder stages", "Drag a stage by its title"),
    keys_only("Pipelines", "Pan", "Right-drag or scroll"),
    keys_only("Pipelines", "Zoom", "Ctrl+scroll"),
];

/// Consumes the keys of every command with `binding` pressed this frame and returns what they
/// run. Shortcuts with more modifiers go first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
pub fn pressed(ctx: &egui::Context, binding: Binding) -> Vec<Request> {
    type Bound = (&'static KeyboardShortcut, fn() -> Request);
    let mut bound: Vec<Bound> = COMMANDS
        .iter()
        .filter(|c| c.binding == binding)
        .filter_map(|c| c.action.map(|a| c.shortcuts.iter().map(move |s| (s, a))))
        .flatten()
        .collect();
    bound.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    ctx.input_mut(|i| {
        bound
            .into_iter()
            .filter(|(s, _)| i.consume_shortcut(s))
            .map(|(_, action)| action())
            .collect()
    })
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

/// The keys of a command as the platform writes them ("Ctrl+Z", "⌘Z"), alternatives joined
/// with " or ".
#[must_use]
pub fn keys_text(ctx: &egui::Context, command: &Command) -> String {
    if command.shortcuts.is_empty() {
        return command.keys_in_place.to_owned();
    }
    command
        .shortcuts
        .iter()
        .map(|s| ctx.format_shortcut(s))
        .collect::<Vec<_>>()
        .join(" or ")
}

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
                            let keys = keys_text(ui.ctx(), command);
                            ui.label(if keys.is_empty() {
                                "command palette".to_owned()
                            } else {
                                keys
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
pub fn palette_ui(
    ctx: &egui::Context,
    state: &mut PaletteState,
    actions: &mut crate::ui::shell::action::Requests,
) {
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
                let keys = keys_text(ui.ctx(), command);
                let text = if keys.is_empty() {
                    format!("{}: {}", command.group, command.name)
                } else {
                    format!("{}: {}    {keys}", command.group, command.name)
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// What `pressed` returns for one key press.
    fn press(binding: Binding, shortcut: KeyboardShortcut) -> Vec<Request> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key: shortcut.logical_key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: shortcut.modifiers,
            }],
            ..Default::default()
        };
        let mut found = Vec::new();
        let mut output = ctx.run_ui(input, |ui| found = pressed(ui.ctx(), binding));
        // Nothing is painted here: the font atlas upload is dropped on purpose.
        output.textures_delta.clear();
        found
    }

    #[test]
    fn every_bound_shortcut_runs_its_own_command_and_only_it() {
        let mut seen = std::collections::BTreeSet::new();
        for command in COMMANDS
            .iter()
            .filter(|c| matches!(c.binding, Binding::Global | Binding::Pipelines))
        {
            let Some(action) = command.action else { continue };
            for shortcut in command.shortcuts {
                assert!(
                    seen.insert((format!("{:?}", command.binding), format!("{shortcut:?}"))),
                    "{shortcut:?} is bound twice"
                );
                assert_eq!(
                    press(command.binding, *shortcut),
                    vec![action()],
                    "{}",
                    command.name
                );
            }
        }
        assert!(seen.len() >= 14, "{} shortcuts bound", seen.len());
    }

    #[test]
    fn ctrl_shift_z_redoes_rather_than_undoes() {
        let redo = press(Binding::Pipelines, key(CTRL_SHIFT, Key::Z));
        assert_eq!(redo, vec![Request::from(PipelineRequest::Redo)]);
    }

    #[test]
    fn shortcuts_print_for_the_platform() {
        let ctx = egui::Context::default();
        let undo = COMMANDS.iter().find(|c| c.name == "Undo").unwrap();
        let text = keys_text(&ctx, undo);
        assert!(text == "Ctrl+Z" || text == "⌘Z", "{text}");
    }
}
