//! Writing a command's output to standard output. A reader that stops early (`stagecraft check
//! | head`) closes the pipe; that ends the output quietly instead of panicking as `println!`
//! does.

use std::io::Write as _;

/// Writes `text` to standard output; a closed pipe ends the process with success, as the
/// reader has all it wanted.
pub fn print_out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        // Another write error (a full disk) cannot be reported on the same stream.
        Err(err) => {
            eprintln!("stagecraft: cannot write the output: {err}");
            std::process::exit(2);
        }
        Ok(()) => {}
    }
}

/// [`print_out`] with a line break after `text`.
pub fn print_line(text: &str) {
    print_out(&format!("{text}\n"));
}
