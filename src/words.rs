//! Counting things in English, the same way in the window and on the command line.

/// "1 session", "3 sessions".
#[must_use]
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(1, "card"), "1 card");
        assert_eq!(plural(0, "card"), "0 cards");
        assert_eq!(plural(3, "stage"), "3 stages");
    }
}
