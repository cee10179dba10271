//! Where a batch stands: a progress bar on a terminal, plain log lines otherwise (CI, cron).

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::report::{CaseLine, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, lines otherwise.
    Auto,
    Lines,
    Quiet,
}

pub struct Progress {
    bar: Option<ProgressBar>,
    lines: bool,
    total: usize,
    state: Mutex<(usize, usize)>,
    started: Instant,
}

impl Progress {
    pub fn new(mode: ProgressMode, total: usize) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (mode == ProgressMode::Auto && terminal).then(|| {
            let bar = ProgressBar::new(total as u64);
            let style =
                ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} dossiers  {msg}  {per_sec}  reste {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
            bar.set_message("0 échec");
            bar
        });
        Self {
            lines: mode == ProgressMode::Lines || (mode == ProgressMode::Auto && !terminal),
            bar,
            total,
            state: Mutex::new((0, 0)),
            started: Instant::now(),
        }
    }

    /// Called from any thread when a case is finished.
    pub fn done(&self, line: &CaseLine) {
        let Ok(mut state) = self.state.lock() else { return };
        state.0 += 1;
        if line.statut == Status::Echec {
            state.1 += 1;
        }
        let (done, failures) = *state;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(format!("{failures} échec{}", if failures > 1 { "s" } else { "" }));
        }
        if self.lines {
            let rate = done as f64 / self.started.elapsed().as_secs_f64().max(1e-3);
            let width = self.total.to_string().len();
            eprintln!(
                "[{done:>width$}/{}] {:<10} {} {}({}, {rate:.1} dossiers/s)",
                self.total,
                line.statut.label(),
                line.dossier,
                line.reference.as_deref().map(|r| format!("[{r}] ")).unwrap_or_default(),
                crate::format::count(failures, "échec", "échecs"),
            );
            for e in &line.erreurs {
                eprintln!("    {e}");
            }
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
