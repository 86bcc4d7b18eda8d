//! Recognising the copies a sync tool or the learner leaves beside a data file, by their names:
//! Syncthing (`history.sync-conflict-20261204-101010-ABCDEFG.ron`), Dropbox
//! (`history (Laptop's conflicted copy 2026-12-04).ron`), `OneDrive` (`history-LAPTOP.ron`) and
//! the learner's own copies (`history copy.ron`, `history (1).ron`, `history - Copy.ron`,
//! `Copy of history.ron`, `history 2.ron`).

/// Who made a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Syncthing,
    Dropbox,
    OneDrive,
    /// The learner (or a file manager, or iCloud Drive).
    OwnCopy,
}

/// A copy of a data file, recognised by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// The file it is a copy of, e.g. `history.ron`.
    pub original: String,
    pub tool: Tool,
    /// The device the copy names (Syncthing's short device id, Dropbox's computer, `OneDrive`'s
    /// machine), or "a copy".
    pub label: String,
}

/// Whether a file name in a journal folder is a journal of a month (`2026-12.ron`).
#[must_use]
pub fn is_month_file(name: &str) -> bool {
    name.strip_suffix(".ron").is_some_and(is_month)
}

/// `YYYY-MM`.
#[must_use]
pub fn is_month(stem: &str) -> bool {
    let b = stem.as_bytes();
    b.len() == 7 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit())
}

/// Recognises `file_name` as a copy of `<base>.ron`, where `is_original(base)` says which bases
/// exist. `with_machine_suffix` allows `OneDrive`'s `<base>-<MACHINE>.ron`, which is only safe
/// where original names are known (a diagram may well be called `deploy-prod`).
#[must_use]
pub fn recognise(
    file_name: &str,
    is_original: &dyn Fn(&str) -> bool,
    with_machine_suffix: bool,
) -> Option<ConflictCopy> {
    if file_name.starts_with('.') {
        return None;
    }
    let stem = file_name.strip_suffix(".ron")?;
    let found = |base: &str, tool: Tool, label: &str| {
        is_original(base).then(|| ConflictCopy {
            original: format!("{base}.ron"),
            tool,
            label: label.to_owned(),
        })
    };
    if let Some(at) = stem.find(".sync-conflict-") {
        let device = stem.rsplit('-').next().unwrap_or("Syncthing");
        return found(&stem[..at], Tool::Syncthing, device);
    }
    if let Some(at) = stem.find("conflicted copy")
        && let Some(open) = stem[..at].rfind(" (")
    {
        let who = stem[open + 2..at]
            .trim()
            .trim_end_matches("'s")
            .trim_end_matches('\u{2019}');
        let who = who.strip_suffix("\u{2019}s").unwrap_or(who);
        return found(
            &stem[..open],
            Tool::Dropbox,
            if who.is_empty() { "Dropbox" } else { who },
        );
    }
    if let Some(copy) = own_copy_base(stem).and_then(|base| found(base, Tool::OwnCopy, "a copy")) {
        return Some(copy);
    }
    if with_machine_suffix {
        for (at, _) in stem.match_indices('-') {
            let machine = &stem[at + 1..];
            if !machine.is_empty()
                && machine
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                && let Some(copy) = found(&stem[..at], Tool::OneDrive, machine)
            {
                return Some(copy);
            }
        }
    }
    None
}

/// The base of a copy a person or a file manager made, if `stem` is named like one.
fn own_copy_base(stem: &str) -> Option<&str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(base) = stem.strip_prefix("Copy of ") {
        return Some(base);
    }
    // `history (1)`, `history - Copy (2)`
    let stem_without_number = stem
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once(" ("))
        .filter(|(_, n)| digits(n))
        .map(|(base, _)| base);
    if let Some(base) = stem_without_number {
        return Some(base.strip_suffix(" - Copy").unwrap_or(base));
    }
    // `history copy`, `history copy 2`, `history - Copy`
    for marker in [" - Copy", " copy", " Copy"] {
        if let Some((base, tail)) = stem.rsplit_once(marker)
            && (tail.is_empty() || tail.strip_prefix(' ').is_some_and(digits))
        {
            return Some(base);
        }
    }
    // `history 2` (iCloud Drive, macOS)
    stem.rsplit_once(' ')
        .filter(|(_, n)| digits(n))
        .map(|(base, _)| base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(base: &str) -> bool {
        ["history", "schedule", "progress", "settings"].contains(&base)
    }

    fn check(name: &str) -> Option<(String, Tool, String)> {
        recognise(name, &root, true).map(|c| (c.original, c.tool, c.label))
    }

    #[test]
    fn each_tool_is_recognised_with_its_device() {
        let h = "history.ron".to_owned();
        assert_eq!(
            check("history.sync-conflict-20261204-101010-ABCDEFG.ron"),
            Some((h.clone(), Tool::Syncthing, "ABCDEFG".to_owned()))
        );
        assert_eq!(
            check("history (Laptop's conflicted copy 2026-12-04).ron"),
            Some((h.clone(), Tool::Dropbox, "Laptop".to_owned()))
        );
        assert_eq!(
            check("history (Laptop's conflicted copy 2026-12-04) (1).ron"),
            Some((h.clone(), Tool::Dropbox, "Laptop".to_owned()))
        );
        assert_eq!(
            check("history-LAPTOP.ron"),
            Some((h.clone(), Tool::OneDrive, "LAPTOP".to_owned()))
        );
        assert_eq!(
            check("history-MY-PC.ron"),
            Some((h.clone(), Tool::OneDrive, "MY-PC".to_owned()))
        );
        for own in [
            "history copy.ron",
            "history copy 2.ron",
            "history (1).ron",
            "history - Copy.ron",
            "history - Copy (2).ron",
            "Copy of history.ron",
            "history 2.ron",
        ] {
            assert_eq!(
                check(own),
                Some((h.clone(), Tool::OwnCopy, "a copy".to_owned())),
                "{own}"
            );
        }
    }

    #[test]
    fn originals_and_other_files_are_not_copies() {
        for name in [
            "history.ron",
            "history.ron.damaged-20261204-101010",
            ".history.ron.abc123",
            "notes.sync-conflict-20261204-101010-ABCDEFG.ron",
            "stuff (1).ron",
            "history.txt",
        ] {
            assert_eq!(check(name), None, "{name}");
        }
        let month = |b: &str| is_month(b);
        assert_eq!(
            recognise("2026-12-LAPTOP.ron", &month, true).map(|c| c.original),
            Some("2026-12.ron".to_owned())
        );
        assert_eq!(recognise("2026-12.ron", &month, true), None);
        assert!(is_month_file("2026-12.ron"));
        assert!(!is_month_file("2026-1.ron"));
        let diagram = |b: &str| b == "deploy";
        assert_eq!(recognise("deploy-prod.ron", &diagram, false), None);
    }
}
