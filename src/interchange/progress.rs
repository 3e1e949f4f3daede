//! Progress of a long export or import on standard error: a bar redrawn in place when standard
//! error is a terminal, else a plain line every few seconds (logs stay readable).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    what: &'static str,
    total: u64,
    done: u64,
    started: Instant,
    last: Instant,
    terminal: bool,
}

const TERMINAL_EVERY: Duration = Duration::from_millis(200);
const PLAIN_EVERY: Duration = Duration::from_secs(5);
const WIDTH: usize = 30;

impl Progress {
    /// `what` names the unit (`"exported"`, `"imported"`); `total` is the number of lines.
    pub fn new(what: &'static str, total: u64) -> Self {
        let now = Instant::now();
        Self {
            what,
            total,
            done: 0,
            started: now,
            last: now,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// `done` lines so far: redraws when it is time.
    pub fn update(&mut self, done: u64) {
        self.done = done;
        let every = if self.terminal {
            TERMINAL_EVERY
        } else {
            PLAIN_EVERY
        };
        if self.last.elapsed() >= every {
            self.last = Instant::now();
            self.draw(false);
        }
    }

    /// The last line: totals and the rate.
    pub fn finish(&mut self) {
        self.draw(true);
    }

    fn rate(&self) -> f64 {
        self.done as f64 / self.started.elapsed().as_secs_f64().max(1e-3)
    }

    fn draw(&self, last: bool) {
        let total = self.total.max(1);
        let fraction = (self.done as f64 / total as f64).min(1.0);
        let mut stderr = std::io::stderr().lock();
        let elapsed = self.started.elapsed().as_secs_f64();
        if self.terminal {
            let filled = (fraction * WIDTH as f64).round() as usize;
            let _ = write!(
                stderr,
                "\r{} [{}{}] {:>3.0}% {}/{} lines, {:.0}/s, {:.1} s\x1b[K",
                self.what,
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                fraction * 100.0,
                self.done,
                self.total,
                self.rate(),
                elapsed,
            );
            if last {
                let _ = writeln!(stderr);
            }
        } else {
            let _ = writeln!(
                stderr,
                "{} {}/{} lines ({:.0}%), {:.0}/s, {:.1} s",
                self.what,
                self.done,
                self.total,
                fraction * 100.0,
                self.rate(),
                elapsed,
            );
        }
    }
}
