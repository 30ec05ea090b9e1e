//! Build progress on stderr: an indicatif bar (documents/s, ETA) when stderr is a terminal,
//! plain periodic log lines when it is not (CI logs), nothing with `-q`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the build reports while it runs; called from the thread that drives the batches.
pub trait BuildObserver: Send + Sync {
    /// The inputs are listed (after `--include` / `--exclude`).
    fn started(&self, inputs: usize);
    /// `done` of the inputs have been processed.
    fn advanced(&self, done: usize);
    /// All inputs are processed; the corpus is being finished.
    fn finished(&self);
}

/// Seconds between two plain progress lines.
const LINE_INTERVAL: Duration = Duration::from_secs(10);

enum Display {
    Bar(ProgressBar),
    Lines { last: Mutex<Instant> },
    Hidden,
}

pub struct Progress {
    display: Display,
    started: Instant,
    total: Mutex<usize>,
}

impl Progress {
    /// A bar on a terminal, log lines otherwise, hidden when info logging is off (`-q`).
    pub fn for_stderr() -> Progress {
        let display = if !tracing::enabled!(tracing::Level::INFO) {
            Display::Hidden
        } else if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} docs  {rate}  ETA {eta}",
                )
                .expect("valid progress template")
                .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} docs/s", state.per_sec());
                })
                .progress_chars("=> "),
            );
            Display::Bar(bar)
        } else {
            Display::Lines {
                last: Mutex::new(Instant::now()),
            }
        };
        Progress {
            display,
            started: Instant::now(),
            total: Mutex::new(0),
        }
    }
}

impl BuildObserver for Progress {
    fn started(&self, inputs: usize) {
        *self.total.lock().expect("progress lock") = inputs;
        match &self.display {
            Display::Bar(bar) => bar.set_length(inputs as u64),
            Display::Lines { .. } => tracing::info!("{inputs} inputs to process"),
            Display::Hidden => {}
        }
    }

    fn advanced(&self, done: usize) {
        match &self.display {
            Display::Bar(bar) => bar.set_position(done as u64),
            Display::Lines { last } => {
                let total = *self.total.lock().expect("progress lock");
                let mut last = last.lock().expect("progress lock");
                if done < total && last.elapsed() < LINE_INTERVAL {
                    return;
                }
                *last = Instant::now();
                let seconds = self.started.elapsed().as_secs_f64().max(1e-9);
                let rate = done as f64 / seconds;
                let eta = if rate > 0.0 {
                    (total - done) as f64 / rate
                } else {
                    0.0
                };
                tracing::info!(
                    "{done}/{total} inputs ({:.0}%), {rate:.0} docs/s, ETA {eta:.0}s",
                    100.0 * done as f64 / total.max(1) as f64
                );
            }
            Display::Hidden => {}
        }
    }

    fn finished(&self) {
        if let Display::Bar(bar) = &self.display {
            bar.finish_and_clear();
        }
    }
}
