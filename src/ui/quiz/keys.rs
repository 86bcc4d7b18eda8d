//! Keyboard shortcuts of the quiz views, read only while no text field has the keyboard.

use egui::{Key, Modifiers};

/// A quiz shortcut pressed this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizKey {
    /// 1–6 or A–E: toggle that option (index from 0).
    Option(usize),
    /// Enter: submit, or go on.
    Enter,
    /// F: flag the question.
    Flag,
    /// Space: show a card's answer.
    Space,
}

const NUMBERS: [Key; 6] = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6];
// F is the flag key, so letters stop at E; option F is reached with 6.
const LETTERS: [Key; 5] = [Key::A, Key::B, Key::C, Key::D, Key::E];

/// Consumes and returns the quiz shortcuts pressed this frame.
#[must_use]
pub fn quiz_keys(ctx: &egui::Context) -> Vec<QuizKey> {
    if ctx.egui_wants_keyboard_input() {
        return Vec::new();
    }
    ctx.input_mut(|i| {
        let mut keys = Vec::new();
        for (index, key) in NUMBERS.iter().enumerate() {
            if i.consume_key(Modifiers::NONE, *key) {
                keys.push(QuizKey::Option(index));
            }
        }
        for (index, key) in LETTERS.iter().enumerate() {
            if i.consume_key(Modifiers::NONE, *key) {
                keys.push(QuizKey::Option(index));
            }
        }
        if i.consume_key(Modifiers::NONE, Key::Enter) {
            keys.push(QuizKey::Enter);
        }
        if i.consume_key(Modifiers::NONE, Key::F) {
            keys.push(QuizKey::Flag);
        }
        if i.consume_key(Modifiers::NONE, Key::Space) {
            keys.push(QuizKey::Space);
        }
        keys
    })
}
