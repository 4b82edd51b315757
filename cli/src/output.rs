//! The one way out: everything the tool prints, on stdout and on stderr, in every format
//! and every command, passes through [`Masked`], which masks credentials (URL userinfo,
//! bearer tokens, JWTs, secret query values: [`vendorspec::runtime::redact`]) line by line.
//!
//! Renderers mask what they know more precisely before this (secret members in quoted
//! lines, with the caret kept in place; findings are redacted when reported), so this
//! layer is the guarantee, not the only mask: a new output format, or a message that
//! quotes user input, cannot forget it. `clippy.toml` forbids `println!`, `eprintln!`,
//! `std::io::stdout` and `std::io::stderr` everywhere else in this crate.

#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::fmt;
use std::io::{self, IsTerminal, Write};

use vendorspec::runtime::redact;

/// A writer that masks credentials in each complete line before passing it on.
///
/// A line is written when its `\n` arrives (a credential never spans lines); the rest
/// waits for [`Masked::finish`] (or drop), so a flush in the middle of a line cannot
/// split a credential into two unmasked halves.
pub struct Masked<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Masked<W> {
    pub fn new(inner: W) -> Self {
        Masked {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is left of the last line, masked, and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.write_pending()?;
        self.inner.flush()
    }

    fn write_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let line = std::mem::take(&mut self.pending);
        write_masked(&mut self.inner, &line)
    }
}

/// Writes `bytes` with every credential masked (as they are when not UTF-8 text, which
/// this tool never prints).
fn write_masked(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    match std::str::from_utf8(bytes) {
        Ok(text) => out.write_all(redact::redact(text).as_bytes()),
        Err(_) => out.write_all(bytes),
    }
}

impl<W: Write> Write for Masked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let Some(last_newline) = memchr::memrchr(b'\n', buf) else {
            self.pending.extend_from_slice(buf);
            return Ok(buf.len());
        };
        let (lines, rest) = buf.split_at(last_newline + 1);
        if self.pending.is_empty() {
            write_masked(&mut self.inner, lines)?;
        } else {
            self.pending.extend_from_slice(lines);
            let text = std::mem::take(&mut self.pending);
            write_masked(&mut self.inner, &text)?;
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    /// Flushes the complete lines; a partial line stays until its end (or `finish`).
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Masked<W> {
    fn drop(&mut self) {
        let _ = self.write_pending();
        let _ = self.inner.flush();
    }
}

/// Complete lines rendered away from the writer (on a worker thread), masked there as
/// [`Masked`] masks them: line by line.
pub struct MaskedLines(Vec<u8>);

impl MaskedLines {
    /// Masks `text`, which ends with a line break (or is empty).
    pub fn new(text: Vec<u8>) -> MaskedLines {
        // No line holds a credential when the whole text has none of their signs (`://`,
        // a JWT's `eyJ`, a bearer token): the common case costs one scan.
        if std::str::from_utf8(&text).is_ok_and(|t| !redact::may_hold_credentials(t)) {
            return MaskedLines(text);
        }
        let mut out = Vec::with_capacity(text.len());
        for line in text.split_inclusive(|&b| b == b'\n') {
            // Writing to a Vec cannot fail.
            let _ = write_masked(&mut out, line);
        }
        MaskedLines(out)
    }
}

/// A writer that takes lines masked elsewhere ([`MaskedLines`]) as well as text to mask.
pub trait WriteLines: Write {
    fn write_lines(&mut self, lines: &MaskedLines) -> io::Result<()>;
}

impl<W: Write> WriteLines for Masked<W> {
    fn write_lines(&mut self, lines: &MaskedLines) -> io::Result<()> {
        if self.pending.is_empty() {
            self.inner.write_all(&lines.0)
        } else {
            // They continue a line begun here: mask that line whole.
            self.write_all(&lines.0)
        }
    }
}

/// Standard output, buffered and masked.
pub fn stdout() -> Masked<io::BufWriter<io::StdoutLock<'static>>> {
    Masked::new(io::BufWriter::new(io::stdout().lock()))
}

/// Standard error, masked.
pub fn stderr() -> Masked<io::StderrLock<'static>> {
    Masked::new(io::stderr().lock())
}

/// Writes one line to standard error, masked (what `eprintln!` would print).
pub fn error_line(args: fmt::Arguments<'_>) {
    let mut err = stderr();
    let _ = writeln!(err, "{args}");
    let _ = err.finish();
}

/// `eprintln!` through the masking layer.
macro_rules! eprintln_masked {
    ($($arg:tt)*) => {
        $crate::output::error_line(format_args!($($arg)*))
    };
}

/// Whether standard output is a terminal (for colour).
pub fn stdout_color_choice() -> anstream::ColorChoice {
    anstream::AutoStream::choice(&io::stdout())
}

/// Whether standard error is a terminal (for the progress bar).
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the write boundaries (and flushes between them), the output is the
    /// masked text.
    #[test]
    fn masks_across_write_boundaries() {
        let text = "a ftp://user:hunter2@host/x\nBearer abcdef and\nlast https://k:s@b";
        let expected = redact::redact(text).into_owned();
        assert!(!expected.contains("hunter2") && !expected.contains(":s@"));
        for chunk in 1..=text.len() {
            let mut buf = Vec::new();
            let mut masked = Masked::new(&mut buf);
            for piece in text.as_bytes().chunks(chunk) {
                masked.write_all(piece).unwrap();
                masked.flush().unwrap();
            }
            masked.finish().unwrap();
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                expected,
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn finish_writes_the_last_line_masked() {
        let mut buf = Vec::new();
        {
            let mut masked = Masked::new(&mut buf);
            write!(masked, "x sftp://u:secret@h").unwrap();
            masked.flush().unwrap();
            masked.finish().unwrap();
        }
        assert_eq!(String::from_utf8(buf).unwrap(), "x sftp://***:***@h");
    }
}
