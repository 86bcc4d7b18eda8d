//! Showing and folding away the editor's side panels: the palette (left) and the inspector
//! (right). Each has a key and a toolbar button; when the window is too narrow to leave the
//! canvas room, they fold away on their own (the palette first), and come back when it widens.
//! A learner's own choice holds until the window crosses that width again.

use crate::ui::shell::commands::{COMMANDS, Command};

/// The palette's width when open (points).
pub const PALETTE_W: f32 = 220.0;
/// The inspector's width when open (points).
pub const INSPECTOR_W: f32 = 300.0;
/// The narrowest canvas worth keeping both panels open for (points).
pub const MIN_CANVAS_W: f32 = 560.0;

/// The table names of the two commands (their keys are read here, in place).
pub const TOGGLE_PALETTE: &str = "Show or hide the palette";
pub const TOGGLE_INSPECTOR: &str = "Show or hide the inspector";

/// One side panel: what the window's width says, and what the learner chose since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PanelToggle {
    /// The width says fold away.
    narrow: bool,
    /// The learner's choice (open or not), until the width verdict changes.
    chosen: Option<bool>,
}

impl PanelToggle {
    /// Whether the panel is shown.
    #[must_use]
    pub fn is_open(self) -> bool {
        self.chosen.unwrap_or(!self.narrow)
    }

    /// Shows a shown panel no more, or a hidden one again.
    pub fn toggle(&mut self) {
        self.chosen = Some(!self.is_open());
    }

    /// Sets what the learner chose (by dragging the panel's edge, say).
    pub fn set_open(&mut self, open: bool) {
        if open != self.is_open() {
            self.chosen = Some(open);
        }
    }

    fn set_narrow(&mut self, narrow: bool) {
        if narrow != self.narrow {
            self.narrow = narrow;
            self.chosen = None;
        }
    }
}

/// Both side panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panels {
    pub palette: PanelToggle,
    pub inspector: PanelToggle,
}

impl Panels {
    /// Folds panels away when `width` (the room for both panels and the canvas) leaves the
    /// canvas less than [`MIN_CANVAS_W`]: the palette first, then the inspector.
    pub fn fit_width(&mut self, width: f32) {
        self.palette
            .set_narrow(width - PALETTE_W - INSPECTOR_W < MIN_CANVAS_W);
        self.inspector.set_narrow(width - INSPECTOR_W < MIN_CANVAS_W);
    }

    /// Reads the two panels' keys (unless a text field or a window has the keyboard).
    pub fn keys(&mut self, ctx: &egui::Context) {
        if pressed(ctx, TOGGLE_PALETTE) {
            self.palette.toggle();
        }
        if pressed(ctx, TOGGLE_INSPECTOR) {
            self.inspector.toggle();
        }
    }
}

/// Whether a key of the named command was pressed this frame (consumed if so).
fn pressed(ctx: &egui::Context, name: &str) -> bool {
    let Some(command) = COMMANDS.iter().find(|c: &&Command| c.name == name) else {
        return false;
    };
    ctx.input_mut(|i| command.shortcuts.iter().any(|s| i.consume_shortcut(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_windows_fold_the_palette_first_then_the_inspector() {
        let mut panels = Panels::default();
        panels.fit_width(1280.0);
        assert!(panels.palette.is_open() && panels.inspector.is_open());
        panels.fit_width(1000.0);
        assert!(!panels.palette.is_open() && panels.inspector.is_open());
        panels.fit_width(800.0);
        assert!(!panels.palette.is_open() && !panels.inspector.is_open());
    }

    #[test]
    fn a_choice_holds_until_the_width_verdict_changes() {
        let mut panels = Panels::default();
        panels.fit_width(800.0);
        panels.palette.toggle();
        panels.fit_width(790.0);
        assert!(
            panels.palette.is_open(),
            "the learner opened it on a narrow window"
        );
        panels.fit_width(1400.0);
        assert!(panels.palette.is_open(), "wide again: open by itself");
        panels.palette.toggle();
        panels.fit_width(1300.0);
        assert!(!panels.palette.is_open(), "closed by hand stays closed");
    }

    #[test]
    fn both_commands_are_in_the_table_with_a_key() {
        for name in [TOGGLE_PALETTE, TOGGLE_INSPECTOR] {
            let command = COMMANDS.iter().find(|c| c.name == name).expect("listed");
            assert!(!command.shortcuts.is_empty(), "{name}");
        }
    }
}
